// Rules JSON Schema cannot state: cross-references (tiers, parameters), unique ids,
// and that a higher tier's thresholds are never laxer than a lower tier's.
import { checkRules } from '../checks/index.js';
import type { Problem } from '../errors.js';
import type { Check, Condition as ConditionDef, Indicator as IndicatorDef, RubricDefinition, Section } from '../schema/generated/rubric.js';
import { NOT_ASSESSED_GRADE } from './model.js';
import { indicatorSites, sectionSites } from './walk.js';
import { rectificationProblems } from '../rectification/rules.js';

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
    const conditionAt = (c: ConditionDef, path: string) => conditionProblems(def, id, c, path).forEach((p) => add(p.code, p.path, p.message, id));
    checkRules(ind.check, `${at}/check`, {
      add: (code, path, message) => add(code, path, message, id),
      tierRank: rank,
      params,
      facts,
      uniqueIds: (items, path, what) => uniqueIds(items, path, what, id),
      condition: conditionAt,
    });
    if (ind.applies_when) conditionAt(ind.applies_when, `${at}/applies_when`);
    if (ind.not_applicable !== undefined && ind.applies_when) add('CONFLICT', `${at}/not_applicable`, '全县不适用的指标不需要适用条件 applies_when', id);
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
  problems.push(...cycleProblems(def), ...pointsProblems(def), ...tierLineProblems(def), ...sectionIdProblems(def), ...rectificationProblems(def, new Set(seen.keys())));
  return problems;
}

const CONDITION_KINDS = { is: ['boolean'], in: ['choice', 'rating', 'checklist'], op: ['number', 'range', 'count', 'frequency'] } as const;

/** A condition names another indicator of this rubric, in a form its kind can answer. */
function conditionProblems(def: RubricDefinition, self: string, c: ConditionDef, at: string): Problem[] {
  const out: Problem[] = [];
  const add = (code: Problem['code'], path: string, message: string) => out.push({ code, path, message });
  const target = indicatorSites(def).find((s) => s.def.id === c.indicator)?.def;
  if (!target) return [{ code: 'UNKNOWN_INDICATOR_REF', path: `${at}/indicator`, message: `适用条件引用的指标“${c.indicator}”不存在` }];
  if (target.id === self) return [{ code: 'CYCLE', path: `${at}/indicator`, message: '指标的适用条件不能引用它自己' }];
  const form = c.is !== undefined ? 'is' : c.in !== undefined ? 'in' : 'op';
  const kinds: readonly string[] = CONDITION_KINDS[form];
  if (!kinds.includes(target.check.kind)) {
    add('CONFLICT', `${at}/${form}`, `指标 ${target.id} 的答案是“${target.check.kind}”类，不能用“${form}”判断（${form} 只用于 ${kinds.join('、')}）`);
  }
  if (form === 'op' && c.value === undefined) add('CONFLICT', `${at}/value`, '用 op 比较时须写明 value');
  if (form !== 'op' && c.value !== undefined) add('CONFLICT', `${at}/value`, 'value 只和 op 一起使用');
  if (form === 'in') {
    const tc = target.check;
    const named: ReadonlyArray<{ id: string }> = tc.kind === 'choice' ? tc.options : tc.kind === 'rating' ? tc.bands : tc.kind === 'checklist' ? tc.items : [];
    c.in!.forEach((id, i) => {
      if (kinds.includes(tc.kind) && !named.some((n) => n.id === id)) add('UNKNOWN_ITEM_REF', `${at}/in/${i}`, `指标 ${target.id} 没有选项或清单项“${id}”`);
    });
  }
  return out;
}

/** Conditions must not go round in a circle: A applies when B says so, B when A does. */
function cycleProblems(def: RubricDefinition): Problem[] {
  const sites = indicatorSites(def);
  const edges = new Map<string, string[]>();
  const conditionsOf = (d: (typeof sites)[number]['def']): ConditionDef[] => {
    const out: ConditionDef[] = d.applies_when ? [d.applies_when] : [];
    const visit = (c: Check): void => {
      if (c.kind === 'checklist') for (const i of c.items) if (i.applies_when) out.push(i.applies_when);
      if (c.kind === 'composite') c.parts.forEach((p) => visit(p.check));
    };
    visit(d.check);
    return out;
  };
  for (const { def: d } of sites) edges.set(d.id, conditionsOf(d).map((c) => c.indicator).filter((t) => t !== d.id));
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const loop = [...trail.slice(trail.indexOf(id)), id];
      const site = sites.find((s) => s.def.id === id)!;
      problems.push({ code: 'CYCLE', path: `${site.pointer}/applies_when`, indicator: id, message: `适用条件循环引用：${loop.join(' → ')}` });
      return;
    }
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) if (edges.has(next)) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of edges.keys()) visit(id, []);
  return problems;
}

/** Tier lines (star lines) rise with the tiers and stay within the highest score. */
function tierLineProblems(def: RubricDefinition): Problem[] {
  const problems: Problem[] = [];
  const max = def.scoring.max;
  const top = def.scoring.method !== 'points' ? 100 : max === 'none' ? Infinity : (max ?? def.scoring.total ?? 100);
  let last: { id: string; line: number } | undefined;
  (def.tiers ?? []).forEach((t, i) => {
    if (t.min_score === undefined) return;
    if (t.min_score > top) problems.push({ code: 'BOUNDS', path: `/tiers/${i}/min_score`, message: `“${t.label}”的分数线 ${t.min_score} 高于最高分 ${top}` });
    if (last && t.min_score < last.line) problems.push({ code: 'THRESHOLD_ORDER', path: `/tiers/${i}/min_score`, message: `等级分数线须随等级升高：“${t.label}”排在“${last.id}”之后，分数线 ${t.min_score} 却低于它的 ${last.line}` });
    last = { id: t.label, line: t.min_score };
  });
  return problems;
}

/** Section ids name subtotals and self-scores: unique, and never an indicator's id. */
function sectionIdProblems(def: RubricDefinition): Problem[] {
  const problems: Problem[] = [];
  const indicators = new Set(indicatorSites(def).map((s) => s.def.id));
  const seen = new Set<string>();
  for (const { section, pointer } of sectionSites(def)) {
    if (section.id === undefined) continue;
    if (seen.has(section.id) || indicators.has(section.id)) problems.push({ code: 'DUPLICATE_ID', path: `${pointer}/id`, message: `部分 id“${section.id}”与其他部分或指标重复` });
    seen.add(section.id);
  }
  return problems;
}

/**
 * Points rubrics: every item has points, a deduction rule or a bonus; a budget holds its items (and adds up to
 * them when they all have points); grade bands reach down to 0. Percent rubrics: none of that.
 */
function pointsProblems(def: RubricDefinition): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, indicator?: string) =>
    problems.push({ code: 'POINTS', path, message, ...(indicator !== undefined ? { indicator } : {}) });
  const s = def.scoring;
  const sites = indicatorSites(def);
  if (s.method === 'percent') {
    if (s.annual === 'deductions') add('/scoring/annual', '按扣分累计（deductions）只用于计分制（method: points）');
    for (const key of ['total', 'max', 'bonus_cap', 'floor', 'grades', 'veto_grade', 'bonus_order'] as const) if (s[key] !== undefined) add(`/scoring/${key}`, `“${key}”只用于计分制（method: points）`);
    for (const { def: ind, pointer } of sites) {
      for (const key of ['points', 'deduct', 'bonus'] as const) if (ind[key] !== undefined) add(`${pointer}/${key}`, `“${key}”只用于计分制（method: points）`, ind.id);
      if (ind.check.kind === 'judgement') add(`${pointer}/check/kind`, '酌情扣分（judgement）只用于计分制', ind.id);
    }
    for (const { section, pointer } of sectionSites(def)) if (section.points !== undefined) add(`${pointer}/points`, '部分分值（points）只用于计分制（method: points）');
    return problems;
  }
  const total = s.total ?? 100;
  if (s.total === undefined) add('/scoring/total', '计分制须写明满分 total');
  const top = s.max === 'none' ? Infinity : (s.max ?? total);
  if (top < total) add('/scoring/max', `最高分 ${String(s.max)} 不能低于满分 ${total}`);
  if (!s.grades) add('/scoring/grades', '计分制须写明等级分档 grades');
  else {
    const lowest = Math.min(...s.grades.map((g) => g.min));
    if (lowest !== 0) add('/scoring/grades', `最低一档须从 0 分开始（现为 ${lowest}）`);
    if (s.veto_grade !== undefined && !s.grades.some((g) => g.id === s.veto_grade)) add('/scoring/veto_grade', `否决等级“${s.veto_grade}”不在 grades 中`);
    // The engine reports an unanswered veto item as this grade id (未评定); a band of that name would be indistinguishable.
    if (s.grades.some((g) => g.id === NOT_ASSESSED_GRADE)) add('/scoring/grades', `等级 id“${NOT_ASSESSED_GRADE}”留给“未评定”（否决项未检查），请换一个 id`);
    if (s.grades.some((g) => g.min > top)) add('/scoring/grades', '等级分数线不能高于最高分');
  }
  for (const { def: ind, pointer } of sites) itemPointsProblems(ind, pointer, def, add);
  const budget = (node: { points?: number; sections?: Section[]; indicators?: IndicatorDef[] }, at: string, what: string, own: number | undefined) => {
    // What each child can lose at most: an item its points, a sub-budget its points; a rule without points has none.
    const children = [
      ...(node.sections ?? []).map((c, i) => ({ at: `${at}/sections/${i}`, points: c.points ?? sumOf(c), rule: c.points === undefined && hasRules(c) })),
      ...(node.indicators ?? []).filter((i) => !i.bonus).map((i, j) => ({ at: `${at}/indicators/${j}`, points: i.points ?? 0, rule: i.points === undefined && i.deduct !== undefined })),
    ];
    if (own === undefined) return;
    for (const c of children) if (c.points > own + 1e-9) add(`${c.at}/points`, `分值 ${Number(c.points.toFixed(6))} 大于所在${what}的分值 ${own}（预算小于其中一项）`);
    const sum = children.reduce((x, c) => x + c.points, 0);
    const rules = children.some((c) => c.rule);
    // With only scored items the budget is their sum; with deduction rules it is a base they come out of.
    const whose = at === '' ? `满分 ${own}` : `部分分值 ${own}`;
    if (!rules && Math.abs(sum - own) > 1e-9) add(at === '' ? '/scoring/total' : `${at}/points`, `各项分值合计 ${Number(sum.toFixed(6))} 分，与${whose} 不一致`);
    if (rules && sum > own + 1e-9) add(at === '' ? '/scoring/total' : `${at}/points`, `各项分值合计 ${Number(sum.toFixed(6))} 分，超过${whose}`);
  };
  budget({ sections: def.sections }, '', '满分', total);
  for (const { section, pointer } of sectionSites(def)) budget(section, pointer, '部分', section.points);
  return problems;
}

/**
 * Rules for a rubric being written or loaded for scoring, beyond what the engine needs to score it: a snapshot of an
 * older version, pinned to records made before a rule existed, must stay readable, so these are not applied to it.
 * 1e308 m² must not score as met: every number has a plausible ceiling, stated in the rubric.
 */
export function authoringProblems(def: RubricDefinition): Problem[] {
  const problems: Problem[] = [];
  for (const { def: ind, pointer } of indicatorSites(def)) {
    for (const { check, path } of numericChecks(ind.check, `${pointer}/check`)) {
      if (check.maximum === undefined) {
        problems.push({ code: 'BOUNDS', path: `${path}/maximum`, indicator: ind.id, message: `数值类指标须写明有效范围上限 maximum（防止 1e308 之类的录入错误被当作达标），单位：${check.unit}` });
      }
    }
  }
  return problems;
}

/** Every number or range check of an indicator, composite parts included, with its JSON pointer. */
function numericChecks(c: Check, at: string): Array<{ check: Extract<Check, { kind: 'number' | 'range' }>; path: string }> {
  if (c.kind === 'number' || c.kind === 'range') return [{ check: c, path: at }];
  if (c.kind === 'composite') return c.parts.flatMap((p, i) => numericChecks(p.check, `${at}/parts/${i}/check`));
  return [];
}

/** The points an unbudgeted section adds up to: its children's. */
const sumOf = (s: Section): number => (s.sections ?? []).reduce((x, c) => x + (c.points ?? sumOf(c)), 0) + (s.indicators ?? []).filter((i) => !i.bonus).reduce((x, i) => x + (i.points ?? 0), 0);
const hasRules = (s: Section): boolean => (s.sections ?? []).some((c) => c.points === undefined && hasRules(c)) || (s.indicators ?? []).some((i) => i.points === undefined && i.deduct !== undefined);

const MEASURED = ['number', 'range', 'ratio', 'mean'];

/** One item of a points rubric: how it scores must fit what its answer is. */
function itemPointsProblems(ind: IndicatorDef, pointer: string, def: RubricDefinition, add: (path: string, message: string, indicator?: string) => void): void {
  const kind = ind.check.kind;
  const counts = kind === 'tally' ? ind.check.counts.map((c) => c.id) : [];
  const rates = (list: ReadonlyArray<{ count: string }>, at: string) =>
    list.forEach((r, i) => {
      if (kind !== 'tally') add(`${at}/${i}/count`, '按计数分档的扣分（或加分）须配合分类计数（tally）作答', ind.id);
      else if (!counts.includes(r.count)) add(`${at}/${i}/count`, `扣分（或加分）标准引用的计数“${r.count}”不存在（可用：${counts.join('、')}）`, ind.id);
    });
  if (ind.points === undefined && !ind.deduct && !ind.bonus && !ind.truncated) {
    add(`${pointer}/points`, '计分制的每个项目都须写明分值 points，或扣分标准 deduct（不设分值的扣分项从所在部分或总分中扣），或加分标准 bonus', ind.id);
  }
  if (ind.bonus) {
    if (!['count', 'number', 'tally'].includes(kind)) add(`${pointer}/check/kind`, '加分项须按次数（count、tally）或数值（number）作答', ind.id);
    if (ind.deduct || ind.veto) add(`${pointer}/bonus`, '加分项不能同时扣分或否决', ind.id);
    if (ind.bonus.rates) rates(ind.bonus.rates, `${pointer}/bonus/rates`);
  }
  const d = ind.deduct;
  if (d) {
    if (d.rates) rates(d.rates, `${pointer}/deduct/rates`);
    if (d.linear && !MEASURED.includes(kind)) add(`${pointer}/deduct/linear`, `按差距线性扣分须配合数值类答案（${MEASURED.join('、')}）`, ind.id);
    if (d.judged && kind !== 'judgement') add(`${pointer}/deduct/judged`, '酌情扣分（judged）须配合 judgement 类答案', ind.id);
    if (d.escalate) {
      const target = indicatorSites(def).find((s) => s.def.id === d.escalate!.to)?.def;
      if (kind !== 'occurrences') add(`${pointer}/deduct/escalate`, '升级规则须配合逐次记录的答案（occurrences）', ind.id);
      if (!target) add(`${pointer}/deduct/escalate/to`, `升级后适用的指标“${d.escalate.to}”不存在`, ind.id);
      else if (target.id === ind.id) add(`${pointer}/deduct/escalate/to`, '升级规则不能指向本项', ind.id);
      else if (!['count', 'occurrences'].includes(target.check.kind) || target.deduct?.per === undefined) {
        add(`${pointer}/deduct/escalate/to`, `升级后适用的指标 ${target.id} 须按次数作答并按次扣分（deduct.per）`, ind.id);
      }
    }
  }
  if (kind === 'judgement' && !d?.judged) add(`${pointer}/deduct`, '酌情扣分项须写明 deduct: { judged: true }', ind.id);
  if (kind === 'rating' && ind.points !== undefined) {
    const top = Math.max(...ind.check.bands.map((b) => b.points));
    if (Math.abs(top - ind.points) > 1e-9) add(`${pointer}/points`, `评价档次的最高分 ${top} 与项目分值 ${ind.points} 不一致`, ind.id);
  }
}
