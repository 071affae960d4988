import type { Rubric } from '../rubric/model.js';
import type { GradeResult, IndicatorResult } from '../schema/generated/assessment.js';
import { round2 } from './models/types.js';

export { round2 } from './models/types.js';

/** The grade band of a points rubric; a veto item not met gives the veto grade whatever the score. */
export function computeGrade(rubric: Rubric, results: readonly IndicatorResult[], score: number | null): GradeResult | null {
  const grades = rubric.scoring.grades;
  if (grades.length === 0 || score === null) return null;
  const byScore = grades.find((g) => score >= g.min) ?? grades.at(-1)!;
  const vetoItems = results.filter((r) => r.veto && (r.status === 'unmet' || r.status === 'not_assessed')).map((r) => r.id);
  const vetoed = vetoItems.length > 0;
  const grade = vetoed ? (grades.find((g) => g.id === rubric.scoring.vetoGrade) ?? grades.at(-1)!) : byScore;
  const higher = grades[grades.indexOf(byScore) - 1];
  return {
    id: grade.id,
    label: grade.label,
    min: grade.min,
    pass: grade.pass && !vetoed,
    vetoed,
    veto_items: vetoItems,
    by_score: byScore.id,
    ...(higher ? { next: { id: higher.id, label: higher.label, min: higher.min, points_short: round2(higher.min - score) } } : {}),
  };
}
