import { canonicalJson, sha256 } from '../canonical.js';
import type { Check, RubricDefinition, Section } from '../schema/generated/rubric.js';
import type { Indicator, NormCheck, Requirement, Rubric, SectionNode } from './model.js';
import { indicatorSites } from './walk.js';

/** Builds the immutable Rubric from a definition that already passed schema and consistency checks. */
export function normalise(def: RubricDefinition): Rubric {
  const tiers = def.tiers ?? [];
  const rank = new Map(tiers.map((t, i) => [t.id, i]));
  const indicators = indicatorSites(def).map(({ def: d, pointer, section }): Indicator => {
    // Tiers nest: necessary for a tier means necessary for every tier above it.
    const lowest = Math.min(...(d.necessary_for ?? []).map((t) => rank.get(t) ?? Infinity));
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
