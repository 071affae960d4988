/* eslint-disable */
// DO NOT EDIT. Generated from src/schema/*.schema.json by `npm run gen:types`.

/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "UnitLevel".
 */
export type UnitLevel = 'county' | 'township' | 'village';
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Check".
 */
export type Check =
  | BooleanCheck
  | NumberCheck
  | RangeCheck
  | ChecklistCheck
  | ChoiceCheck
  | DimensionCheck
  | FrequencyCheck
  | CountCheck
  | CompositeCheck;
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Comparator".
 */
export type Comparator = '>=' | '>' | '<=' | '<' | '==';

/**
 * A standard encoded as data: metadata, ordered tiers, year-dependent parameters and the indicator hierarchy.
 */
export interface RubricDefinition {
  $schema?: string;
  /**
   * Stable id; part of the submission contract.
   */
  id: string;
  title: string;
  version: string;
  /**
   * Who issued the standard, as far as the source shows it.
   */
  issuer: string;
  source: DocumentSource;
  effective: {
    /**
     * ISO date the standard takes effect, or null when the source does not say.
     */
    from: string | null;
    note?: string;
  };
  /**
   * Unit levels this standard assesses; a submission for another level is refused.
   *
   * @minItems 1
   */
  applies_to: [UnitLevel, ...UnitLevel[]];
  /**
   * Names of the hierarchy levels, outermost first, ending with the indicator level (e.g. 一级指标, 二级指标, 三级指标).
   *
   * @minItems 1
   */
  levels: [string, ...string[]];
  /**
   * Ordered from lowest to highest; reaching a tier implies reaching every lower one. Omit for rubrics judged only 达标/未达标: they get one implicit tier, compliant (达标), for which mandatory indicators (and veto items, and a passing grade) are necessary.
   */
  tiers?: Tier[];
  parameters?: {
    [k: string]: Parameter;
  };
  /**
   * Facts about the unit that a submission must give when an indicator derives a threshold from them.
   */
  facts?: {
    [k: string]: Fact;
  };
  scoring: Scoring;
  notes?: string[];
  /**
   * @minItems 1
   */
  sections: [Section, ...Section[]];
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "DocumentSource".
 */
export interface DocumentSource {
  /**
   * Clean transcription kept in standards/.
   */
  file: string;
  /**
   * Name of the original source document.
   */
  original?: string;
  published?: string;
  note?: string;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Tier".
 */
export interface Tier {
  id: string;
  label: string;
  description?: string;
  /**
   * Optional extra condition: the score must also reach this. A county rule, never implied by the source.
   */
  min_score?: number;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Parameter".
 */
export interface Parameter {
  label: string;
  unit?: string;
  by_year: {
    [k: string]: number;
  };
  /**
   * A year without its own value takes the latest earlier year's value; the assessment says so.
   */
  carry_forward?: boolean;
  note?: string;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Fact".
 */
export interface Fact {
  label: string;
  unit: string;
  integer?: boolean;
  minimum?: number;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Scoring".
 */
export interface Scoring {
  /**
   * percent: 100 × Σ(weight × credit)/Σ weight over applicable indicators. points: each item's points less deductions, rescaled when items are 不适用, plus capped bonuses, capped at total.
   */
  method: 'percent' | 'points';
  note?: string;
  /**
   * points: the full score; the points of the non-bonus items must add up to it.
   */
  total?: number;
  /**
   * points: the most all bonus items together can add.
   */
  bonus_cap?: number;
  /**
   * Grade bands, highest first; the last one must start at 0.
   *
   * @minItems 1
   */
  grades?: [Grade, ...Grade[]];
  /**
   * Grade id given when a veto item is not met; the lowest grade when omitted.
   */
  veto_grade?: string;
  /**
   * How the year (年累计) combines the months: mean of the monthly scores (default), or the sum of monthly deductions (points rubrics). Missing months are listed, never scored.
   */
  annual?: 'mean' | 'deductions';
  /**
   * How county rankings, quarterly circulars and annual accumulations order units. Defaults: by standing, levels separate.
   */
  ranking?: {
    /**
     * standing (default): tier or grade band first, a failed veto item counting as the veto grade, then the score (or the year's value); score: the score alone.
     */
    by?: 'standing' | 'score';
    /**
     * separate (default): townships and villages are ranked each among their own level; together: one list.
     */
    levels?: 'separate' | 'together';
  };
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Grade".
 */
export interface Grade {
  id: string;
  label: string;
  /**
   * Inclusive lower bound of the band.
   */
  min: number;
  /**
   * Whether this grade counts as 达标 (合格 or better).
   */
  pass: boolean;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Section".
 */
export interface Section {
  /**
   * Source numbering, e.g. (一).
   */
  number?: string;
  title: string;
  /**
   * @minItems 1
   */
  sections?: [Section, ...Section[]];
  /**
   * @minItems 1
   */
  indicators?: [Indicator, ...Indicator[]];
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Indicator".
 */
export interface Indicator {
  /**
   * Source number; the key of the answer in a submission.
   */
  id: string;
  /**
   * Short label for tables.
   */
  title: string;
  /**
   * The source sentence, verbatim.
   */
  text: string;
  source: Citation;
  /**
   * Tier ids this indicator is a necessary condition for (必要条件).
   */
  necessary_for?: string[];
  check: Check;
  /**
   * Weight in the score; 1 when omitted.
   */
  weight?: number;
  na?: NotApplicable;
  guidance: Guidance;
  /**
   * The source text breaks off inside this indicator.
   */
  truncated?: boolean;
  /**
   * How the source was read, where that needed judgement.
   */
  note?: string;
  /**
   * mandatory (应/须) blocks 达标 in rubrics without tiers; recommended (宜/可) is scored but never blocks. mandatory when omitted.
   */
  requirement?: 'mandatory' | 'recommended';
  /**
   * Points of the item in a points rubric (分值); for a bonus item, its cap.
   */
  points?: number;
  deduct?: {
    /**
     * Points deducted per missing item, occurrence or missing time (每缺一项扣0.2分, 发现一次扣1分).
     */
    per: number;
    /**
     * Deduction cap; the item's points when omitted.
     */
    max?: number;
  };
  /**
   * A bonus item: adds per × count, capped at the item's points; never blocks.
   */
  bonus?: {
    /**
     * Points added per occurrence (e.g. per commendation).
     */
    per: number;
  };
  /**
   * 单项否决: if not met, no tier is reached and a points rubric gives its veto grade, whatever the score.
   */
  veto?: boolean;
  /**
   * Unit levels this indicator concerns, when narrower than the rubric's; for other levels it is 不适用 automatically and may not be answered.
   *
   * @minItems 1
   */
  applies_to?: [UnitLevel, ...UnitLevel[]];
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Citation".
 */
export interface Citation {
  file: string;
  /**
   * Where in the file: heading chain and item number.
   */
  part: string;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "BooleanCheck".
 */
export interface BooleanCheck {
  kind: 'boolean';
  /**
   * The compliant answer; true when omitted.
   */
  expect?: boolean;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "NumberCheck".
 */
export interface NumberCheck {
  kind: 'number';
  unit: string;
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  threshold?: Threshold;
  /**
   * Per-tier thresholds keyed by tier id.
   */
  thresholds?: {
    [k: string]: Threshold;
  };
}
/**
 * A comparison against a literal value, a year parameter, or a value derived from a fact about the unit.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Threshold".
 */
export interface Threshold {
  op: Comparator;
  value?: number;
  /**
   * Name of a year-dependent rubric parameter.
   */
  param?: string;
  derived?: Derived;
}
/**
 * value × fact / per, e.g. 300 m² per 1000 residents: {fact: population, per: 1000, value: 300}.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Derived".
 */
export interface Derived {
  fact: string;
  per: number;
  value: number;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "RangeCheck".
 */
export interface RangeCheck {
  kind: 'range';
  unit: string;
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  /**
   * Inclusive lower bound of the compliant range.
   */
  min: number;
  /**
   * Inclusive upper bound of the compliant range.
   */
  max: number;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "ChecklistCheck".
 */
export interface ChecklistCheck {
  kind: 'checklist';
  /**
   * @minItems 1
   */
  items: [NamedItem, ...NamedItem[]];
  require:
    | 'all'
    | {
        at_least: number;
      };
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "NamedItem".
 */
export interface NamedItem {
  /**
   * Machine id; value, status, note, reason and unit are reserved.
   */
  id: string;
  label: string;
}
/**
 * An enumeration, e.g. a colour or text specification; the answer is one option (by id or label).
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "ChoiceCheck".
 */
export interface ChoiceCheck {
  kind: 'choice';
  /**
   * @minItems 2
   */
  options: [NamedItem, NamedItem, ...NamedItem[]];
  /**
   * Ids of the compliant options.
   *
   * @minItems 1
   */
  accept: [string, ...string[]];
}
/**
 * Physical dimensions with a tolerance; answers give their unit and are converted between mm, cm and m.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "DimensionCheck".
 */
export interface DimensionCheck {
  kind: 'dimension';
  unit: 'mm' | 'cm' | 'm';
  /**
   * @minItems 1
   */
  dims: [
    {
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      value: number;
    },
    ...{
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      value: number;
    }[]
  ];
  /**
   * Allowed deviation either way, in unit; 0 when omitted.
   */
  tolerance?: number;
}
/**
 * Something that must happen at least `times` per week or month; the answer is the count in the month assessed (a week requirement is counted as 4 complete weeks).
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "FrequencyCheck".
 */
export interface FrequencyCheck {
  kind: 'frequency';
  times: number;
  per: 'week' | 'month';
  unit: string;
}
/**
 * Occurrences found in the month (faults, complaints, commendations); met when the count is at most `max`.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "CountCheck".
 */
export interface CountCheck {
  kind: 'count';
  unit: string;
  /**
   * Largest compliant count; 0 when omitted.
   */
  max?: number;
}
/**
 * Several sub-checks that must all be met, e.g. a sign's size, colour and contents; the answer is an object keyed by part id.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "CompositeCheck".
 */
export interface CompositeCheck {
  kind: 'composite';
  /**
   * @minItems 2
   */
  parts: [
    {
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      check: Check;
    },
    {
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      check: Check;
    },
    ...{
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      check: Check;
    }[]
  ];
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "NotApplicable".
 */
export interface NotApplicable {
  allowed: boolean;
  /**
   * The circumstances in which 不适用 is legitimate.
   */
  when: string;
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Guidance".
 */
export interface Guidance {
  /**
   * What the inspector looks at.
   */
  inspect: string;
  /**
   * What evidence to keep.
   *
   * @minItems 1
   */
  evidence: [string, ...string[]];
}
