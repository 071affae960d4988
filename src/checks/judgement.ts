// An inspector's judgement within bounds (工作人员不负责任出现不良后果的，酌情扣3-5分): for each case found the
// inspector chooses an amount between the bounds, and must say why in the answer's note (the engine refuses a
// judged amount without one).
import type { Problem } from '../errors.js';
import type { JudgementCheck } from './model.js';
import type { CheckKind } from './types.js';
import { num, typeProblemMessage } from './words.js';

const amounts = (value: unknown): number[] => (Array.isArray(value) ? (value as number[]) : value === 0 ? [] : [value as number]);
const words = (c: JudgementCheck) => `每起酌情 ${num(c.min)}–${num(c.max)} ${c.unit}`;

export const judgementCheck: CheckKind<JudgementCheck> = {
  normalise: (def) => ({ kind: 'judgement', min: def.min, max: def.max, unit: def.unit ?? '分' }),
  consistency(def, at, ctx) {
    if (def.min > def.max) ctx.add('BOUNDS', at, `酌情幅度下限 ${def.min} 大于上限 ${def.max}`);
  },
  validate(check, value, path, indicator) {
    const want = `每起酌定的数额（${words(check)}；没有发生填 0；多起填列表，如 [3, 5]）`;
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
    if (!Array.isArray(value) && value === 0) return [];
    const problems: Problem[] = [];
    list.forEach((v, i) => {
      if ((v as number) < check.min || (v as number) > check.max) {
        problems.push({ code: 'OUT_OF_RANGE', path: Array.isArray(value) ? `${path}/${i}` : path, indicator, message: `指标 ${indicator} 酌定的 ${num(v as number)} ${check.unit} 超出幅度：只能在 ${num(check.min)}–${num(check.max)} ${check.unit} 之间` });
      }
    });
    return problems;
  },
  evaluate(check, value) {
    const list = amounts(value);
    const total = list.reduce((s, v) => s + v, 0);
    const met = list.length === 0;
    return {
      levels: [{ tier: null, met, requirement: '不得发生' }],
      missingItems: [],
      defects: list.length,
      amount: total,
      reasonCode: met ? 'JUDGEMENT_NONE' : 'JUDGEMENT_JUDGED',
      reason: met ? '未发生' : `发生 ${list.length} 起，酌定 ${list.map((v) => num(v)).join('、')} ${check.unit}（幅度 ${num(check.min)}–${num(check.max)} ${check.unit}）`,
    };
  },
  describe: (check) => words(check),
  fields: (check) => [{ path: [], label: '', input: { type: 'numbers', unit: check.unit, min: check.min, max: check.max } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], amounts(value)),
  demo: (check, ok) => (ok ? 0 : check.min),
  unit: (check) => check.unit,
};
