// Rules JSON Schema cannot state: cross-references (tiers, parameters), unique ids,
// and that a higher tier's thresholds are never laxer than a lower tier's.
import type { Problem } from '../errors.js';
import type { RubricDefinition, Threshold } from '../schema/generated/rubric.js';
import { indicatorSites } from './walk.js';

export function checkConsistency(def: RubricDefinition): Problem[] {
  const problems: Problem[] = [];
  const add = (code: Problem['code'], path: string, message: string, indicator?: string) =>
    problems.push({ code, path, message, ...(indicator !== undefined ? { indicator } : {}) });

  const tiers = def.tiers ?? [];
  const rank = new Map<string, number>();
  tiers.forEach((t, i) => {
    if (rank.has(t.id)) add('DUPLICATE_ID', `/tiers/${i}/id`, `等级 id“${t.id}”重复`);
    rank.set(t.id, i);
  });
  const params = def.parameters ?? {};

  const seen = new Map<string, string>();
  for (const { def: ind, pointer: at } of indicatorSites(def)) {
    const id = ind.id;
    const first = seen.get(id);
    if (first !== undefined) add('DUPLICATE_ID', `${at}/id`, `指标编号“${id}”重复（首次出现在 ${first}）`, id);
    else seen.set(id, at);

    (ind.necessary_for ?? []).forEach((t, i) => {
      if (!rank.has(t)) add('UNKNOWN_TIER', `${at}/necessary_for/${i}`, `未定义的等级“${t}”（已定义：${[...rank.keys()].join('、') || '无'}）`, id);
    });
    if (ind.truncated && (ind.necessary_for ?? []).length > 0) {
      add('UNKNOWN_TIER', `${at}/necessary_for`, '原文残缺的指标不能作为必要条件', id);
    }

    const c = ind.check;
    const bounds = (c.kind === 'number' || c.kind === 'range') ? c : undefined;
    if (bounds) {
      if (bounds.minimum !== undefined && bounds.maximum !== undefined && bounds.minimum > bounds.maximum) {
        add('BOUNDS', `${at}/check`, `有效范围下限 ${bounds.minimum} 大于上限 ${bounds.maximum}`, id);
      }
      if (bounds.unit === '%' && (bounds.minimum === undefined || bounds.minimum < 0 || bounds.maximum === undefined || bounds.maximum > 100)) {
        add('BOUNDS', `${at}/check`, '百分比指标的有效范围须在 0–100 之内（请写明 minimum: 0 与 maximum: 100）', id);
      }
    }
    if (c.kind === 'range' && c.min > c.max) add('BOUNDS', `${at}/check`, `合规区间下限 ${c.min} 大于上限 ${c.max}`, id);
    if (c.kind === 'checklist') {
      const ids = new Set<string>();
      c.items.forEach((item, i) => {
        if (ids.has(item.id)) add('DUPLICATE_ID', `${at}/check/items/${i}/id`, `清单项“${item.id}”重复`, id);
        ids.add(item.id);
      });
      if (c.require !== 'all' && c.require.at_least > c.items.length) {
        add('BOUNDS', `${at}/check/require/at_least`, `至少 ${c.require.at_least} 项，但清单只有 ${c.items.length} 项`, id);
      }
    }
    if (c.kind !== 'number') continue;

    const checkParam = (th: Threshold, path: string) => {
      if (th.param !== undefined && !(th.param in params)) {
        add('UNKNOWN_PARAMETER', `${path}/param`, `未定义的参数“${th.param}”（请在 parameters 中定义）`, id);
      }
    };
    if (c.threshold) checkParam(c.threshold, `${at}/check/threshold`);
    if (!c.thresholds) continue;
    const keyed = Object.entries(c.thresholds);
    for (const [tier, th] of keyed) {
      if (!rank.has(tier)) add('UNKNOWN_TIER', `${at}/check/thresholds/${tier}`, `未定义的等级“${tier}”`, id);
      checkParam(th, `${at}/check/thresholds/${tier}`);
    }
    // Each tier the indicator is necessary for needs a threshold at or below it.
    for (const t of ind.necessary_for ?? []) {
      const r = rank.get(t);
      if (r === undefined) continue;
      if (!keyed.some(([k]) => (rank.get(k) ?? Infinity) <= r)) {
        add('THRESHOLD_MISSING', `${at}/check/thresholds`, `指标是“${t}”的必要条件，但没有适用于该等级的阈值`, id);
      }
    }
    // Nesting: a higher tier's literal threshold must be at least as strict as a lower tier's.
    const ordered = keyed.filter(([k]) => rank.has(k)).sort(([a], [b]) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    for (let i = 1; i < ordered.length; i++) {
      const [lowTier, low] = ordered[i - 1]!;
      const [highTier, high] = ordered[i]!;
      if (low.value === undefined || high.value === undefined) continue;
      const lax =
        low.op !== high.op ||
        ((high.op === '>=' || high.op === '>') && high.value < low.value) ||
        ((high.op === '<=' || high.op === '<') && high.value > low.value) ||
        (high.op === '==' && high.value !== low.value);
      if (lax) {
        add('THRESHOLD_ORDER', `${at}/check/thresholds/${highTier}`, `较高等级“${highTier}”的阈值不能比较低等级“${lowTier}”更宽松`, id);
      }
    }
  }
  return problems;
}
