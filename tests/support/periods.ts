// Rubrics assessed by quarter and by half year, and their assessments, scored by hand (see each comment), for the
// period tests of the pure reports, the workbooks, the API and the CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../../src/engine/evaluate.js';
import { loadRubricFile, PACKAGE_ROOT } from '../../src/rubric/load.js';
import type { Assessment } from '../../src/schema/generated/assessment.js';
import type { Submission } from '../../src/schema/generated/submission.js';
import { fixture, rubric } from './rubrics.js';

/** A county's own quarterly rubric: 100 − 40 if 1 is unmet − 5 per 脱岗 (≤30) − 10 per 投诉 (≤30); 优秀 ≥ 90, 合格 ≥ 60. */
export const QUARTERLY_PATH = join(PACKAGE_ROOT, 'tests/support/quarterly/quarterly-township.yaml');
export const quarterly = await loadRubricFile(QUARTERLY_PATH);
export const halfYearly = await rubric('yinchuan-branch-hall-departments');

export const TOWNS = {
  A: { code: '330212101000', name: '甲镇便民服务中心', level: 'township' },
  B: { code: '330212102000', name: '乙镇便民服务中心', level: 'township' },
  C: { code: '330212103000', name: '丙镇便民服务中心', level: 'township' },
} as const;

/** A quarterly submission: whether the hall is in order, 脱岗 and 投诉 found. */
export const quarterSub = (unit: keyof typeof TOWNS, period: string, hall: boolean, absences: number, complaints: number): Submission =>
  ({ rubric: quarterly.id, unit: TOWNS[unit], period, inspector: '县政务服务办', answers: { '1': hall, '2': absences, '3': complaints } }) as Submission;

/**
 * The quarterly data, with each score by hand:
 *   2025-Q4  A 100 优秀             B 100−10−10 = 80 合格
 *   2026-Q1  A 100−5−10 = 85 合格   B 100 优秀           C 100−40−15−20 = 25 不合格
 *   2026-Q2                          B 100−5 = 95 优秀
 *   2026-Q3  A 100 优秀             B 100 优秀
 *   2026-Q4                          B 100−10 = 90 优秀
 */
export const QUARTER_SUBS: readonly Submission[] = [
  quarterSub('A', '2025-Q4', true, 0, 0),
  quarterSub('B', '2025-Q4', true, 2, 1),
  quarterSub('A', '2026-Q1', true, 1, 1),
  quarterSub('B', '2026-Q1', true, 0, 0),
  quarterSub('C', '2026-Q1', false, 3, 2),
  quarterSub('B', '2026-Q2', true, 1, 0),
  quarterSub('A', '2026-Q3', true, 0, 0),
  quarterSub('B', '2026-Q3', true, 0, 0),
  quarterSub('B', '2026-Q4', true, 0, 1),
];
export const quarterData = (): Assessment[] => QUARTER_SUBS.map((s) => assess(quarterly, s));

/** Two city departments (county level in the tool) scored with the 银川 fixtures: clean 100, deductions 76, over-budget 32. */
export const DEPTS = {
  X: { code: '640100000002', name: '示例部门二（分厅）', level: 'county' },
  Y: { code: '640100000001', name: '示例部门一（分厅）', level: 'county' },
} as const;
export const halfSub = (name: 'clean' | 'deductions' | 'over-budget', unit: keyof typeof DEPTS, period: string): Submission =>
  ({ ...JSON.parse(readFileSync(fixture('yinchuan-branch-hall-departments', `${name}.json`), 'utf8')), unit: DEPTS[unit], period }) as Submission;
export const half = (name: 'clean' | 'deductions' | 'over-budget', unit: keyof typeof DEPTS, period: string): Assessment => assess(halfYearly, halfSub(name, unit, period));
