// The normalised, immutable rubric the engine works with. Loose forms from YAML
// (optional weights, tier lists that skip implied tiers) never get past the boundary.
import type { PeriodKind } from '../calendar/period.js';
import type { Condition, NormCheck } from '../checks/model.js';
import type {
  Citation,
  Comparator,
  Fact,
  Grade,
  Guidance,
  Parameter,
  RubricDefinition,
  Tier,
  UnitLevel,
} from '../schema/generated/rubric.js';

import type { RectificationRules } from '../rectification/rules.js';

export type { Condition, LengthUnit, NamedItem, NormCheck, NumericBounds, Requirement } from '../checks/model.js';

/** The grade id of 未评定: a points assessment whose veto item was left unanswered; no rubric grade may use it. */
export const NOT_ASSESSED_GRADE = 'not_assessed';

export interface Scoring {
  method: 'percent' | 'points';
  /** points: full marks (满分), or the base score (基本分) deductions come out of. */
  total: number;
  /** points: the highest score (最高分); above total only where bonus may pass full marks; Infinity for none. */
  max: number;
  /** points: the most all bonuses together may add; Infinity when uncapped (加分无上限). */
  bonusCap: number;
  /** points: whether the score is floored at 0 (扣完为止); false for 扣分不封顶. */
  floor: boolean;
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
  deduct?: Deduction;
  bonus?: Bonus;
  /** Applies only when another answer says so (applies_when). */
  when?: Condition;
  /** 不适用 for every unit, for this reason (a county's tailoring). */
  countyNa?: string;
  veto: boolean;
  na: { allowed: true; when: string } | null;
  guidance: Guidance;
  truncated: boolean;
  note?: string;
}

export interface Rate {
  count: string;
  per: number;
}

/** How an item loses points: exactly one of per, rates, linear or judged. */
export interface Deduction {
  per?: number;
  rates?: readonly Rate[];
  linear?: { per: number; step: number; from: number; whole: boolean };
  judged?: boolean;
  /** The cap: the item's points, an explicit max, or Infinity for a rule its section's budget floors. */
  max: number;
  /** Occurrences past the bound count under another item's rule. */
  escalate?: { op: Comparator; value: number; to: string; label?: string };
}

/** How a bonus item adds points: per occurrence, or a rate per named count; capped at the item's points (Infinity when it has none). */
export interface Bonus {
  per?: number;
  rates?: readonly Rate[];
  cap: number;
}

export interface SectionNode {
  id?: string;
  number?: string;
  title: string;
  /** Heading chain, outermost first, ending with this section. */
  path: readonly string[];
  /** JSON pointer of the section inside the rubric definition. */
  pointer: string;
  /** points: the section's own budget (分值), deductions floored at 0 within it. */
  budget?: number;
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
  /** The period one assessment covers. */
  period: PeriodKind;
  parameters: Readonly<Record<string, Parameter>>;
  facts: Readonly<Record<string, Fact>>;
  sections: readonly SectionNode[];
  /** In source order. */
  indicators: readonly Indicator[];
  byId: ReadonlyMap<string, Indicator>;
  /** 整改: deadline, escalation levels and required evidence (defaults filled in). */
  rectification: RectificationRules;
  /** sha256 of the canonical JSON of the definition: pins assessments to the exact rubric. */
  hash: string;
  definition: RubricDefinition;
}
