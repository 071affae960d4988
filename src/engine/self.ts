// The unit's own scores (自评分) beside the inspector's, and the scores an inspector wrote by hand (考核分):
// both are compared with what the answers give, never used in their place.
import type { Rubric, SectionNode } from '../rubric/model.js';
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
  // The total counts each self-score once: a section's own self-score stands for everything under it.
  let total = 0;
  let complete = true;
  const status = new Map(results.map((r) => [r.id, r.status]));
  const hasPoints = (node: SectionNode): boolean => node.indicatorIds.some((id) => (rubric.byId.get(id)!.points ?? 0) > 0) || node.sections.some(hasPoints);
  const visit = (node: SectionNode): void => {
    if (node.id !== undefined && own[node.id] !== undefined) {
      total += own[node.id]!;
      return;
    }
    // A budget made only of deduction rules is covered only by its own self-score.
    if (node.budget !== undefined && !hasPoints(node)) complete = false;
    for (const id of node.indicatorIds) {
      const ind = rubric.byId.get(id)!;
      if (own[id] !== undefined) total += own[id]!;
      else if (!ind.bonus && (ind.points ?? 0) > 0 && status.get(id) !== 'not_applicable') complete = false;
    }
    node.sections.forEach(visit);
  };
  rubric.sections.forEach(visit);
  total = round2(total);
  return { summary: { total, complete, ...(complete && score !== null ? { difference: round2(score - total) } : {}) }, warnings };
}
