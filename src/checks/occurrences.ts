// Occurrences that each carry a measure (擅自离岗: how many minutes each time). The answer lists the measures,
// one per occurrence; a rubric can then move the ones past a bound to another rule (1小时以上按旷工处理).
import type { Problem } from '../errors.js';
import type { OccurrencesCheck } from './model.js';
import { atMost } from './threshold.js';
import type { CheckKind } from './types.js';
import { num, typeProblemMessage } from './words.js';

export const occurrencesCheck: CheckKind<OccurrencesCheck> = {
  normalise: (def) => ({ kind: 'occurrences', unit: def.unit, measure: def.measure }),
  validate(check, value, path, indicator) {
    const m = check.measure;
    const want = `每次的${m.label}列表（单位：${m.unit}；没有发生填空列表 []）`;
    if (!Array.isArray(value)) return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
    const problems: Problem[] = [];
    value.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ code: 'WRONG_TYPE', path: `${path}/${i}`, indicator, message: typeProblemMessage(indicator, `${m.label}（数值，单位：${m.unit}）`, v) });
      else if (v <= 0 || (m.maximum !== undefined && v > m.maximum)) {
        problems.push({ code: 'OUT_OF_RANGE', path: `${path}/${i}`, indicator, message: `指标 ${indicator} 第 ${i + 1} 次的${m.label} ${num(v)} ${m.unit} 无效：须大于 0${m.maximum !== undefined ? `、不超过 ${num(m.maximum)} ${m.unit}` : ''}` });
      }
    });
    return problems;
  },
  evaluate(check, value) {
    const list = value as number[];
    const met = list.length === 0;
    return {
      levels: [atMost(list.length, 0, check.unit, '不得发生')],
      missingItems: [],
      defects: list.length,
      measures: list,
      reasonCode: met ? 'OCCURRENCES_NONE' : 'OCCURRENCES_FOUND',
      reason: met ? '未发生' : `发生 ${list.length} ${check.unit}（${check.measure.label}：${list.map((v) => `${num(v)} ${check.measure.unit}`).join('、')}）`,
    };
  },
  describe: () => '不得发生',
  fields: (check) => [{ path: [], label: '', input: { type: 'numbers', unit: check.measure.unit, min: 0, ...(check.measure.maximum !== undefined ? { max: check.measure.maximum } : {}) } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (_check, ok) => (ok ? [] : [20]),
  unit: (check) => check.unit,
};
