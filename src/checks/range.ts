import type { NumericBounds } from '../rubric/model.js';
import { numericProblems } from './numeric.js';
import type { CheckKind } from './types.js';
import { num, withUnit } from './words.js';

type RangeCheck = { kind: 'range'; min: number; max: number } & NumericBounds;

const words = (c: RangeCheck) => `${num(c.min)}–${withUnit(c.max, c.unit)}`;

export const rangeCheck: CheckKind<RangeCheck> = {
  validate: (check, value, path, indicator) => numericProblems(check, value, path, indicator),
  evaluate(check, value) {
    const v = value as number;
    const below = v < check.min;
    const above = v > check.max;
    const met = !below && !above;
    const requirement = words(check);
    const bound = below ? check.min : check.max;
    return {
      levels: [
        met
          ? { tier: null, met, requirement }
          : {
              tier: null,
              met,
              requirement,
              shortfall: { tier: null, op: below ? '>=' : '<=', required: bound, value: v, difference: Number(Math.abs(bound - v).toFixed(6)), unit: check.unit },
            },
      ],
      missingItems: [],
      defects: met ? 0 : 1,
      reasonCode: met ? 'RANGE_MET' : below ? 'RANGE_BELOW' : 'RANGE_ABOVE',
      reason: met
        ? `实际 ${withUnit(v, check.unit)}，在 ${requirement} 范围内`
        : `实际 ${withUnit(v, check.unit)}，${below ? '低于' : '高于'} ${requirement} 范围 ${withUnit(Math.abs(bound - v), check.unit)}`,
    };
  },
  describe: (check) => words(check),
};
