// Rules JSON Schema cannot state: cross-references (tiers, parameters), unique ids,
// and that a higher tier's thresholds are never laxer than a lower tier's.
import type { Problem } from '../errors.js';
import type { Check, RubricDefinition, Threshold } from '../schema/generated/rubric.js';
import { NOT_ASSESSED_GRADE } from './model.js';
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
  const facts = def.facts ?? {};

  const uniqueIds = (items: ReadonlyArray<{ id: string }>, path: string, what: string, id: string) => {
    const ids = new Set<string>();
    items.forEach((item, i) => {
      if (ids.has(item.id)) add('DUPLICATE_ID', `${path}/${i}/id`, `${what}“${item.id}”重复`, id);
      ids.add(item.id);
    });
    return ids;
  };
  // Rules for one check, recursing into composite parts.
  const checkCheck = (c: Check, at: string, id: string): void => {
    if (c.kind === 'number' || c.kind === 'range') {
      if (c.minimum !== undefined && c.maximum !== undefined && c.minimum > c.maximum) {
        add('BOUNDS', at, `有效范围下限 ${c.minimum} 大于上限 ${c.maximum}`, id);
      }
      if (c.unit === '%' && (c.minimum === undefined || c.minimum < 0 || c.maximum === undefined || c.maximum > 100)) {
        add('BOUNDS', at, '百分比指标的有效范围须在 0–100 之内（请写明 minimum: 0 与 maximum: 100）', id);
      }
    }
    if (c.kind === 'range' && c.min > c.max) add('BOUNDS', at, `合规区间下限 ${c.min} 大于上限 ${c.max}`, id);
    if (c.kind === 'checklist') {
      uniqueIds(c.items, `${at}/items`, '清单项', id);
      if (c.require !== 'all' && c.require.at_least > c.items.length) {
        add('BOUNDS', `${at}/require/at_least`, `至少 ${c.require.at_least} 项，但清单只有 ${c.items.length} 项`, id);
      }
    }
    if (c.kind === 'choice') {
      const ids = uniqueIds(c.options, `${at}/options`, '选项', id);
      c.accept.forEach((a, i) => {
        if (!ids.has(a)) add('UNKNOWN_ITEM_REF', `${at}/accept/${i}`, `合格选项“${a}”不在 options 中`, id);
      });
    }
    if (c.kind === 'dimension') uniqueIds(c.dims, `${at}/dims`, '尺寸', id);
    if (c.kind === 'composite') {
      uniqueIds(c.parts, `${at}/parts`, '组成部分', id);
      c.parts.forEach((p, i) => checkCheck(p.check, `${at}/parts/${i}/check`, id));
    }
    if (c.kind === 'number') {
      const all: Array<[Threshold | undefined, string]> = [[c.threshold, `${at}/threshold`], ...Object.entries(c.thresholds ?? {}).map(([t, v]): [Threshold, string] => [v, `${at}/thresholds/${t}`])];
      for (const [th, path] of all) {
        if (th?.derived && !(th.derived.fact in facts)) {
          add('UNKNOWN_FACT', `${path}/derived/fact`, `未定义的事实“${th.derived.fact}”（请在 facts 中定义）`, id);
        }
      }
    }
  };

  const seen = new Map<string, string>();
  for (const { def: ind, pointer: at } of indicatorSites(def)) {
    const id = ind.id;
    const first = seen.get(id);
    if (first !== undefined) add('DUPLICATE_ID', `${at}/id`, `指标编号“${id}”重复（首次出现在 ${first}）`, id);
    else seen.set(id, at);

    (ind.necessary_for ?? []).forEach((t, i) => {
      if (!rank.has(t)) add('UNKNOWN_TIER', `${at}/necessary_for/${i}`, `未定义的等级“${t}”（已定义：${[...rank.keys()].join('、') || '无'}）`, id);
    });
    // What the source no longer says cannot block anything: not a tier, and not 达标 in a rubric without tiers.
    if (ind.truncated && (ind.necessary_for ?? []).length > 0) {
      add('UNKNOWN_TIER', `${at}/necessary_for`, '原文残缺的指标不能作为必要条件', id);
    }
    if (ind.truncated && tiers.length === 0 && ind.requirement !== 'recommended' && def.scoring.method === 'percent') {
      add('CONFLICT', `${at}/requirement`, '原文残缺的指标不能作为必须项（请写 requirement: recommended）', id);
    }

    (ind.applies_to ?? []).forEach((level, i) => {
      if (!def.applies_to.includes(level)) add('CONFLICT', `${at}/applies_to/${i}`, `评分标准不适用于 ${level}，指标也不能适用于它`, id);
    });
    if (ind.requirement === 'recommended' && (ind.necessary_for ?? []).length > 0) {
      add('CONFLICT', `${at}/requirement`, '推荐性（宜/可）指标不能作为必要条件', id);
    }
    checkCheck(ind.check, `${at}/check`, id);
    const c = ind.check;
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
  problems.push(...pointsProblems(def));
  return problems;
}

/** Points rubrics: points on every item, adding up to the total, grade bands down to 0. Percent rubrics: none of that. */
function pointsProblems(def: RubricDefinition): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, indicator?: string) =>
    problems.push({ code: 'POINTS', path, message, ...(indicator !== undefined ? { indicator } : {}) });
  const s = def.scoring;
  const sites = indicatorSites(def);
  if (s.method === 'percent') {
    if (s.annual === 'deductions') add('/scoring/annual', '按扣分累计（deductions）只用于计分制（method: points）');
    for (const key of ['total', 'bonus_cap', 'grades', 'veto_grade', 'bonus_order'] as const) if (s[key] !== undefined) add(`/scoring/${key}`, `“${key}”只用于计分制（method: points）`);
    for (const { def: ind, pointer } of sites) {
      for (const key of ['points', 'deduct', 'bonus'] as const) if (ind[key] !== undefined) add(`${pointer}/${key}`, `“${key}”只用于计分制（method: points）`, ind.id);
    }
    return problems;
  }
  if (s.total === undefined) add('/scoring/total', '计分制须写明满分 total');
  if (!s.grades) add('/scoring/grades', '计分制须写明等级分档 grades');
  else {
    const lowest = Math.min(...s.grades.map((g) => g.min));
    if (lowest !== 0) add('/scoring/grades', `最低一档须从 0 分开始（现为 ${lowest}）`);
    if (s.veto_grade !== undefined && !s.grades.some((g) => g.id === s.veto_grade)) add('/scoring/veto_grade', `否决等级“${s.veto_grade}”不在 grades 中`);
    // The engine reports an unanswered veto item as this grade id (未评定); a band of that name would be indistinguishable.
    if (s.grades.some((g) => g.id === NOT_ASSESSED_GRADE)) add('/scoring/grades', `等级 id“${NOT_ASSESSED_GRADE}”留给“未评定”（否决项未检查），请换一个 id`);
    if (s.grades.some((g) => g.min > (s.total ?? 100))) add('/scoring/grades', '等级分数线不能高于满分');
  }
  let sum = 0;
  for (const { def: ind, pointer } of sites) {
    if (ind.points === undefined) {
      add(`${pointer}/points`, '计分制的每个项目都须写明分值 points', ind.id);
      continue;
    }
    if (ind.bonus) {
      if (ind.check.kind !== 'count' && ind.check.kind !== 'number') add(`${pointer}/check/kind`, '加分项须按次数（count）或数值（number）作答', ind.id);
      if (ind.deduct || ind.veto) add(`${pointer}/bonus`, '加分项不能同时扣分或否决', ind.id);
    } else sum += ind.points;
  }
  if (s.total !== undefined && Math.abs(sum - s.total) > 1e-9) add('/scoring/total', `各项分值合计 ${Number(sum.toFixed(6))} 分，与满分 ${s.total} 不一致`);
  return problems;
}
