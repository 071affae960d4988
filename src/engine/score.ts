import { type Indicator, NOT_ASSESSED_GRADE, type Rubric, type Scoring } from '../rubric/model.js';
import type { GradeResult, IndicatorResult } from '../schema/generated/assessment.js';

export interface Score {
  score: number | null;
  detail: { method: string; earned: number; possible: number; max: number; deducted?: number; bonus?: number };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

type ItemPoints = NonNullable<IndicatorResult['points']>;

/**
 * One item of a points rubric. A bonus item adds per × count up to its points; a deduction item loses per ×
 * defects, never more than its points (or its own cap); any other item earns its points × credit.
 * An unanswered item earns nothing.
 */
export function itemPoints(ind: Indicator, status: IndicatorResult['status'], credit: number, defects: number, value: unknown): ItemPoints {
  const max = ind.points ?? 0;
  if (ind.bonus) {
    const bonus = status === 'not_assessed' ? 0 : Math.min(max, ind.bonus.per * (value as number));
    return { max, earned: 0, deducted: 0, bonus: round2(bonus) };
  }
  if (status === 'not_assessed') return { max, earned: 0, deducted: max, bonus: 0 };
  if (ind.deduct) {
    const deducted = Math.min(max, ind.deduct.max, ind.deduct.per * defects);
    return { max, earned: round2(max - deducted), deducted: round2(deducted), bonus: 0 };
  }
  return { max, earned: round2(max * credit), deducted: round2(max - max * credit), bonus: 0 };
}

/**
 * percent: 100 × Σ(weight × credit) / Σ weight over applicable indicators.
 * points: Σ earned / Σ points over applicable items × total (so 不适用 items are rescaled away), with bonuses up to
 * bonus_cap added after or before that rescaling (scoring.bonus_order), never above total.
 * In both, 不适用 leaves the denominator and an unanswered indicator stays in it with no credit, so leaving a
 * failing answer out never raises the score.
 */
export function computeScore(rubric: Rubric, results: readonly IndicatorResult[]): Score {
  const applicable = results.filter((r) => r.credit !== null || r.points?.bonus);
  if (rubric.scoring.method === 'points') {
    const items = applicable.filter((r) => r.points && !rubric.byId.get(r.id)!.bonus);
    const earned = items.reduce((s, r) => s + r.points!.earned, 0);
    const possible = items.reduce((s, r) => s + r.points!.max, 0);
    const deducted = items.reduce((s, r) => s + r.points!.deducted, 0);
    const bonus = Math.min(rubric.scoring.bonusCap, applicable.reduce((s, r) => s + (r.points?.bonus ?? 0), 0));
    const total = rubric.scoring.total;
    const score = possible === 0 ? null : pointsScore(earned, possible, bonus, rubric.scoring);
    return { score, detail: { method: 'points', earned: round2(earned), possible: round2(possible), max: total, deducted: round2(deducted), bonus: round2(bonus) } };
  }
  let earned = 0;
  let possible = 0;
  for (const r of applicable) {
    possible += r.weight;
    earned += r.weight * (r.credit ?? 0);
  }
  return { score: possible === 0 ? null : round2((100 * earned) / possible), detail: { method: 'percent', earned: round2(earned), possible: round2(possible), max: 100 } };
}

/**
 * The points score out of `total`: earned over possible (the points of the applicable items), rescaled to total,
 * with the capped bonus added after the rescaling (after_rescaling: 75/85 × 100 + 2 = 90.24) or to the earned points
 * before it (before_rescaling: (75 + 2)/85 × 100 = 90.59). Never above total.
 */
export function pointsScore(earned: number, possible: number, bonus: number, scoring: Pick<Scoring, 'total' | 'bonusOrder'>): number {
  const { total } = scoring;
  const raw = scoring.bonusOrder === 'before_rescaling' ? ((earned + bonus) / possible) * total : (earned / possible) * total + bonus;
  return round2(Math.min(total, raw));
}

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
