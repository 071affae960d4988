// The unit's own scores (自评分) beside the inspector's, and the scores an inspector wrote by hand (考核分):
// both are compared with what the answers give, never used in their place.
import type { Rubric } from '../rubric/model.js';
import type { Assessment, IndicatorResult, Notice, SectionResult } from '../schema/generated/assessment.js';
import type { Submission } from '../schema/generated/submission.js';
import { round2 } from './models/types.js';

/** What the engine scored for an item (its points, or its bonus) or a budgeted section (its subtotal), by id. */
function assessedById(results: readonly IndicatorResult[], sections: readonly SectionResult[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of results) if (r.points && r.status !== 'not_applicable') out.set(r.id, r.points.bonus > 0 ? r.points.bonus : r.points.earned);
  for (const s of sections ?? []) if (s.id !== undefined) out.set(s.id, s.subtotal);
  return out;
}

export function selfScores(
  rubric: Rubric,
  sub: Submission,
  results: IndicatorResult[],
  sections: SectionResult[] | undefined,
  score: number | null,
  claimed: (claims: ReadonlyMap<string, number>) => number | null,
): { summary?: Assessment['self_assessment']; warnings: Notice[] } {
  const warnings: Notice[] = [];
  const assessed = assessedById(results, sections);
  for (const [id, stated] of Object.entries(sub.inspector_scores ?? {})) {
    const got = assessed.get(id);
    if (got !== undefined && Math.abs(got - stated) > 0.005) {
      warnings.push({ code: 'SCORE_MISMATCH', indicator: id, message: `${id} 手填的考核分 ${stated} 与按答案计算的 ${got} 不一致，以计算结果为准：请核对答案或考核分` });
    }
  }
  const own = sub.self_scores;
  if (!own || Object.keys(own).length === 0) return { warnings };
  const byClaim = claimed(new Map(Object.entries(own)));
  for (const r of results) {
    const v = own[r.id];
    if (v === undefined) continue;
    r.self_score = v;
    const got = assessed.get(r.id);
    if (got !== undefined) r.self_difference = round2(got - v);
  }
  for (const s of sections ?? []) {
    const v = s.id !== undefined ? own[s.id] : undefined;
    if (v === undefined) continue;
    s.self_score = v;
    s.self_difference = round2(s.subtotal - v);
  }
  // Where the claims cover the table, their total is the score they give under the rubric's rules (rescaled and
  // capped like the score); otherwise it is their plain sum, and there is no difference to state.
  const total = round2(byClaim ?? Object.values(own).reduce((a, b) => a + b, 0));
  return { summary: { total, complete: byClaim !== null, ...(byClaim !== null && score !== null ? { difference: round2(score - total) } : {}) }, warnings };
}
