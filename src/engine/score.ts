import type { Rubric } from '../rubric/model.js';
import type { IndicatorResult } from '../schema/generated/assessment.js';

export interface Score {
  score: number | null;
  detail: { method: string; earned: number; possible: number };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * percent: 100 × Σ(weight × credit) / Σ weight over applicable indicators. 不适用 leaves the denominator;
 * an unanswered indicator stays in it with no credit, so leaving a failing answer out never raises the score.
 */
export function computeScore(rubric: Rubric, results: readonly IndicatorResult[]): Score {
  let earned = 0;
  let possible = 0;
  for (const r of results) {
    if (r.credit === null) continue;
    possible += r.weight;
    earned += r.weight * r.credit;
  }
  const method = rubric.definition.scoring.method;
  return { score: possible === 0 ? null : round2((100 * earned) / possible), detail: { method, earned: round2(earned), possible: round2(possible) } };
}
