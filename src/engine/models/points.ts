// points: each item earns its points less its deductions; deduction rules without points of their own take from
// the budget of their section (扣完为止: floored at 0), and sections nest (70 → 15 → 3). Whatever belongs to no
// budgeted section comes out of the total, floored at 0 unless the rubric says 扣分不封顶. Items marked 不适用
// leave their points out and the rest is rescaled to the total; bonuses are added after rescaling (or before, as the
// rubric says), up to the rubric's bonus cap, and the score never passes the highest score (最高分).
import { compare } from '../../checks/threshold.js';
import { num } from '../../checks/words.js';
import type { Deduction, Indicator, Rubric, SectionNode } from '../../rubric/model.js';
import type { IndicatorResult, SectionResult } from '../../schema/generated/assessment.js';
import { type Evaluation, round2, type Scored, type ScoringModel } from './types.js';

interface ItemScore {
  max: number;
  /** May be Infinity: an unanswered rule without a cap takes whatever its budget holds. */
  deducted: number;
  bonus: number;
}

/** Occurrences moved by escalation: for each target, how many came from where. */
type Moved = Map<string, Array<{ from: string; n: number; label: string }>>;

export const pointsModel: ScoringModel = {
  score(rubric, evaluations) {
    const { own, moved } = escalations(evaluations);
    const items = new Map<string, ItemScore>();
    let bonus = 0;
    for (const e of evaluations) {
      const s = itemScore(e, own.get(e.ind.id), moved.get(e.ind.id));
      if (!s) continue;
      if (e.ind.bonus) bonus += s.bonus;
      else items.set(e.ind.id, s);
    }

    const sections: SectionResult[] = [];
    const total = rubric.scoring.total;
    const root = rootAggregate(rubric, items, sections);
    const bonusCounted = Math.min(rubric.scoring.bonusCap, bonus);
    const detail = (earned: number, possible: number, deducted: number) => ({
      method: 'points',
      total,
      earned: round2(earned),
      possible: round2(possible),
      max: Number.isFinite(rubric.scoring.max) ? rubric.scoring.max : null,
      deducted: round2(deducted),
      bonus: round2(bonusCounted),
    });
    const score = finalScore(rubric, root, bonusCounted);
    if (score === null) return { score: null, detail: detail(0, root.applicable ? root.max : 0, 0), sections };
    return { score, detail: detail(root.subtotal, root.max, root.max - root.subtotal), sections } satisfies Scored;
  },
};

/** The root is a budget of `total`; floored only when the rubric says so. */
function rootAggregate(rubric: Rubric, items: ReadonlyMap<string, ItemScore>, out: SectionResult[], claims?: ReadonlyMap<string, number>): Aggregate {
  const total = rubric.scoring.total;
  return aggregate({ budget: total, sections: rubric.sections, indicatorIds: [] }, rubric.scoring.floor, 0, total, items, rubric.byId, out, claims);
}

function finalScore(rubric: Rubric, root: Aggregate, bonus: number): number | null {
  if (!root.applicable || !Number.isFinite(root.subtotal) || root.max <= 0) return null;
  const total = rubric.scoring.total;
  // Bonus joins after the earned points are rescaled for what is 不适用 (75/85 × 100 + 2), or before (scoring.bonus_order).
  const scaled = rubric.scoring.bonusOrder === 'before_rescaling' ? ((root.subtotal + bonus) * total) / root.max : (root.subtotal * total) / root.max + bonus;
  const score = Math.min(rubric.scoring.max, scaled);
  return round2(rubric.scoring.floor ? Math.max(0, score) : score);
}

/**
 * The score a unit's own scores (自评分) give under the rubric's own rules, so it can stand beside the score: a
 * claimed item earns its claim, a claimed section's subtotal is its claim, a deduction rule takes nothing (a unit
 * states its losses through the items and sections it scores), 不适用 is rescaled and bonus capped as in the score.
 * Null when an applicable item with points is neither claimed nor inside a claimed section, or a budgeted section
 * made only of rules is not claimed: the claims do not cover the table, so there is no score of theirs to compare. Call after `score`, which settles what is 不适用.
 */
export function claimedScore(rubric: Rubric, evaluations: readonly Evaluation[], claims: ReadonlyMap<string, number>): number | null {
  const items = new Map<string, ItemScore>();
  let bonus = 0;
  for (const { ind, result } of evaluations) {
    if (ind.bonus) bonus += claims.get(ind.id) ?? 0;
    else if (result.status !== 'not_applicable') {
      const max = ind.points ?? 0;
      items.set(ind.id, { max, deducted: max - (claims.get(ind.id) ?? max), bonus: 0 });
    }
  }
  // A budgeted section made only of rules (no points of their own) has nothing to claim but itself: left unclaimed,
  // the claims say nothing of it, so they do not cover the table. Where the unit claimed the section's items, a
  // rule it did not state takes nothing. Rules on the total itself (其他) are not the unit's to score.
  const isRule = (id: string) => items.get(id)?.max === 0;
  const has = (node: Node, p: (id: string) => boolean): boolean => node.indicatorIds.some(p) || node.sections.some((s) => has(s, p));
  const covered = (node: Node & { id?: string }, above: boolean): boolean => {
    const whole = above || (node.id !== undefined && claims.has(node.id));
    if (!whole && node.budget !== undefined && has(node, isRule) && !has(node, (id) => (items.get(id)?.max ?? 0) > 0)) return false;
    return node.sections.every((s) => covered(s, whole)) && node.indicatorIds.every((id) => whole || claims.has(id) || !items.has(id) || isRule(id));
  };
  if (!covered({ sections: rubric.sections, indicatorIds: [] }, false)) return null;
  return finalScore(rubric, rootAggregate(rubric, items, [], claims), Math.min(rubric.scoring.bonusCap, bonus));
}

/** Occurrences past an escalation bound leave their own rule (own count) and count under the target's (moved). */
function escalations(evaluations: readonly Evaluation[]): { own: Map<string, number>; moved: Moved } {
  const own = new Map<string, number>();
  const moved: Moved = new Map();
  for (const { ind, outcome } of evaluations) {
    const esc = ind.deduct?.escalate;
    if (!esc || !outcome?.measures) continue;
    const past = outcome.measures.filter((m) => compare(m, esc.op, esc.value)).length;
    if (past === 0) continue;
    own.set(ind.id, outcome.measures.length - past);
    moved.set(esc.to, [...(moved.get(esc.to) ?? []), { from: ind.id, n: past, label: esc.label ?? '转按该项处理' }]);
  }
  return { own, moved };
}

/** One item's points, written into its result; null when it is 不适用. */
function itemScore(e: Evaluation, ownDefects: number | undefined, movedIn: ReadonlyArray<{ from: string; n: number; label: string }> | undefined): ItemScore | null {
  const { ind, result: r, outcome } = e;
  const max = ind.points ?? 0;
  if (ind.bonus) return bonusScore(ind, r, e);
  if (r.status === 'not_applicable') return null;
  if (r.status === 'not_assessed' || !outcome) {
    // Unanswered never counts as met: an item loses all its points, a rule its cap (without one, its whole budget).
    const deducted = ind.points !== undefined ? max : (ind.deduct?.max ?? 0);
    r.points = { max, earned: Number.isFinite(deducted) ? round2(max - deducted) : 0, deducted: Number.isFinite(deducted) ? round2(deducted) : 0, bonus: 0 };
    if (ind.points === undefined && ind.deduct) r.reason += Number.isFinite(deducted) ? `；按最高扣分 ${num(deducted)} 分计` : '；扣分不设上限，按所在部分的分值扣完计';
    return { max, deducted, bonus: 0 };
  }
  const extra = (movedIn ?? []).reduce((s, m) => s + m.n, 0);
  let deducted: number;
  if (ind.deduct) deducted = Math.min(ind.deduct.max, ruleAmount(ind.deduct, e, (ownDefects ?? outcome.defects) + extra));
  else if (ind.points !== undefined) deducted = max - max * (r.credit ?? 0);
  else deducted = 0; // an item with neither points nor a deduction (a truncated row) is shown, never scored
  deducted = round2(deducted);
  if (ownDefects !== undefined) {
    const esc = ind.deduct!.escalate!;
    r.reason += `；其中 ${outcome.defects - ownDefects} ${outcomeUnit(ind)}${esc.label ?? '转按该项处理'}（计入指标 ${esc.to}）`;
  }
  if (extra > 0) r.reason += `；另有 ${movedIn!.map((m) => `${m.n} 次由指标 ${m.from} 转入（${m.label}）`).join('、')}`;
  // A deduction is a failure even where the check's own line is met (a rate above its threshold but below 100%).
  if (r.status === 'met' && deducted > 0) r.status = 'unmet';
  if (deducted > 0 && r.status === 'unmet') r.reason += `；扣 ${num(deducted)} 分`;
  r.points = { max, earned: round2(max - deducted), deducted, bonus: 0 };
  if (max > 0) r.credit = (max - deducted) / max;
  return { max, deducted, bonus: 0 };
}

const outcomeUnit = (ind: Indicator) => (ind.check.kind === 'occurrences' ? ind.check.unit : '次');

/** What one deduction rule takes, before its cap. */
function ruleAmount(d: Deduction, e: Evaluation, defects: number): number {
  const o = e.outcome!;
  if (d.per !== undefined) return d.per * defects;
  if (d.rates) return d.rates.reduce((s, rate) => s + rate.per * (o.counts?.[rate.count] ?? 0), 0);
  if (d.linear) {
    const below = d.linear.from - (o.measure ?? d.linear.from);
    if (below <= 0) return 0;
    const steps = d.linear.whole ? Math.floor(below / d.linear.step + 1e-9) : below / d.linear.step;
    return d.linear.per * steps;
  }
  return o.amount ?? 0;
}

/**
 * 镇级 1 次 × 1 分、区委区政府 1 次 × 2 分: each rate that counted, by its count's label. (The check's own reason says
 * what was found against a limit, which reads wrong for a bonus.)
 */
function ratesText(ind: Indicator, rates: readonly { count: string; per: number }[], counts: Readonly<Record<string, number>>): string {
  const items = 'counts' in ind.check ? ind.check.counts : [];
  const unit = ind.check.kind === 'tally' ? ind.check.unit : '次';
  return rates
    .filter((rate) => (counts[rate.count] ?? 0) > 0)
    .map((rate) => `${items.find((i) => i.id === rate.count)?.label ?? rate.count} ${num(counts[rate.count]!)} ${unit} × ${num(rate.per)} 分`)
    .join('、');
}

/** A bonus item never blocks: with nothing to add it is simply not applicable this period. */
function bonusScore(ind: Indicator, r: IndicatorResult, e: Evaluation): ItemScore | null {
  const b = ind.bonus!;
  const o = e.outcome;
  if (r.status === 'not_assessed' || !o) {
    r.points = { max: ind.points ?? 0, earned: 0, deducted: 0, bonus: 0 };
    return { max: 0, deducted: 0, bonus: 0 };
  }
  if (r.status === 'not_applicable') return null;
  const n = o.measure ?? o.defects;
  const raw = b.rates ? b.rates.reduce((s, rate) => s + rate.per * (o.counts?.[rate.count] ?? 0), 0) : b.per! * n;
  const bonus = round2(Math.min(b.cap, raw));
  const how = b.rates ? ratesText(ind, b.rates, o.counts ?? {}) : `${num(n)} ${ind.check.kind === 'count' ? ind.check.unit : ''} × ${num(b.per!)} 分`;
  r.status = bonus > 0 ? 'met' : 'not_applicable';
  r.reason_code = bonus > 0 ? 'BONUS' : 'NO_BONUS';
  r.reason = bonus > 0 ? `加 ${num(bonus)} 分（${how}${Number.isFinite(b.cap) ? `，本项最多 ${num(b.cap)} 分` : ''}）` : '本期无加分事项';
  r.credit = null;
  r.tier_status = {};
  r.shortfalls = [];
  r.missing_items = [];
  r.points = { max: ind.points ?? 0, earned: 0, deducted: 0, bonus };
  return { max: 0, deducted: 0, bonus };
}

interface Node {
  budget?: number;
  sections: readonly SectionNode[];
  indicatorIds: readonly string[];
}

interface Aggregate {
  /** Whether anything under the node is applicable. */
  applicable: boolean;
  /** Points of 不适用 items not yet taken out of a budget: an unbudgeted section passes them up. */
  na: number;
  max: number;
  /** May be −Infinity (an unbounded rule left unanswered, with nothing to floor it). */
  subtotal: number;
}

/**
 * A section's subtotal: a budget less its children's deductions, floored at 0 (扣完为止); without a budget, the
 * sum of its children. The points of 不适用 items come out of the nearest budget above them (the total at the
 * top), so the rest can be rescaled. Records every section's result in rubric order. `enclosing` is the nearest
 * budget at or above the node: what an unbounded loss inside an unbudgeted section takes.
 */
function aggregate(
  node: Node,
  floor: boolean,
  depth: number,
  enclosing: number,
  items: ReadonlyMap<string, ItemScore>,
  /** The rubric's indicators by id (every one is evaluated). */
  byId: ReadonlyMap<string, Indicator>,
  out: SectionResult[],
  claims?: ReadonlyMap<string, number>,
): Aggregate {
  let na = 0;
  let max = 0;
  let subtotal = 0;
  let applicable = false;
  const add = (a: Aggregate) => {
    na += a.na;
    if (!a.applicable) return;
    applicable = true;
    max += a.max;
    subtotal += a.subtotal;
  };
  const within = node.budget ?? enclosing;
  for (const s of node.sections) {
    const at = out.length;
    out.push(undefined as never); // keeps the section before its subsections
    const a = aggregate(s, true, depth + 1, within, items, byId, out, claims);
    out[at] = sectionResult(s, depth, a, byId, within);
    // A section the unit scored as a whole (自评分 of the section) stands at its claim.
    const claim = s.id !== undefined ? claims?.get(s.id) : undefined;
    add(claim !== undefined && a.applicable ? { ...a, subtotal: claim } : a);
  }
  for (const id of node.indicatorIds) {
    const ind = byId.get(id)!;
    if (ind.bonus) continue;
    const s = items.get(id);
    add(s ? { applicable: true, na: 0, max: s.max, subtotal: s.max - s.deducted } : { applicable: false, na: ind.points ?? 0, max: 0, subtotal: 0 });
  }
  if (node.budget === undefined) return { applicable, na, max, subtotal };
  // A budget wholly 不适用 leaves the parent whole; otherwise it absorbs what is 不适用 inside it.
  if (!applicable) return { applicable, na: node.budget, max: 0, subtotal: 0 };
  const effective = node.budget - na;
  const left = effective - (max - subtotal);
  return { applicable, na: 0, max: effective, subtotal: floor ? Math.max(0, left) : left };
}

function sectionResult(s: SectionNode, depth: number, a: Aggregate, byId: ReadonlyMap<string, Indicator>, enclosing: number): SectionResult {
  const ids = allIds(s);
  const subtotal = a.applicable ? a.subtotal : 0;
  const max = a.applicable ? a.max : 0;
  return {
    ...(s.id !== undefined ? { id: s.id } : {}),
    ...(s.number !== undefined ? { number: s.number } : {}),
    title: s.title,
    path: [...s.path],
    depth,
    ...(s.budget !== undefined ? { budget: s.budget } : {}),
    max: round2(max),
    // An unbounded rule left unanswered in a section without a budget has no finite subtotal: it takes all of the
    // budget around it (the total at the top), as the score does, so the section shows that much lost.
    subtotal: Number.isFinite(subtotal) ? round2(subtotal) : round2(max - enclosing),
    deducted: Number.isFinite(subtotal) ? round2(max - subtotal) : round2(enclosing),
    indicators: ids.filter((id) => byId.has(id)),
  };
}

/** Every indicator id in a section and its subsections, in rubric order: the same for every assessment, so made once. */
const ALL_IDS = new WeakMap<SectionNode, readonly string[]>();
function allIds(s: SectionNode): readonly string[] {
  let ids = ALL_IDS.get(s);
  if (!ids) ALL_IDS.set(s, (ids = [...s.indicatorIds, ...s.sections.flatMap(allIds)]));
  return ids;
}
