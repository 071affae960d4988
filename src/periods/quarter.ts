// The quarterly circular (季通报): units ranked by the rubric's ranking rule over the quarter (its standing, then the
// mean of its monthly scores), the units below standard, those that dropped a tier or grade, and the indicators most
// often unmet. A rubric assessed by quarter has one period in its quarter; one assessed by half year has no
// quarterly circular (calendar.ts quarterWindow refuses it). Pure.
import { PERIOD_WORDS, type PeriodKind } from '../calendar/period.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Unit } from '../schema/generated/submission.js';
import { quarterWindow } from './calendar.js';
import { mean, rubricInfo, type RubricInfo, mostUnmet, type RecordBasis, type RecordsNote, recordsNote, type UnmetIndicator } from './county.js';
import { periodStanding, rank, type RankingRule, rankingRule, ruleText, standingLabel, standingRank, vetoGrade, vetoItems } from './ranking.js';
import type { RectificationCounts } from './rectification.js';

export interface QuarterUnit {
  rank: number;
  unit: Unit;
  /** Mean of the scores the unit has in the quarter's periods; missing periods are not scored. */
  mean: number | null;
  /** The unit's assessments in the quarter's periods (months, or the quarter itself for a quarterly rubric). */
  months: Array<{ period: string; score: number | null; standing: string; draft: boolean }>;
  /** The quarter's periods the unit has no assessment for. */
  missing: string[];
  /** The quarter's standing, which ranks it (ranking.ts periodStanding). */
  quarterStanding: string;
  /** Veto items failed, by month. */
  veto: Array<{ period: string; items: string[] }>;
  /** Standing in the quarter's latest assessed month. */
  standing: string;
  passed: boolean;
}

export interface QuarterlyCircular {
  rubric: RubricInfo;
  year: number;
  quarter: number;
  /** The rubric's period kind: what `months` and each unit's `months` and `missing` hold. */
  periodKind: PeriodKind;
  /**
   * The quarter's periods: its three months (YYYY-MM) for a monthly rubric, the quarter itself (YYYY-Qn) for a
   * quarterly one. The name is kept for the JSON consumers that read it.
   */
  months: string[];
  ranking: RankingRule;
  records: RecordsNote;
  units: QuarterUnit[];
  belowStandard: Array<{ unit: Unit; standing: string; period: string }>;
  dropped: Array<{ unit: Unit; from: { period: string; standing: string }; to: { period: string; standing: string } }>;
  unmet: UnmetIndicator[];
  rule: string;
  /** Open and overdue rectification orders per unit, when the service adds them. */
  rectification?: RectificationCounts;
}

/**
 * `assessments` may hold any periods; those of the quarter are ranked, and the previous quarter's are used to
 * see who dropped.
 */
export function quarterlyCircular(rubric: Rubric, assessments: readonly Assessment[], year: number, quarter: number, basis?: RecordBasis): QuarterlyCircular {
  const { months, before } = quarterWindow(year, quarter, rubric);
  const inQuarter = assessments.filter((a) => months.includes(a.period));
  const byUnit = group(inQuarter);
  const previous = group(assessments.filter((a) => before.includes(a.period)));
  const rule = rankingRule(rubric);

  const rows = [...byUnit.values()].map((list) => {
    const last = list.at(-1)!;
    const value = mean(list.flatMap((a) => (a.score === null ? [] : [a.score])));
    const period = periodStanding(rubric, list, value);
    return {
      unit: last.unit,
      band: period.band,
      value,
      mean: value,
      months: list.map((a) => ({ period: a.period, score: a.score, standing: standingLabel(a), draft: basis?.drafts.has(a) ?? false })),
      missing: months.filter((m) => !list.some((a) => a.period === m)),
      quarterStanding: period.label,
      veto: list.filter((a) => vetoItems(a).length).map((a) => ({ period: a.period, items: vetoItems(a) })),
      standing: standingLabel(last),
      passed: last.result.passed,
    };
  });
  const ranked = rank(rows, rule, 'highest');

  const dropped: QuarterlyCircular['dropped'] = [];
  for (const [code, list] of byUnit) {
    // Compared with the end of the previous quarter, or with the quarter's own first month.
    const from = previous.get(code)?.at(-1) ?? list[0]!;
    const to = list.at(-1)!;
    if (standingRank(rubric, to) < standingRank(rubric, from)) {
      dropped.push({ unit: to.unit, from: { period: from.period, standing: standingLabel(from) }, to: { period: to.period, standing: standingLabel(to) } });
    }
  }

  return {
    rubric: rubricInfo(rubric),
    year,
    quarter,
    periodKind: rubric.period,
    months,
    ranking: rule,
    records: recordsNote(basis, inQuarter),
    units: ranked.map(({ rank: position, row: { band: _b, value: _v, ...row } }) => ({ rank: position, ...row })),
    belowStandard: ranked.map(({ row }) => row).filter((r) => !r.passed).map((r) => ({ unit: r.unit, standing: r.standing, period: r.months.at(-1)!.period })),
    dropped: dropped.sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    unmet: mostUnmet(rubric, inQuarter),
    rule: rubric.period === 'quarter'
      ? `季度得分为本季度的考核得分；${ruleText(rubric, rule, '季度得分', 'highest')}等级下降与上季度比较。`
      : `季度平均分为季度内已考核月份得分的平均分（缺考月份不计分，另行列出）；${standingNote(rubric)}${ruleText(rubric, rule, '季度平均分', 'highest')}未达标单位以季度内最近一次考核为准；等级下降与上季度末（无则与本季度首月）比较。`,
  };
}

/** How the periods' standings make the span's, in words (periodStanding), with the rubric's word for its periods. */
export function standingNote(rubric: Rubric): string {
  const words = PERIOD_WORDS[rubric.period];
  if (rubric.scoring.grades.length) {
    const veto = rubric.indicators.some((i) => i.veto) ? `，任一${words.unit}单项否决的计为${vetoGrade(rubric).label}` : '';
    return `期间等级按平均分所在等级计${veto}；`;
  }
  return rubric.implicitTier ? `期间结论以${words.each}均达标为达标；` : `期间等级取${words.each}中最低的等级；`;
}

/** Assessments by unit code, each list in period order. */
export function group(assessments: readonly Assessment[]): Map<string, Assessment[]> {
  const out = new Map<string, Assessment[]>();
  for (const a of [...assessments].sort((x, y) => x.period.localeCompare(y.period))) out.set(a.unit.code, [...(out.get(a.unit.code) ?? []), a]);
  return out;
}
