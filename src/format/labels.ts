import type { Assessment, GradeResult, Status } from '../schema/generated/assessment.js';

export const STATUS_ZH: Record<Status, string> = {
  met: '达标',
  unmet: '未达标',
  not_applicable: '不适用',
  not_assessed: '未检查',
};

export const STATUS_MARK: Record<Status, string> = { met: '✓', unmet: '✗', not_applicable: '—', not_assessed: '?' };

export { LEVEL_ZH } from '../levels.js';

/**
 * Why a grade is not the score's: a failed veto item (单项否决) or a veto item nobody checked (未评定), which must
 * never read as a veto. Empty when the score decides.
 */
export function gradeQualifier(g: GradeResult): string {
  if (g.vetoed) return `单项否决：${g.veto_items.join('、')}`;
  if (g.not_assessed) return `否决项未检查：${g.not_assessed.items.join('、')}`;
  return '';
}

/** The tier reached, in words, for a rubric with its own tiers. */
export const tierStanding = (a: Pick<Assessment, 'tier_label' | 'all_not_applicable'>): string =>
  a.tier_label ?? (a.all_not_applicable ? '无（全部指标不适用，无法评定）' : '未达到任何等级');
