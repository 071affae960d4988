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
export type Check = BooleanCheck | NumberCheck | RangeCheck | ChecklistCheck;
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
   * Ordered from lowest to highest; reaching a tier implies reaching every lower one. Omit for rubrics judged only 达标/未达标.
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
   * percent: 100 × Σ(weight × credit) / Σ weight over applicable indicators; unanswered ones count 0.
   */
  method: 'percent';
  note?: string;
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
  items: [
    {
      /**
       * Item id; value, status, note and reason are reserved for answer wrappers.
       */
      id: string;
      label: string;
    },
    ...{
      /**
       * Item id; value, status, note and reason are reserved for answer wrappers.
       */
      id: string;
      label: string;
    }[]
  ];
  require:
    | 'all'
    | {
        at_least: number;
      };
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
