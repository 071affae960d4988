import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

type CountCheck = { kind: 'count'; unit: string; max: number };

export const countCheck: CheckKind<CountCheck> = {
  validate(check, value, path, indicator) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, `次数（非负整数，单位：${check.unit}）`, value) }];
    }
    return [];
  },
  evaluate(check, value) {
    const n = value as number;
    const met = n <= check.max;
    const requirement = check.max === 0 ? '不得发生' : `不超过 ${check.max} ${check.unit}`;
    return {
      levels: [
        met
          ? { tier: null, met, requirement }
          : { tier: null, met, requirement, shortfall: { tier: null, op: '<=', required: check.max, value: n, difference: n - check.max, unit: check.unit } },
      ],
      missingItems: [],
      defects: n,
      reasonCode: met ? 'COUNT_MET' : 'COUNT_UNMET',
      reason: `发现 ${n} ${check.unit}${met ? '' : `，要求${requirement}`}`,
    };
  },
  describe: (check) => (check.max === 0 ? '不得发生' : `不超过 ${check.max} ${check.unit}`),
};
