import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

type BooleanCheck = { kind: 'boolean'; expect: boolean };

export const booleanCheck: CheckKind<BooleanCheck> = {
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
  describe(check) {
    return check.expect ? '是' : '否';
  },
};
