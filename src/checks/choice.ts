import type { NamedItem } from '../rubric/model.js';
import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

type ChoiceCheck = { kind: 'choice'; options: readonly NamedItem[]; accept: readonly string[] };

const find = (c: ChoiceCheck, v: unknown) => c.options.find((o) => o.id === v || o.label === v);
const accepted = (c: ChoiceCheck) => c.options.filter((o) => c.accept.includes(o.id)).map((o) => o.label).join('或');

export const choiceCheck: CheckKind<ChoiceCheck> = {
  validate(check, value, path, indicator) {
    if (typeof value !== 'string') return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, '一个选项（文本）', value) }];
    if (find(check, value)) return [];
    const choices = check.options.map((o) => `${o.id}（${o.label}）`).join('、');
    return [{ code: 'UNKNOWN_ITEM', path, indicator, message: `指标 ${indicator} 没有选项“${value}”，可选：${choices}` }];
  },
  evaluate(check, value) {
    const option = find(check, value)!;
    const met = check.accept.includes(option.id);
    const requirement = accepted(check);
    return {
      levels: [{ tier: null, met, requirement }],
      missingItems: [],
      defects: met ? 0 : 1,
      reasonCode: met ? 'CHOICE_MET' : 'CHOICE_UNMET',
      reason: met ? `为“${option.label}”，符合要求` : `为“${option.label}”，要求为“${requirement}”`,
    };
  },
  describe: (check) => accepted(check),
};
