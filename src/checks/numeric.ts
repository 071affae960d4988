import type { Problem } from '../errors.js';
import type { Check } from '../schema/generated/rubric.js';
import type { NumberCheck, NumericBounds, RangeCheck } from './model.js';
import type { CheckKind, ConsistencyContext } from './types.js';
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

/** The schema of what numericProblems accepts: a finite number (Ajv's strict numbers), integral where asked, within range. */
export const numericSchema = (bounds: NumericBounds): object => ({
  type: bounds.integer ? 'integer' : 'number',
  ...(bounds.minimum !== undefined ? { minimum: bounds.minimum } : {}),
  ...(bounds.maximum !== undefined ? { maximum: bounds.maximum } : {}),
});

/** The valid range of a numeric answer must be a range, and a percentage must stay within 0–100. */
export function numericBoundsRules(def: { unit: string; minimum?: number; maximum?: number }, at: string, ctx: ConsistencyContext): void {
  if (def.minimum !== undefined && def.maximum !== undefined && def.minimum > def.maximum) {
    ctx.add('BOUNDS', at, `有效范围下限 ${def.minimum} 大于上限 ${def.maximum}`);
  }
  if (def.unit === '%' && (def.minimum === undefined || def.minimum < 0 || def.maximum === undefined || def.maximum > 100)) {
    ctx.add('BOUNDS', at, '百分比指标的有效范围须在 0–100 之内（请写明 minimum: 0 与 maximum: 100）');
  }
}

/** One number cell, in the check's unit and valid range. */
export const numericField: Pick<CheckKind<NumberCheck | RangeCheck, Extract<Check, { kind: 'number' | 'range' }>>, 'fields' | 'assemble' | 'split' | 'unit'> = {
  fields: (check) => [{ path: [], label: '', input: { type: 'number', unit: check.unit, min: check.minimum, max: check.maximum, integer: check.integer } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  unit: (check) => check.unit,
};
