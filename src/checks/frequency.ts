import type { FrequencyCheck } from './model.js';
import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

/** Every month holds at least four complete weeks, so a weekly duty is due four times in any month. */
export const WEEKS_PER_MONTH = 4;

const required = (c: FrequencyCheck) => c.times * (c.per === 'week' ? WEEKS_PER_MONTH : 1);
const words = (c: FrequencyCheck) =>
  `每${c.per === 'week' ? '周' : '月'}至少 ${c.times} ${c.unit}${c.per === 'week' ? `（本月按 ${WEEKS_PER_MONTH} 周计，至少 ${required(c)} ${c.unit}）` : ''}`;

export const frequencyCheck: CheckKind<FrequencyCheck> = {
  normalise: (def) => ({ kind: 'frequency', times: def.times, per: def.per, unit: def.unit }),
  validate(check, value, path, indicator) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, `本月的次数（非负整数，单位：${check.unit}）`, value) }];
    }
    return [];
  },
  evaluate(check, value) {
    const n = value as number;
    const need = required(check);
    const met = n >= need;
    const requirement = words(check);
    return {
      levels: [
        met
          ? { tier: null, met, requirement }
          : { tier: null, met, requirement, shortfall: { tier: null, op: '>=', required: need, value: n, difference: need - n, unit: check.unit } },
      ],
      missingItems: [],
      defects: Math.max(0, need - n),
      reasonCode: met ? 'FREQUENCY_MET' : 'FREQUENCY_UNMET',
      reason: `本月 ${n} ${check.unit}，要求${requirement}${met ? '' : `，差 ${need - n} ${check.unit}`}`,
    };
  },
  describe: (check) => words(check),
  fields: (check) => [{ path: [], label: '', input: { type: 'number', unit: check.unit, min: 0, integer: true } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (check, ok) => (ok ? required(check) : 1),
  unit: (check) => check.unit,
};
