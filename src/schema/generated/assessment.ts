/* eslint-disable */
// DO NOT EDIT. Generated from src/schema/*.schema.json by `npm run gen:types`.

/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "Status".
 */
export type Status = 'met' | 'unmet' | 'not_applicable' | 'not_assessed';

/**
 * The result of scoring one submission against one rubric. Pinned to the rubric's content hash and the engine version.
 */
export interface Assessment {
  rubric: {
    id: string;
    version: string;
    hash: string;
  };
  engine_version: string;
  unit: Unit;
  period: string;
  inspector?: string;
  inspected_on?: string;
  /**
   * Highest tier reached, or null.
   */
  tier: string | null;
  tier_label: string | null;
  /**
   * 0-100, two decimals; null when nothing was applicable.
   */
  score: number | null;
  score_detail: {
    method: string;
    earned: number;
    possible: number;
    /**
     * The best possible score.
     */
    max: number;
    deducted?: number;
    /**
     * Bonus points counted, after the cap.
     */
    bonus?: number;
  };
  /**
   * Every indicator was 不适用: nothing was assessed, so no tier and no score.
   */
  all_not_applicable: boolean;
  counts: {
    total: number;
    met: number;
    unmet: number;
    not_applicable: number;
    not_assessed: number;
  };
  results: IndicatorResult[];
  tiers: TierResult[];
  /**
   * For each tier not reached, the ids of the indicators that block it.
   */
  gaps: {
    [k: string]: string[];
  };
  completeness: {
    complete: boolean;
    unanswered: string[];
    unanswered_necessary: string[];
  };
  parameters: ParameterUse[];
  warnings: Notice[];
  /**
   * The headline verdict: for tiered rubrics whether the lowest tier is reached; otherwise 达标/未达标, or the grade for points rubrics.
   */
  result: {
    passed: boolean;
    label: string;
  };
  /**
   * Points rubrics only.
   */
  grade: null | GradeResult;
  facts?: {
    [k: string]: number;
  };
}
export interface Unit {
  /**
   * 12-digit 统计用区划代码 where one exists; always text so leading zeros survive.
   */
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "IndicatorResult".
 */
export interface IndicatorResult {
  id: string;
  title: string;
  /**
   * Heading chain, outermost first.
   */
  section: string[];
  status: Status;
  /**
   * The answer compared, as given.
   */
  value?: boolean | number | string | string[] | {};
  note?: string;
  reason_code: string;
  /**
   * Why, in Chinese.
   */
  reason: string;
  necessary_for: string[];
  weight: number;
  /**
   * Share of the weight earned, 0-1; null when not applicable.
   */
  credit: number | null;
  /**
   * Outcome against each tier's own requirement.
   */
  tier_status: {
    [k: string]: Status;
  };
  shortfalls: Shortfall[];
  missing_items: string[];
  requirement: 'mandatory' | 'recommended';
  veto?: boolean;
  /**
   * Points rubrics: the item's points, what it earned, the deduction and any bonus.
   */
  points?: {
    max: number;
    earned: number;
    deducted: number;
    bonus: number;
  };
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "Shortfall".
 */
export interface Shortfall {
  tier: string | null;
  op: string;
  required: number;
  value: number;
  /**
   * How far the answer is from the requirement, in the unit, always positive.
   */
  difference: number;
  unit: string;
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "TierResult".
 */
export interface TierResult {
  id: string;
  label: string;
  reached: boolean;
  blocking: Blocker[];
  min_score?: number;
  /**
   * Points missing to the tier's min_score, if it has one.
   */
  score_short?: number;
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "Blocker".
 */
export interface Blocker {
  id: string;
  title: string;
  status: Status;
  reason: string;
  shortfall?: Shortfall;
  missing_items?: string[];
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "ParameterUse".
 */
export interface ParameterUse {
  name: string;
  label: string;
  /**
   * The year of the period assessed.
   */
  year: number;
  value: number;
  /**
   * The year whose value was used; differs from year when carried forward.
   */
  from_year: number;
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "Notice".
 */
export interface Notice {
  code: string;
  message: string;
  indicator?: string;
}
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "GradeResult".
 */
export interface GradeResult {
  id: string;
  label: string;
  min: number;
  pass: boolean;
  /**
   * A veto item was not met, so the grade is the veto grade whatever the score.
   */
  vetoed: boolean;
  veto_items: string[];
  /**
   * The grade the score alone would give.
   */
  by_score?: string;
  /**
   * Present when a veto item was left unanswered (and none failed): no grade can be given, so the grade is 未评定 (id not_assessed, min 0), pass is false, and it is not a veto: vetoed stays false and veto_items does not list the item.
   */
  not_assessed?: {
    /**
     * VETO_NOT_ASSESSED.
     */
    code: string;
    /**
     * Why no grade was given, in Chinese.
     */
    reason: string;
    /**
     * The veto items left unanswered.
     */
    items: string[];
  };
  next?: {
    id: string;
    label: string;
    min: number;
    points_short: number;
  };
}
