import { canonicalJson, sha256 } from '../canonical.js';
import { normaliseCheck, normaliseCondition } from '../checks/index.js';
import type { RubricDefinition, Section, Tier } from '../schema/generated/rubric.js';
import type { Deduction, Indicator, Rubric, Scoring, SectionNode } from './model.js';

type DeductDef = NonNullable<import('../schema/generated/rubric.js').Indicator['deduct']>;
import { indicatorSites } from './walk.js';
import { rectificationRules } from '../rectification/rules.js';

export const IMPLICIT_TIER: Tier = { id: 'compliant', label: '达标', description: '没有分级的标准：全部必须项（及单项否决项）达标，计分标准还须达到合格等级。' };

/**
 * Builds the immutable Rubric from a definition that already passed schema and consistency checks. `hash`: the
 * definition's hash where it is already known (the rubric cache keeps it), else worked out here.
 */
export function normalise(def: RubricDefinition, hash?: string): Rubric {
  const scoring = normaliseScoring(def);
  const implicitTier = def.tiers === undefined || def.tiers.length === 0;
  // The implicit tier asks for the lowest passing band's score; when no failing band lies below it (every score
  // passes, even a negative one under 扣分不封顶), it asks for no score, so tier and grade never disagree.
  const passing = scoring.grades.filter((g) => g.pass).at(-1);
  const failingBelow = passing !== undefined && passing !== scoring.grades.at(-1);
  const tiers: Tier[] = implicitTier
    ? [{ ...IMPLICIT_TIER, ...(scoring.method === 'points' && failingBelow ? { min_score: passing.min } : {}) }]
    : def.tiers!;
  const rank = new Map(tiers.map((t, i) => [t.id, i]));
  const indicators = indicatorSites(def).map(({ def: d, pointer, section }): Indicator => {
    const requirement = d.requirement ?? 'mandatory';
    const veto = d.veto ?? false;
    // Without tiers, the implicit tier needs every mandatory item (percent) or every veto item (points).
    const declared = implicitTier
      ? (scoring.method === 'percent' ? requirement === 'mandatory' && !d.bonus : veto) ? [IMPLICIT_TIER.id] : []
      : (d.necessary_for ?? []);
    // Tiers nest: necessary for a tier means necessary for every tier above it; a veto item is necessary for all.
    const lowest = veto ? 0 : Math.min(...declared.map((t) => rank.get(t) ?? Infinity));
    const necessaryFor = Number.isFinite(lowest) ? tiers.slice(lowest).map((t) => t.id) : [];
    return {
      id: d.id,
      title: d.title,
      text: d.text,
      source: d.source,
      section,
      pointer,
      necessaryFor,
      check: normaliseCheck(d.check, rank),
      weight: d.weight ?? 1,
      requirement,
      levels: d.applies_to ?? def.applies_to,
      ...(d.points !== undefined ? { points: d.points } : {}),
      ...(d.deduct ? { deduct: deduction(d.deduct, d.points) } : {}),
      ...(d.bonus ? { bonus: { ...d.bonus, cap: d.points ?? Infinity } } : {}),
      ...(d.applies_when ? { when: normaliseCondition(d.applies_when) } : {}),
      ...(d.not_applicable !== undefined ? { countyNa: d.not_applicable } : {}),
      veto,
      na: d.na?.allowed ? { allowed: true, when: d.na.when } : null,
      guidance: d.guidance,
      truncated: d.truncated ?? false,
      ...(d.note !== undefined ? { note: d.note } : {}),
    };
  });
  const rubric: Rubric = {
    id: def.id,
    title: def.title,
    version: def.version,
    issuer: def.issuer,
    appliesTo: def.applies_to,
    levels: def.levels,
    tiers,
    implicitTier,
    scoring,
    parameters: def.parameters ?? {},
    facts: def.facts ?? {},
    period: def.period ?? 'month',
    sections: def.sections.map((s, i) => sectionNode(s, `/sections/${i}`, [])),
    indicators,
    byId: new Map(indicators.map((i) => [i.id, i])),
    rectification: rectificationRules(def),
    hash: hash ?? sha256(canonicalJson(def)),
    definition: def,
  };
  return deepFreeze(rubric);
}

function normaliseScoring(def: RubricDefinition): Scoring {
  const s = def.scoring;
  const grades = [...(s.grades ?? [])].sort((a, b) => b.min - a.min);
  const total = s.method === 'points' ? (s.total ?? 100) : 100;
  return {
    method: s.method,
    total,
    max: s.method !== 'points' ? 100 : s.max === 'none' ? Infinity : (s.max ?? total),
    bonusCap: s.bonus_cap ?? Infinity,
    floor: s.floor ?? true,
    grades,
    ...(s.veto_grade !== undefined ? { vetoGrade: s.veto_grade } : {}),
    bonusOrder: s.bonus_order ?? 'after_rescaling',
    annual: s.annual ?? 'mean',
  };
}

function sectionNode(s: Section, pointer: string, chain: readonly string[]): SectionNode {
  const path = [...chain, `${s.number ?? ''}${s.title}`];
  return {
    ...(s.id !== undefined ? { id: s.id } : {}),
    ...(s.number !== undefined ? { number: s.number } : {}),
    title: s.title,
    path,
    pointer,
    ...(s.points !== undefined ? { budget: s.points } : {}),
    sections: (s.sections ?? []).map((c, i) => sectionNode(c, `${pointer}/sections/${i}`, path)),
    indicatorIds: (s.indicators ?? []).map((i) => i.id),
  };
}

/** A deduction rule with its cap made explicit: an item's own points cap it; a rule without points is capped only by an explicit max. */
function deduction(d: DeductDef, points: number | undefined): Deduction {
  const linear = d.linear && { per: d.linear.per, step: d.linear.step ?? 1, from: d.linear.from, whole: d.linear.whole ?? false };
  return {
    ...(d.per !== undefined ? { per: d.per } : {}),
    ...(d.rates ? { rates: d.rates } : {}),
    ...(linear ? { linear } : {}),
    ...(d.judged ? { judged: true } : {}),
    max: Math.min(d.max ?? Infinity, points ?? Infinity),
    ...(d.escalate ? { escalate: { op: d.escalate.at.op, value: d.escalate.at.value, to: d.escalate.to, ...(d.escalate.label ? { label: d.escalate.label } : {}) } } : {}),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) value.forEach((v) => deepFreeze(v));
    else for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
