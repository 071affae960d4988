import type { RangeCheck } from './model.js';
import { numericBoundsRules, numericField, numericProblems } from './numeric.js';
import type { CheckKind } from './types.js';
import { num, withUnit } from './words.js';

const words = (c: RangeCheck) => `${num(c.min)}–${withUnit(c.max, c.unit)}`;

export const rangeCheck: CheckKind<RangeCheck> = {
  normalise: (def) => ({ kind: 'range', unit: def.unit, minimum: def.minimum, maximum: def.maximum, integer: def.integer ?? false, min: def.min, max: def.max }),
  consistency(def, at, ctx) {
    numericBoundsRules(def, at, ctx);
    if (def.min > def.max) ctx.add('BOUNDS', at, `合规区间下限 ${def.min} 大于上限 ${def.max}`);
  },
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
      measure: v,
      reasonCode: met ? 'RANGE_MET' : below ? 'RANGE_BELOW' : 'RANGE_ABOVE',
      reason: met
        ? `实际 ${withUnit(v, check.unit)}，在 ${requirement} 范围内`
        : `实际 ${withUnit(v, check.unit)}，${below ? '低于' : '高于'} ${requirement} 范围 ${withUnit(Math.abs(bound - v), check.unit)}`,
    };
  },
  describe: (check) => words(check),
  ...numericField,
  demo: (check, ok) => (ok ? check.min : check.max + Math.max(1, (check.max - check.min) / 2)),
};
