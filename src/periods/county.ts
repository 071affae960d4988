// A county's month at a glance: units ranked by score, the change since the previous period, and the
// indicators most often unmet. Pure: assessments in, a summary out; the workbook and the API render it.
import { round2 } from '../engine/score.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Unit } from '../schema/generated/submission.js';
import { rankBy } from './calendar.js';
import type { RectificationCounts } from './rectification.js';

export interface RankedUnit {
  /** Competition ranking: equal scores share a rank and the next rank is skipped (1, 2, 2, 4). */
  rank: number;
  unit: Unit;
  score: number | null;
  /** Tier label, grade label or 达标/未达标, as the rubric judges. */
  standing: string;
  passed: boolean;
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
  units: string[];
}

export interface CountySummary {
  rubric: { id: string; version: string; title: string };
  period: string;
  previousPeriod: string | null;
  units: RankedUnit[];
  unmet: UnmetIndicator[];
  totals: { units: number; passed: number; meanScore: number | null };
  /** Open and overdue rectification orders per unit, when the service adds them. */
  rectification?: RectificationCounts;
}

/** The position of a standing on the rubric's ladder: a higher number is better; 未评定 (no grade) is below every grade. */
export function standingRank(rubric: Rubric, a: Assessment): number {
  if (a.grade) {
    const i = rubric.scoring.grades.findIndex((g) => g.id === a.grade!.id);
    return i < 0 ? 0 : rubric.scoring.grades.length - i;
  }
  return a.tier === null ? 0 : rubric.tiers.findIndex((t) => t.id === a.tier) + 1;
}

export const standingLabel = (a: Assessment): string => a.grade?.label ?? a.tier_label ?? a.result.label;

/** Ranked by score, highest first; ties share a rank and are listed by unit code; units without a score come last. */
export function countySummary(rubric: Rubric, current: readonly Assessment[], previous: readonly Assessment[] = []): CountySummary {
  const before = new Map(previous.map((a) => [a.unit.code, a]));
  const units: RankedUnit[] = [];
  rankBy(current, (a) => a.score, 'highest').forEach(({ rank, row: a }) => {
    const prev = before.get(a.unit.code);
    const movement = prev ? Math.sign(standingRank(rubric, a) - standingRank(rubric, prev)) : null;
    units.push({
      rank,
      unit: a.unit,
      score: a.score,
      standing: standingLabel(a),
      passed: a.result.passed,
      previous: prev ? { score: prev.score, standing: standingLabel(prev) } : null,
      change: prev && prev.score !== null && a.score !== null ? round2(a.score - prev.score) : null,
      movement: movement === null ? null : movement > 0 ? 'up' : movement < 0 ? 'down' : 'same',
    });
  });

  const unmet = mostUnmet(rubric, current);
  const scores = current.map((a) => a.score).filter((s): s is number => s !== null);
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    period: current[0]?.period ?? '',
    previousPeriod: previous[0]?.period ?? null,
    units,
    unmet,
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
  // Each assessment's results indexed once: the naive nested lookup is quadratic in indicators × units.
  const statuses = assessments.map((a) => new Map(a.results.map((r) => [r.id, r.status])));
  const order = new Map(rubric.indicators.map((ind, i) => [ind.id, i]));
  return rubric.indicators
    .map((ind) => {
      let assessed = 0;
      const units: string[] = [];
      statuses.forEach((st, i) => {
        const status = st.get(ind.id);
        // undefined: the record was scored with an earlier version of the rubric, which did not have this indicator.
        if (status === undefined || status === 'not_applicable') return;
        assessed++;
        if (status === 'unmet') units.push(assessments[i]!.unit.code);
      });
      return { id: ind.id, title: ind.title, unmet: units.length, share: assessed ? units.length / assessed : 0, units: [...new Set(units)] };
    })
    .filter((u) => u.unmet > 0)
    .sort((a, b) => b.unmet - a.unmet || order.get(a.id)! - order.get(b.id)!);
}

export const mean = (xs: readonly number[]): number | null => (xs.length ? round2(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
