import type { BooleanCheck } from './model.js';
import type { CheckKind, Outcome } from './types.js';
import { typeProblemMessage } from './words.js';

/** The outcome of answering the check's expectation (met) or its opposite. */
function outcome(check: BooleanCheck, met: boolean): Outcome {
  const requirement = check.expect ? '是' : '否';
  const given = met === check.expect ? '是' : '否';
  return {
    levels: [{ tier: null, met, requirement }],
    missingItems: [],
    defects: met ? 0 : 1,
    reasonCode: met ? 'BOOLEAN_MET' : 'BOOLEAN_UNMET',
    reason: met ? `符合要求（答“${given}”）` : `不符合要求（答“${given}”，要求“${requirement}”）`,
  };
}

export const booleanCheck: CheckKind<BooleanCheck> = {
  normalise: (def) => ({ kind: 'boolean', expect: def.expect ?? true }),
  validate(_check, value, path, indicator) {
    return typeof value === 'boolean'
      ? []
      : [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, '“是/否”答案（true 或 false）', value) }];
  },
  answerSchema: () => ({ type: 'boolean' }),
  evaluate: (check, value) => outcome(check, value === check.expect),
  // A valid answer is true or false, so there are only two outcomes: both made once.
  compile(check) {
    const met = Object.freeze(outcome(check, true));
    const unmet = Object.freeze(outcome(check, false));
    return (value) => (value === check.expect ? met : unmet);
  },
  describe: (check) => (check.expect ? '是' : '否'),
  fields: () => [{ path: [], label: '', input: { type: 'yesno' } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (check, ok) => (ok ? check.expect : !check.expect),
};
