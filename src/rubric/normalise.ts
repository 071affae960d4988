import { canonicalJson, sha256 } from '../canonical.js';
import type { Check, RubricDefinition, Section, Tier } from '../schema/generated/rubric.js';
import type { Indicator, NormCheck, Requirement, Rubric, Scoring, SectionNode } from './model.js';
import { indicatorSites } from './walk.js';

export const IMPLICIT_TIER: Tier = { id: 'compliant', label: '达标', description: '没有分级的标准：全部必须项（及单项否决项）达标，计分标准还须达到合格等级。' };

/** Builds the immutable Rubric from a definition that already passed schema and consistency checks. */
export function normalise(def: RubricDefinition): Rubric {
  const scoring = normaliseScoring(def);
  const implicitTier = def.tiers === undefined || def.tiers.length === 0;
  const passing = scoring.grades.filter((g) => g.pass).at(-1);
  const tiers: Tier[] = implicitTier
    ? [{ ...IMPLICIT_TIER, ...(scoring.method === 'points' && passing ? { min_score: passing.min } : {}) }]
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
      ...(d.deduct ? { deduct: { per: d.deduct.per, max: Math.min(d.deduct.max ?? Infinity, d.points ?? Infinity) } } : {}),
      ...(d.bonus ? { bonus: d.bonus } : {}),
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
    sections: def.sections.map(sectionNode),
    indicators,
    byId: new Map(indicators.map((i) => [i.id, i])),
    hash: sha256(canonicalJson(def)),
    definition: def,
  };
  return deepFreeze(rubric);
}

function normaliseScoring(def: RubricDefinition): Scoring {
  const s = def.scoring;
  const grades = [...(s.grades ?? [])].sort((a, b) => b.min - a.min);
  return {
    method: s.method,
    total: s.method === 'points' ? (s.total ?? 100) : 100,
    bonusCap: s.bonus_cap ?? 0,
    grades,
    ...(s.veto_grade !== undefined ? { vetoGrade: s.veto_grade } : {}),
    bonusOrder: s.bonus_order ?? 'after_rescaling',
    annual: s.annual ?? 'mean',
  };
}

function normaliseCheck(c: Check, rank: Map<string, number>): NormCheck {
  switch (c.kind) {
    case 'boolean':
      return { kind: 'boolean', expect: c.expect ?? true };
    case 'number': {
      const bounds = { unit: c.unit, minimum: c.minimum, maximum: c.maximum, integer: c.integer ?? false };
      const requirements: Requirement[] = c.threshold
        ? [{ tier: null, ...c.threshold }]
        : Object.entries(c.thresholds ?? {})
            .map(([tier, th]) => ({ tier, ...th }))
            .sort((a, b) => (rank.get(a.tier) ?? 0) - (rank.get(b.tier) ?? 0));
      return { kind: 'number', ...bounds, requirements };
    }
    case 'range':
      return { kind: 'range', unit: c.unit, minimum: c.minimum, maximum: c.maximum, integer: c.integer ?? false, min: c.min, max: c.max };
    case 'checklist':
      return { kind: 'checklist', items: c.items, atLeast: c.require === 'all' ? c.items.length : c.require.at_least };
    case 'choice':
      return { kind: 'choice', options: c.options, accept: c.accept };
    case 'dimension':
      return { kind: 'dimension', unit: c.unit, dims: c.dims, tolerance: c.tolerance ?? 0 };
    case 'frequency':
      return { kind: 'frequency', times: c.times, per: c.per, unit: c.unit };
    case 'count':
      return { kind: 'count', unit: c.unit, max: c.max ?? 0 };
    case 'composite':
      return { kind: 'composite', parts: c.parts.map((p) => ({ id: p.id, label: p.label, check: normaliseCheck(p.check, rank) })) };
  }
}

function sectionNode(s: Section): SectionNode {
  return {
    ...(s.number !== undefined ? { number: s.number } : {}),
    title: s.title,
    sections: (s.sections ?? []).map(sectionNode),
    indicatorIds: (s.indicators ?? []).map((i) => i.id),
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
