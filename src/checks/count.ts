import type { CountCheck } from './model.js';
import { atMost } from './threshold.js';
import type { CheckKind, Outcome } from './types.js';
import { typeProblemMessage } from './words.js';

const words = (check: CountCheck) => (check.max === 0 ? '不得发生' : `不超过 ${check.max} ${check.unit}`);

function countOutcome(check: CountCheck, requirement: string, n: number): Outcome {
  const met = n <= check.max;
  return {
    levels: [atMost(n, check.max, check.unit, requirement)],
    missingItems: [],
    defects: n,
    reasonCode: met ? 'COUNT_MET' : 'COUNT_UNMET',
    reason: `发现 ${n} ${check.unit}${met ? '' : `，要求${requirement}`}`,
  };
}

export const countCheck: CheckKind<CountCheck> = {
  normalise: (def) => ({ kind: 'count', unit: def.unit, max: def.max ?? 0 }),
  validate(check, value, path, indicator) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, `次数（非负整数，单位：${check.unit}）`, value) }];
    }
    return [];
  },
  answerSchema: () => ({ type: 'integer', minimum: 0 }),
  evaluate: (check, value) => countOutcome(check, words(check), value as number),
  compile(check) {
    const requirement = words(check);
    return (value) => countOutcome(check, requirement, value as number);
  },
  describe: (check) => words(check),
  fields: (check) => [{ path: [], label: '', input: { type: 'number', unit: check.unit, min: 0, integer: true } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (check, ok) => (ok ? check.max : check.max + 2),
  unit: (check) => check.unit,
};
