// The normalised check of every kind, as the engine sees it. Loose forms from YAML (optional fields,
// `require: all`) never get past normalisation.
import type { Weekday } from '../calendar/workdays.js';
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

/** Another indicator's answer that decides whether something applies (applies_when). */
export interface Condition {
  indicator: string;
  test: { is: boolean } | { in: readonly string[] } | { op: Comparator; value: number };
}

export type LengthUnit = 'mm' | 'cm' | 'm';

export type FrequencyBasis = { per: 'week' | 'month' | 'workday' } | { on: readonly Weekday[]; exceptHolidays: boolean };

export type BooleanCheck = { kind: 'boolean'; expect: boolean };
export type NumberCheck = { kind: 'number'; requirements: readonly Requirement[] } & NumericBounds;
export type RangeCheck = { kind: 'range'; min: number; max: number } & NumericBounds;
/** `all`: every applicable item (items can apply conditionally); otherwise at least `atLeast`. */
export type ChecklistCheck = { kind: 'checklist'; items: ReadonlyArray<NamedItem & { when?: Condition }>; all: boolean; atLeast: number };
export type ChoiceCheck = { kind: 'choice'; options: readonly NamedItem[]; accept: readonly string[] };
export type DimensionCheck = { kind: 'dimension'; unit: LengthUnit; dims: ReadonlyArray<NamedItem & { value: number }>; tolerance: number };
/** each: due in every week (month, working day) of the period; the answer is how many of them it was done in. */
export type FrequencyCheck = { kind: 'frequency'; times: number; basis: FrequencyBasis; unit: string; each?: true };
export type CountCheck = { kind: 'count'; unit: string; max: number };
export type CompositeCheck = { kind: 'composite'; parts: ReadonlyArray<NamedItem & { check: NormCheck }> };
export type TallyCheck = { kind: 'tally'; unit: string; counts: readonly NamedItem[]; max: number };
export type JudgementCheck = { kind: 'judgement'; min: number; max: number; unit: string };
export type RatingCheck = { kind: 'rating'; bands: ReadonlyArray<NamedItem & { points: number }> };
export type RatioCheck = { kind: 'ratio'; of: NamedItem; per: NamedItem; requirement: Requirement; zero: 'error' | 'not_applicable' };
export type MeanCheck = { kind: 'mean'; unit: string; levels: ReadonlyArray<NamedItem & { value: number }>; requirement: Requirement; zero: 'error' | 'not_applicable' };
export type OccurrencesCheck = { kind: 'occurrences'; unit: string; measure: { label: string; unit: string; maximum?: number } };

export type NormCheck =
  | BooleanCheck
  | NumberCheck
  | RangeCheck
  | ChecklistCheck
  | ChoiceCheck
  | DimensionCheck
  | FrequencyCheck
  | CountCheck
  | CompositeCheck
  | TallyCheck
  | JudgementCheck
  | RatingCheck
  | RatioCheck
  | MeanCheck
  | OccurrencesCheck;
