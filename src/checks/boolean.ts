import type { BooleanCheck } from './model.js';
import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

export const booleanCheck: CheckKind<BooleanCheck> = {
  normalise: (def) => ({ kind: 'boolean', expect: def.expect ?? true }),
  validate(_check, value, path, indicator) {
    return typeof value === 'boolean'
      ? []
      : [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, '“是/否”答案（true 或 false）', value) }];
  },
  evaluate(check, value) {
    const met = value === check.expect;
    const requirement = check.expect ? '是' : '否';
    return {
      levels: [{ tier: null, met, requirement }],
      missingItems: [],
      defects: met ? 0 : 1,
      reasonCode: met ? 'BOOLEAN_MET' : 'BOOLEAN_UNMET',
      reason: met ? `符合要求（答“${value ? '是' : '否'}”）` : `不符合要求（答“${value ? '是' : '否'}”，要求“${requirement}”）`,
    };
  },
  describe: (check) => (check.expect ? '是' : '否'),
  fields: () => [{ path: [], label: '', input: { type: 'yesno' } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (check, ok) => (ok ? check.expect : !check.expect),
};
