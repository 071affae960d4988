// A rate computed from two counts in the submission (好评率 = 好评 ÷ 评价总数, 按时办结率, 回访率), in percent,
// compared with a threshold. The computed rate and both counts go into the result. A zero denominator is a
// submission error, or 不适用 where the rubric says so.
import { assembleCounts, countFields, countProblems, countsText, splitCounts } from './counts.js';
import type { RatioCheck } from './model.js';
import { describeRequirements, measureLevels, requirementFacts, thresholdRules } from './threshold.js';
import type { CheckKind } from './types.js';

const items = (c: RatioCheck) => [c.of, c.per];
const rate = (a: number, b: number) => Number(((a / b) * 100).toFixed(4));

export const ratioCheck: CheckKind<RatioCheck> = {
  normalise: (def) => ({ kind: 'ratio', of: def.of, per: def.per, requirement: { tier: null, ...def.threshold }, zero: def.zero ?? 'error' }),
  consistency(def, at, ctx) {
    ctx.uniqueIds([def.of, def.per], at, '计数项');
    thresholdRules(def.threshold, `${at}/threshold`, ctx);
  },
  validate(check, value, path, indicator, naAllowed) {
    const problems = countProblems(items(check), value, path, indicator, '件');
    if (problems.length > 0) return problems;
    const v = value as Record<string, number>;
    const a = v[check.of.id]!;
    const b = v[check.per.id]!;
    if (a > b) return [{ code: 'OUT_OF_RANGE', path: `${path}/${check.of.id}`, indicator, message: `指标 ${indicator} 的“${check.of.label}”（${a}）不能多于“${check.per.label}”（${b}）` }];
    if (b === 0 && check.zero === 'error') {
      return [{ code: 'OUT_OF_RANGE', path: `${path}/${check.per.id}`, indicator, message: `指标 ${indicator} 的“${check.per.label}”为 0，无法计算比率：请填写实际数目${naAllowed ? '，或在没有可评价事项时注明不适用' : ''}` }];
    }
    return [];
  },
  evaluate(check, value, ctx) {
    const v = value as Record<string, number>;
    const a = v[check.of.id]!;
    const b = v[check.per.id]!;
    const counts = { [check.of.id]: a, [check.per.id]: b };
    const shown = countsText(items(check), counts, '件');
    if (b === 0) return { levels: [], missingItems: [], defects: 0, reasonCode: 'RATIO_ZERO', reason: `${shown}`, notApplicable: `“${check.per.label}”为 0，本期没有可计算的比率` };
    const r = rate(a, b);
    const { levels, reason } = measureLevels(r, [check.requirement], '%', ctx, '计算得');
    const met = levels.every((l) => l.met);
    return {
      levels,
      missingItems: [],
      defects: met ? 0 : 1,
      measure: r,
      computed: { value: r, unit: '%', counts },
      reasonCode: met ? 'RATIO_MET' : 'RATIO_UNMET',
      reason: `${shown}，${reason}`,
    };
  },
  describe: (check, ctx) => `${check.of.label} ÷ ${check.per.label} ${describeRequirements([check.requirement], '%', ctx)}`,
  fields: (check) => countFields(items(check), '件'),
  assemble: (check, get) => assembleCounts(items(check), get),
  split: (check, value, put) => splitCounts(items(check), value, put),
  demo: (_check, ok) => ({ [_check.of.id]: ok ? 100 : 50, [_check.per.id]: 100 }),
  facts: (check) => requirementFacts([check.requirement]),
};
