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
  /**
   * The period assessed: YYYY-MM, YYYY-Qn or YYYY-Hn, as the rubric says.
   */
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
     * The highest possible score (最高分): full marks, or more where bonus may pass them; null where the rubric sets no highest score (加分无上限).
     */
    max: number | null;
    deducted?: number;
    /**
     * Bonus points counted, after the cap.
     */
    bonus?: number;
    /**
     * points: full marks (满分, or the base score 基本分) the deductions come out of.
     */
    total?: number;
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
   * The unit's exemptions (暂缓/豁免) that mattered for this period: a valid one made its indicator 不适用 (its reason cites it); an expired one did not, and the indicator was judged again.
   */
  exemptions?: Exemption[];
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
  /**
   * Points rubrics: the subtotal of every section, in rubric order (a section before its subsections).
   */
  sections?: SectionResult[];
  self_assessment?: SelfAssessment;
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
  value?: boolean | number | string | (string | number)[] | {};
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
    /**
     * Points earned; below 0 for a deduction rule without points of its own (its deduction, taken from its section or the total).
     */
    earned: number;
    /**
     * Points deducted; Infinity never appears: an unanswered rule without a cap deducts its whole section (or makes the score unknown).
     */
    deducted: number;
    bonus: number;
  };
  /**
   * A value computed from counts in the answer (a rate, an average), with the counts.
   */
  computed?: {
    value: number;
    unit: string;
    counts: {
      [k: string]: number;
    };
  };
  /**
   * The unit's own score for the item (自评分).
   */
  self_score?: number;
  /**
   * Points earned − self_score.
   */
  self_difference?: number;
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
 * via the `definition` "Exemption".
 */
export interface Exemption {
  id: string;
  indicator: string;
  /**
   * defer 暂缓, waive 豁免.
   */
  kind: 'defer' | 'waive';
  reason: string;
  approved_by: string;
  expires_on: string;
  status: 'valid' | 'expired';
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
/**
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "SectionResult".
 */
export interface SectionResult {
  id?: string;
  number?: string;
  title: string;
  /**
   * Heading chain, outermost first, ending with this section.
   */
  path: string[];
  depth: number;
  /**
   * The section's own points (分值), when it has them.
   */
  budget?: number;
  /**
   * What the section can earn this time: its budget (or its items' points) less what is 不适用.
   */
  max: number;
  /**
   * What it earned: its budget less its items' deductions, floored at 0 (扣完为止); or the sum of its parts.
   */
  subtotal: number;
  deducted: number;
  self_score?: number;
  /**
   * subtotal − self_score.
   */
  self_difference?: number;
  /**
   * Every indicator under the section.
   */
  indicators: string[];
}
/**
 * The unit's own scores (自评分) beside the inspector's: their total, and the difference from the score where they cover every scored item.
 *
 * This interface was referenced by `Assessment`'s JSON-Schema
 * via the `definition` "SelfAssessment".
 */
export interface SelfAssessment {
  /**
   * When complete, the score the self-scores give under the rubric's rules (a claimed section stands at its claim, deduction rules take nothing, 不适用 rescaled and bonus capped as in the score); otherwise the plain sum of the self-scores.
   */
  total: number;
  /**
   * Every applicable item with points is self-scored, or lies in a section that is.
   */
  complete: boolean;
  /**
   * score − total, when complete.
   */
  difference?: number;
}
