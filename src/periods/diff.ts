// What changed for a unit between two assessments, indicator by indicator. Pure.
import { round2 } from '../engine/score.js';
import type { Assessment, Status } from '../schema/generated/assessment.js';
import { canonicalJson } from '../canonical.js';
import { standingLabel } from './ranking.js';

export interface IndicatorChange {
  id: string;
  title: string;
  from: { status: Status; value?: unknown };
  to: { status: Status; value?: unknown };
  change: 'improved' | 'worsened' | 'changed';
}

export interface AssessmentDiff {
  unit: Assessment['unit'];
  from: { period: string; score: number | null; standing: string };
  to: { period: string; score: number | null; standing: string };
  scoreChange: number | null;
  indicators: IndicatorChange[];
}

const GOOD: Record<Status, number> = { met: 3, not_applicable: 2, unmet: 1, not_assessed: 0 };

export function diffAssessments(from: Assessment, to: Assessment): AssessmentDiff {
  const before = new Map(from.results.map((r) => [r.id, r]));
  const indicators: IndicatorChange[] = [];
  for (const r of to.results) {
    const b = before.get(r.id);
    if (!b || (b.status === r.status && canonicalJson(b.value) === canonicalJson(r.value))) continue;
    const delta = GOOD[r.status] - GOOD[b.status];
    indicators.push({
      id: r.id,
      title: r.title,
      from: { status: b.status, ...(b.value !== undefined ? { value: b.value } : {}) },
      to: { status: r.status, ...(r.value !== undefined ? { value: r.value } : {}) },
      change: delta > 0 ? 'improved' : delta < 0 ? 'worsened' : 'changed',
    });
  }
  return {
    unit: to.unit,
    from: { period: from.period, score: from.score, standing: standingLabel(from) },
    to: { period: to.period, score: to.score, standing: standingLabel(to) },
    scoreChange: from.score !== null && to.score !== null ? round2(to.score - from.score) : null,
    indicators,
  };
}
