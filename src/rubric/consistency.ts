// Rules JSON Schema cannot state: cross-references (tiers, parameters), unique ids,
// and that a higher tier's thresholds are never laxer than a lower tier's.
import { checkRules } from '../checks/index.js';
import type { Problem } from '../errors.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
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
    checkRules(ind.check, `${at}/check`, {
      add: (code, path, message) => add(code, path, message, id),
      tierRank: rank,
      params,
      facts,
      uniqueIds: (items, path, what) => uniqueIds(items, path, what, id),
    });
    // Each tier the indicator is necessary for needs a threshold at or below it.
    const c = ind.check;
    if (c.kind !== 'number' || !c.thresholds) continue;
    const keyed = Object.keys(c.thresholds);
    for (const t of ind.necessary_for ?? []) {
      const r = rank.get(t);
      if (r === undefined) continue;
      if (!keyed.some((k) => (rank.get(k) ?? Infinity) <= r)) {
        add('THRESHOLD_MISSING', `${at}/check/thresholds`, `指标是“${t}”的必要条件，但没有适用于该等级的阈值`, id);
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
    for (const key of ['total', 'bonus_cap', 'grades', 'veto_grade'] as const) if (s[key] !== undefined) add(`/scoring/${key}`, `“${key}”只用于计分制（method: points）`);
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
