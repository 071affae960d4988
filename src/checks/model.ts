// The normalised check of every kind, as the engine sees it. Loose forms from YAML (optional fields,
// `require: all`) never get past normalisation.
import type { Comparator, Derived } from '../schema/generated/rubric.js';

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

export interface NamedItem {
  id: string;
  label: string;
}

export type LengthUnit = 'mm' | 'cm' | 'm';

export type BooleanCheck = { kind: 'boolean'; expect: boolean };
export type NumberCheck = { kind: 'number'; requirements: readonly Requirement[] } & NumericBounds;
export type RangeCheck = { kind: 'range'; min: number; max: number } & NumericBounds;
export type ChecklistCheck = { kind: 'checklist'; items: readonly NamedItem[]; atLeast: number };
export type ChoiceCheck = { kind: 'choice'; options: readonly NamedItem[]; accept: readonly string[] };
export type DimensionCheck = { kind: 'dimension'; unit: LengthUnit; dims: ReadonlyArray<NamedItem & { value: number }>; tolerance: number };
export type FrequencyCheck = { kind: 'frequency'; times: number; per: 'week' | 'month'; unit: string };
export type CountCheck = { kind: 'count'; unit: string; max: number };
export type CompositeCheck = { kind: 'composite'; parts: ReadonlyArray<NamedItem & { check: NormCheck }> };

export type NormCheck = BooleanCheck | NumberCheck | RangeCheck | ChecklistCheck | ChoiceCheck | DimensionCheck | FrequencyCheck | CountCheck | CompositeCheck;
