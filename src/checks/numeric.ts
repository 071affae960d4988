import type { Problem } from '../errors.js';
import type { NumericBounds } from '../rubric/model.js';
import { typeProblemMessage, withUnit } from './words.js';

/** Type, integrality and valid-range problems shared by every numeric check kind. */
export function numericProblems(bounds: NumericBounds, value: unknown, path: string, indicator: string): Problem[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const want = bounds.unit === '%' ? '数值（百分比填 0–100 的数，如 95）' : `数值（单位：${bounds.unit}）`;
    return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
  }
  const problems: Problem[] = [];
  const out = (message: string) => problems.push({ code: 'OUT_OF_RANGE', path, indicator, message });
  if (bounds.minimum !== undefined && value < bounds.minimum) {
    out(`指标 ${indicator} 的数值 ${withUnit(value, bounds.unit)} 无效：不能小于 ${withUnit(bounds.minimum, bounds.unit)}`);
  }
  if (bounds.maximum !== undefined && value > bounds.maximum) {
    out(`指标 ${indicator} 的数值 ${withUnit(value, bounds.unit)} 无效：不能大于 ${withUnit(bounds.maximum, bounds.unit)}`);
  }
  if (bounds.integer && !Number.isInteger(value)) {
    problems.push({ code: 'NOT_INTEGER', path, indicator, message: `指标 ${indicator} 需要整数，实际为 ${value}` });
  }
  return problems;
}
