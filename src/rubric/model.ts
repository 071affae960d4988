// The normalised, immutable rubric the engine works with. Loose forms from YAML
// (optional weights, tier lists that skip implied tiers) never get past the boundary.
import type {
  Citation,
  Comparator,
  Derived,
  Fact,
  Grade,
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
  derived?: Derived;
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
  | { kind: 'checklist'; items: readonly NamedItem[]; atLeast: number }
  | { kind: 'choice'; options: readonly NamedItem[]; accept: readonly string[] }
  | { kind: 'dimension'; unit: LengthUnit; dims: ReadonlyArray<NamedItem & { value: number }>; tolerance: number }
  | { kind: 'frequency'; times: number; per: 'week' | 'month'; unit: string }
  | { kind: 'count'; unit: string; max: number }
  | { kind: 'composite'; parts: ReadonlyArray<NamedItem & { check: NormCheck }> };

export interface NamedItem {
  id: string;
  label: string;
}

export type LengthUnit = 'mm' | 'cm' | 'm';

/** The grade id of 未评定: a points assessment whose veto item was left unanswered; no rubric grade may use it. */
export const NOT_ASSESSED_GRADE = 'not_assessed';

export interface Scoring {
  method: 'percent' | 'points';
  /** points: the full score. */
  total: number;
  bonusCap: number;
  /** Highest first; empty for percent rubrics. */
  grades: readonly Grade[];
  vetoGrade?: string;
  /** points: whether bonus points join the score after the earned points are rescaled for 不适用 items, or before. */
  bonusOrder: 'after_rescaling' | 'before_rescaling';
  /** How the year combines the months. */
  annual: 'mean' | 'deductions';
}

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
  requirement: 'mandatory' | 'recommended';
  /** Unit levels the indicator concerns; for any other level it is 不适用 without being answered. */
  levels: readonly UnitLevel[];
  /** Points rubrics: the item's points (for a bonus item, its cap). */
  points?: number;
  deduct?: { per: number; max: number };
  bonus?: { per: number };
  veto: boolean;
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
  /** Lowest first. A rubric without tiers gets the single implicit tier `compliant` (达标). */
  tiers: readonly Tier[];
  implicitTier: boolean;
  scoring: Scoring;
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
