// The annual accumulation (年累计): the year's periods of the rubric's kind (twelve months, four quarters or two
// half years) combined by the rubric's declared method and ranked by its ranking rule. A missing period is listed
// as missing and never treated as a score. Pure.
import { periodHolding, periodsOfYear, PERIOD_WORDS, type PeriodKind } from '../calendar/period.js';
import { round2 } from '../engine/score.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Unit } from '../schema/generated/submission.js';
import { mean, rubricInfo, type RubricInfo, type RecordBasis, type RecordsNote, recordsNote } from './county.js';
import { group, standingNote } from './quarter.js';
import { periodStanding, rank, type RankingRule, rankingRule, ruleText, vetoItems } from './ranking.js';

export interface AnnualUnit {
  rank: number;
  unit: Unit;
  method: 'mean' | 'deductions';
  /** Mean of the periods' scores, or the sum of their deductions; over assessed periods only. */
  value: number | null;
  /** The unit's assessments in the year's periods. */
  months: Array<{ period: string; score: number | null; deducted: number | null; draft: boolean }>;
  /** The year's periods (through `through`) the unit has no assessment for. */
  missing: string[];
  complete: boolean;
  /** The year's standing, which ranks it (ranking.ts periodStanding). */
  standing: string;
  veto: Array<{ period: string; items: string[] }>;
}

export interface AnnualAccumulation {
  rubric: RubricInfo;
  year: number;
  /** The rubric's period kind: what `months` and each unit's `months` and `missing` hold. */
  periodKind: PeriodKind;
  /**
   * The periods that count, of the rubric's kind: all of the year's (12 months, 4 quarters, 2 half years), or those
   * up to the one holding `through` for a year still running. The name is kept for the JSON consumers that read it.
   */
  months: string[];
  method: 'mean' | 'deductions';
  ranking: RankingRule;
  records: RecordsNote;
  units: AnnualUnit[];
  rule: string;
}

/** `through` is a period of any kind (the current month, say): the periods up to the one that holds it count. */
export function annualAccumulation(rubric: Rubric, assessments: readonly Assessment[], year: number, through?: string, basis?: RecordBasis): AnnualAccumulation {
  const last = through === undefined ? undefined : periodHolding(rubric.period, through);
  const months = periodsOfYear(rubric.period, year).filter((p) => last === undefined || p <= last);
  const method = rubric.scoring.annual;
  const inYear = assessments.filter((a) => months.includes(a.period));
  const rule = rankingRule(rubric);
  const rows = [...group(inYear).values()].map((list) => {
    const scores = list.flatMap((a) => (a.score === null ? [] : [a.score]));
    const deductions = list.map((a) => a.score_detail.deducted ?? 0);
    const missing = months.filter((m) => !list.some((a) => a.period === m));
    const value = method === 'mean' ? mean(scores) : round2(deductions.reduce((s, x) => s + x, 0));
    const standing = periodStanding(rubric, list, mean(scores));
    return {
      unit: list.at(-1)!.unit,
      band: standing.band,
      value,
      method,
      months: list.map((a) => ({ period: a.period, score: a.score, deducted: a.score_detail.deducted ?? null, draft: basis?.drafts.has(a) ?? false })),
      missing,
      complete: missing.length === 0,
      standing: standing.label,
      veto: list.filter((a) => vetoItems(a).length).map((a) => ({ period: a.period, items: vetoItems(a) })),
    };
  });
  // Higher mean is better; fewer deductions are better.
  const best = method === 'mean' ? 'highest' : 'lowest';
  const ranked = rank(rows, rule, best);
  const value = method === 'mean' ? '年平均分' : '扣分合计';
  const unit = PERIOD_WORDS[rubric.period].unit;
  return {
    rubric: rubricInfo(rubric),
    year,
    periodKind: rubric.period,
    months,
    method,
    ranking: rule,
    records: recordsNote(basis, inYear),
    units: ranked.map(({ rank: position, row: { band: _b, ...row } }) => ({ rank: position, ...row })),
    rule: `${method === 'mean' ? `年累计为已考核${unit}得分的平均分` : `年累计为已考核${unit}扣分之和`}；缺考${unit}单列，不按任何分数计；${standingNote(rubric).replace('期间', '年度')}${ruleText(rubric, rule, value, best)}`,
  };
}
