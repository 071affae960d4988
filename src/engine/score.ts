import { NOT_ASSESSED_GRADE, type Rubric, type Scoring } from '../rubric/model.js';
import type { GradeResult, IndicatorResult } from '../schema/generated/assessment.js';
import { round2 } from './models/types.js';

export { round2 } from './models/types.js';

/**
 * The grade band of a points rubric. A veto item not met gives the veto grade whatever the score. A veto item left
 * unanswered (and none failed) gives no grade at all: 未评定, not passing, and not a veto, because nobody found the
 * failing the veto stands for.
 */
export function computeGrade(rubric: Rubric, results: readonly IndicatorResult[], score: number | null): GradeResult | null {
  const grades = rubric.scoring.grades;
  if (grades.length === 0 || score === null) return null;
  const byScore = grades.find((g) => score >= g.min) ?? grades.at(-1)!;
  const vetoItems = results.filter((r) => r.veto && r.status === 'unmet').map((r) => r.id);
  const vetoed = vetoItems.length > 0;
  const unanswered = vetoed ? [] : results.filter((r) => r.veto && r.status === 'not_assessed');
  if (unanswered.length > 0) return ungraded(unanswered, byScore);
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

/** No grade while a veto item is unanswered: what the score alone would give is kept, and the reason names the items. */
function ungraded(items: readonly IndicatorResult[], byScore: Scoring['grades'][number]): GradeResult {
  const named = items.map((r) => `${r.id}“${r.title}”`).join('、');
  return {
    id: NOT_ASSESSED_GRADE,
    label: '未评定',
    min: 0,
    pass: false,
    vetoed: false,
    veto_items: [],
    by_score: byScore.id,
    not_assessed: {
      code: 'VETO_NOT_ASSESSED',
      reason: `否决项 ${named}未检查，不能评定等级（不是单项否决；按得分为${byScore.label}），检查该项后再评定`,
      items: items.map((r) => r.id),
    },
  };
}
