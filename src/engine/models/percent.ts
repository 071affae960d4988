// percent: 100 × Σ(weight × credit) / Σ weight over applicable indicators. 不适用 leaves the denominator; an
// unanswered indicator stays in it with no credit, so leaving a failing answer out never raises the score.
import { round2, type ScoringModel } from './types.js';

export const percentModel: ScoringModel = {
  score(_rubric, evaluations) {
    let earned = 0;
    let possible = 0;
    for (const { result: r } of evaluations) {
      if (r.credit === null) continue;
      possible += r.weight;
      earned += r.weight * r.credit;
    }
    return { score: possible === 0 ? null : round2((100 * earned) / possible), detail: { method: 'percent', earned: round2(earned), possible: round2(possible), max: 100 } };
  },
};
