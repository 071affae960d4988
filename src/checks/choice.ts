import type { ChoiceCheck } from './model.js';
import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

const find = (c: ChoiceCheck, v: unknown) => c.options.find((o) => o.id === v || o.label === v);
const accepted = (c: ChoiceCheck) => c.options.filter((o) => c.accept.includes(o.id)).map((o) => o.label).join('或');

export const choiceCheck: CheckKind<ChoiceCheck> = {
  normalise: (def) => ({ kind: 'choice', options: def.options, accept: def.accept }),
  consistency(def, at, ctx) {
    const ids = ctx.uniqueIds(def.options, `${at}/options`, '选项');
    def.accept.forEach((a, i) => {
      if (!ids.has(a)) ctx.add('UNKNOWN_ITEM_REF', `${at}/accept/${i}`, `合格选项“${a}”不在 options 中`);
    });
  },
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
  fields: (check) => [{ path: [], label: '', input: { type: 'choice', options: check.options } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (check, ok) => (ok ? check.accept[0] : (check.options.find((o) => !check.accept.includes(o.id)) ?? check.options[0]!).id),
};
