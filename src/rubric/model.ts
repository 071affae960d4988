// The normalised, immutable rubric the engine works with. Loose forms from YAML
// (optional weights, tier lists that skip implied tiers) never get past the boundary.
import type {
  Citation,
  Comparator,
  Fact,
  Guidance,
  Parameter,
  RubricDefinition,
  Tier,
  UnitLevel,
} from '../schema/generated/rubric.js';

export interface Requirement {
  /** The tier this requirement belongs to; null when it applies to every tier alike. */
  tier: string | null;
  op: Comparator;
  value?: number;
  param?: string;
}

export interface NumericBounds {
  unit: string;
  minimum?: number;
  maximum?: number;
  integer: boolean;
}

export type NormCheck =
  | { kind: 'boolean'; expect: boolean }
  | ({ kind: 'number'; requirements: readonly Requirement[] } & NumericBounds)
  | ({ kind: 'range'; min: number; max: number } & NumericBounds)
  | { kind: 'checklist'; items: ReadonlyArray<{ id: string; label: string }>; atLeast: number };

export interface Indicator {
  id: string;
  title: string;
  text: string;
  source: Citation;
  /** Heading chain, outermost first, e.g. ["(一)规范服务场所建设", "统一名称规范"]. */
  section: readonly string[];
  /** JSON pointer of the indicator inside the rubric definition. */
  pointer: string;
  /** Tier ids, lowest first; necessary for a tier means necessary for every higher tier too. */
  necessaryFor: readonly string[];
  check: NormCheck;
  weight: number;
  na: { allowed: true; when: string } | null;
  guidance: Guidance;
  truncated: boolean;
  note?: string;
}

export interface SectionNode {
  number?: string;
  title: string;
  sections: readonly SectionNode[];
  indicatorIds: readonly string[];
}

export interface Rubric {
  id: string;
  title: string;
  version: string;
  issuer: string;
  appliesTo: readonly UnitLevel[];
  levels: readonly string[];
  /** Lowest first. */
  tiers: readonly Tier[];
  parameters: Readonly<Record<string, Parameter>>;
  facts: Readonly<Record<string, Fact>>;
  sections: readonly SectionNode[];
  /** In source order. */
  indicators: readonly Indicator[];
  byId: ReadonlyMap<string, Indicator>;
  /** sha256 of the canonical JSON of the definition: pins assessments to the exact rubric. */
  hash: string;
  definition: RubricDefinition;
}
