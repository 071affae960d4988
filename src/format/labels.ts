import type { Status } from '../schema/generated/assessment.js';

export const STATUS_ZH: Record<Status, string> = {
  met: '达标',
  unmet: '未达标',
  not_applicable: '不适用',
  not_assessed: '未检查',
};

export const STATUS_MARK: Record<Status, string> = { met: '✓', unmet: '✗', not_applicable: '—', not_assessed: '?' };

export { LEVEL_ZH } from '../levels.js';
