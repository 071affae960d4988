// A county's period (a month, or the quarter or half year the rubric assesses) at a glance: units ranked by the
// rubric's ranking rule, the change since the previous period, and the indicators most often unmet. Pure:
// assessments in, a summary out; the workbook and the API render it.
import type { PeriodKind } from '../calendar/period.js';
import { round2 } from '../engine/score.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Unit } from '../schema/generated/submission.js';
import { rank, type RankingRule, rankingRule, ruleText, standingLabel, standingRank, vetoItems } from './ranking.js';

export { standingLabel, standingRank } from './ranking.js';
import type { RectificationCounts } from './rectification.js';

export interface RankedUnit {
  /** Competition rank among the unit's level (or among all units when the rubric ranks levels together). */
  rank: number;
  unit: Unit;
  score: number | null;
  /** Tier label, grade label or 达标/未达标, as the rubric judges. */
  standing: string;
  passed: boolean;
  /** The veto items failed (单项否决); empty when none. */
  veto: string[];
  /** The record is a draft, not yet finalized. */
  draft: boolean;
  previous: { score: number | null; standing: string } | null;
  /** Score change since the previous period; null without a previous assessment or score. */
  change: number | null;
  /** Up or down a tier or grade since the previous period. */
  movement: 'up' | 'down' | 'same' | null;
}

export interface UnmetIndicator {
  id: string;
  title: string;
  unmet: number;
  /** Share of the units assessed on the indicator (not 不适用) that did not meet it, 0–1. */
  share: number;
  units: Array<{ code: string; name: string }>;
}

/** Which stored records a report was built from. */
export interface RecordBasis {
  /** Only finalized records were read. */
  finalOnly: boolean;
  /** The assessments that come from draft records. */
  drafts: ReadonlySet<Assessment>;
}

/** What a report says about its records: null when it was computed from files rather than stored records. */
export type RecordsNote = { finalOnly: boolean; total: number; drafts: number } | null;

export function recordsNote(basis: RecordBasis | undefined, assessments: readonly Assessment[]): RecordsNote {
  return basis ? { finalOnly: basis.finalOnly, total: assessments.length, drafts: assessments.filter((a) => basis.drafts.has(a)).length } : null;
}

/** The rubric a report was made with, and its veto items (a report has a 单项否决 column only when there are any). */
export interface RubricInfo {
  id: string;
  version: string;
  title: string;
  vetoItems: string[];
}

export const rubricInfo = (rubric: Rubric): RubricInfo => ({ id: rubric.id, version: rubric.version, title: rubric.title, vetoItems: rubric.indicators.filter((i) => i.veto).map((i) => i.id) });

export interface CountySummary {
  rubric: RubricInfo;
  /** The rubric's period kind, which `period` and `previousPeriod` are of. */
  periodKind: PeriodKind;
  period: string;
  previousPeriod: string | null;
  ranking: RankingRule;
  /** The ranking rule in words. */
  rule: string;
  records: RecordsNote;
  units: RankedUnit[];
  unmet: UnmetIndicator[];
  totals: { units: number; passed: number; meanScore: number | null };
  /** Open and overdue rectification orders per unit, when the service adds them. */
  rectification?: RectificationCounts;
}

export function countySummary(rubric: Rubric, current: readonly Assessment[], previous: readonly Assessment[] = [], basis?: RecordBasis): CountySummary {
  const before = new Map(previous.map((a) => [a.unit.code, a]));
  const rule = rankingRule(rubric);
  const units = rank(current.map((a) => ({ unit: a.unit, band: standingRank(rubric, a), value: a.score, a })), rule, 'highest').map(({ rank: position, row: { a } }): RankedUnit => {
    const prev = before.get(a.unit.code);
    const movement = prev ? Math.sign(standingRank(rubric, a) - standingRank(rubric, prev)) : null;
    return {
      rank: position,
      unit: a.unit,
      score: a.score,
      standing: standingLabel(a),
      passed: a.result.passed,
      veto: vetoItems(a),
      draft: basis?.drafts.has(a) ?? false,
      previous: prev ? { score: prev.score, standing: standingLabel(prev) } : null,
      change: prev && prev.score !== null && a.score !== null ? round2(a.score - prev.score) : null,
      movement: movement === null ? null : movement > 0 ? 'up' : movement < 0 ? 'down' : 'same',
    };
  });

  const scores = current.map((a) => a.score).filter((s): s is number => s !== null);
  return {
    rubric: rubricInfo(rubric),
    periodKind: rubric.period,
    period: current[0]?.period ?? '',
    previousPeriod: previous[0]?.period ?? null,
    ranking: rule,
    rule: ruleText(rubric, rule, '得分', 'highest'),
    records: recordsNote(basis, current),
    units,
    unmet: mostUnmet(rubric, current),
    totals: {
      units: current.length,
      passed: current.filter((a) => a.result.passed).length,
      meanScore: mean(scores),
    },
  };
}

/**
 * Indicators by how many assessments left them unmet, most first (source order breaks ties). Each assessment
 * counts once, so over a quarter a unit unmet in three months counts three times.
 */
export function mostUnmet(rubric: Rubric, assessments: readonly Assessment[]): UnmetIndicator[] {
  // One pass over every result, counting into the indicator's slot: linear in the results, with nothing built per
  // assessment. A result the rubric has no slot for was scored with an earlier version, which had that indicator.
  const slot = new Map(rubric.indicators.map((ind, i) => [ind.id, i]));
  const assessed = rubric.indicators.map(() => 0);
  const unmet = rubric.indicators.map(() => 0);
  const units = rubric.indicators.map(() => new Map<string, string>());
  const ids = rubric.indicators.map((ind) => ind.id);
  for (const a of assessments) {
    const results = a.results;
    for (let j = 0; j < results.length; j++) {
      const r = results[j]!;
      // Results come in the rubric's order: the slot is looked up only where a result is not in its place.
      const i = ids[j] === r.id ? j : slot.get(r.id);
      if (i === undefined || r.status === 'not_applicable') continue;
      assessed[i]!++;
      if (r.status !== 'unmet') continue;
      unmet[i]!++;
      units[i]!.set(a.unit.code, a.unit.name);
    }
  }
  return rubric.indicators
    .map((ind, i) => ({ id: ind.id, title: ind.title, unmet: unmet[i]!, share: assessed[i] ? unmet[i]! / assessed[i]! : 0, units: [...units[i]!].map(([code, name]) => ({ code, name })) }))
    .filter((u) => u.unmet > 0)
    .sort((a, b) => b.unmet - a.unmet || slot.get(a.id)! - slot.get(b.id)!);
}

export const mean = (xs: readonly number[]): number | null => (xs.length ? round2(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
