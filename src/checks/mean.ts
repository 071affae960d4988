// A weighted average from counts per level (好差评: 非常满意 10 / 满意 8 / 基本满意 6 / 不满意 3 / 非常不满意 0),
// compared with a threshold. The average and the counts go into the result.
import { assembleCounts, countFields, countProblems, countsText, splitCounts } from './counts.js';
import type { MeanCheck } from './model.js';
import { describeRequirements, measureLevels, requirementFacts, thresholdRules } from './threshold.js';
import type { CheckKind } from './types.js';
import { num } from './words.js';

export const meanCheck: CheckKind<MeanCheck> = {
  normalise: (def) => ({ kind: 'mean', unit: def.unit ?? '分', levels: def.levels, requirement: { tier: null, ...def.threshold }, zero: def.zero ?? 'error' }),
  consistency(def, at, ctx) {
    ctx.uniqueIds(def.levels, `${at}/levels`, '评价等级');
    thresholdRules(def.threshold, `${at}/threshold`, ctx);
  },
  validate(check, value, path, indicator, naAllowed) {
    const problems = countProblems(check.levels, value, path, indicator, '件');
    if (problems.length > 0) return problems;
    const v = value as Record<string, number>;
    if (check.zero === 'error' && check.levels.every((l) => v[l.id] === 0)) {
      return [{ code: 'OUT_OF_RANGE', path, indicator, message: `指标 ${indicator} 的评价总数为 0，无法计算平均分：请填写各等级的评价数${naAllowed ? '，或在没有评价时注明不适用' : ''}` }];
    }
    return [];
  },
  evaluate(check, value, ctx) {
    const v = value as Record<string, number>;
    const counts = Object.fromEntries(check.levels.map((l) => [l.id, v[l.id]!]));
    const n = check.levels.reduce((s, l) => s + v[l.id]!, 0);
    const shown = countsText(check.levels, counts, '件');
    if (n === 0) return { levels: [], missingItems: [], defects: 0, reasonCode: 'MEAN_ZERO', reason: shown, notApplicable: '本期没有评价，无法计算平均分' };
    const avg = Number((check.levels.reduce((s, l) => s + l.value * v[l.id]!, 0) / n).toFixed(4));
    const { levels, reason } = measureLevels(avg, [check.requirement], check.unit, ctx, '平均');
    const met = levels.every((l) => l.met);
    return { levels, missingItems: [], defects: met ? 0 : 1, measure: avg, computed: { value: avg, unit: check.unit, counts }, reasonCode: met ? 'MEAN_MET' : 'MEAN_UNMET', reason: `${shown}，${reason}` };
  },
  describe: (check, ctx) => `按${check.levels.map((l) => `${l.label} ${num(l.value)}`).join('、')}计的平均${describeRequirements([check.requirement], check.unit, ctx)}`,
  fields: (check) => countFields(check.levels, '件'),
  assemble: (check, get) => assembleCounts(check.levels, get),
  split: (check, value, put) => splitCounts(check.levels, value, put),
  demo: (check, ok) => {
    const best = [...check.levels].sort((a, b) => b.value - a.value);
    return Object.fromEntries(check.levels.map((l) => [l.id, l === best[0] ? 10 : l === best.at(-1) && !ok ? 10 : 0]));
  },
  facts: (check) => requirementFacts([check.requirement]),
};
