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
  | CompositeCheck
  | TallyCheck
  | JudgementCheck
  | RatingCheck
  | RatioCheck
  | MeanCheck
  | OccurrencesCheck;
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
  /**
   * The period one assessment covers: a month (YYYY-MM, default), a quarter (YYYY-Qn) or a half year (YYYY-Hn). Circulars and the annual accumulation follow it.
   */
  period?: 'month' | 'quarter' | 'half_year';
  derived_from?: DerivedFrom;
  rectification?: Rectification;
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
   * Optional extra condition: the score must also reach this line (a star line, or a county rule). Lines rise with the tiers and may pass 100 where bonus allows, never the rubric's highest score.
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
   * points: the most all bonus items together can add (附加分加满5分为止); no cap but the highest score when omitted (加分无上限).
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
   * points: when items are 不适用, whether the bonus is added to the score after the earned points are rescaled to total (after_rescaling, the default: 75/85 → 88.24, + 2 = 90.24), or added to the earned points and rescaled with them (before_rescaling: 77/85 → 90.59). bonus_cap limits the bonus before either; the score never exceeds total.
   */
  bonus_order?: 'after_rescaling' | 'before_rescaling';
  /**
   * How the year (年累计) combines its periods (months, or the quarters or half years of the rubric's period): mean of their scores (default), or the sum of their deductions (points rubrics). Missing periods are listed, never scored.
   */
  annual?: 'mean' | 'deductions';
  /**
   * points: the highest score (最高分), for a base score plus bonus above full marks (基本分100分，最高分110分); none when bonus has no ceiling at all (加分无上限 with no highest score); total when omitted, so bonus only makes up lost points.
   */
  max?: number | 'none';
  /**
   * points: whether the score is floored at 0 (扣完为止). true when omitted; false for 扣分不封顶, where deductions may take the score below 0.
   */
  floor?: boolean;
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
  /**
   * Stable id for the section's subtotal (and a self-score); needed when the section has its own points.
   */
  id?: string;
  /**
   * points: the section's own budget (分值). Its items' deductions come out of it, floored at 0 (扣完为止); sections nest (70 → 15 → 3).
   */
  points?: number;
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
   * Points of the item in a points rubric (分值); for a bonus item, its cap. A deduction rule without points of its own (扣除分) takes from its section's budget or from the total.
   */
  points?: number;
  /**
   * How an item loses points. per: per missing item, occurrence or missing time (每缺一项扣0.2分, 发现一次扣1分); rates: a rate per named count of a tally (黄牌2分、红牌3分; 乡5/区10/省市20); linear: per step a measured value falls below a line (办结率每减少1个百分点扣N分); judged: the inspector chooses the amount within a judgement check's bounds (酌情扣3–5分).
   */
  deduct?: {
    /**
     * Points deducted per missing item, occurrence or missing time.
     */
    per?: number;
    /**
     * @minItems 1
     */
    rates?: [Rate, ...Rate[]];
    linear?: LinearDeduction;
    /**
     * The amount is the inspector's judgement, answered within the judgement check's bounds.
     */
    judged?: true;
    /**
     * Deduction cap (最高扣N分); the item's points when omitted, and none for a rule without points (its section's budget, or the total, floors it; 扣分不封顶).
     */
    max?: number;
    escalate?: Escalation;
  };
  /**
   * A bonus item: adds per × count (or a rate per named count, e.g. 镇+1、区+1、区委区政府+2、市级以上+3), capped at the item's points when it has them; never blocks.
   */
  bonus?: {
    /**
     * Points added per occurrence (e.g. per commendation).
     */
    per?: number;
    /**
     * @minItems 1
     */
    rates?: [Rate, ...Rate[]];
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
  applies_when?: Condition;
  /**
   * The indicator is 不适用 for every unit this rubric assesses, for this reason (a county's tailoring); it is never answered.
   */
  not_applicable?: string;
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
  /**
   * Largest plausible answer (a ceiling against typing errors such as 1e308, not a standard). Required when a rubric is written or loaded for scoring; older pinned snapshots without it stay readable.
   */
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
  /**
   * Largest plausible answer (a ceiling against typing errors such as 1e308, not a standard). Required when a rubric is written or loaded for scoring; older pinned snapshots without it stay readable.
   */
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
  items: [ChecklistItem, ...ChecklistItem[]];
  require:
    | 'all'
    | {
        at_least: number;
      };
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "ChecklistItem".
 */
export interface ChecklistItem {
  /**
   * Machine id; value, status, note, reason and unit are reserved.
   */
  id: string;
  label: string;
  applies_when?: Condition;
}
/**
 * Applies only when another answer says so. is: a yes/no answer; in: a choice among these options, or a checklist with any of these items present; op and value: a number (or count) compared.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Condition".
 */
export interface Condition {
  /**
   * Id of the indicator whose answer decides.
   */
  indicator: string;
  is?: boolean;
  /**
   * @minItems 1
   */
  in?: [string, ...string[]];
  op?: Comparator;
  value?: number;
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
 * Something that must happen a number of times in the period assessed; the answer is the count in the period. per: week counts the calendar weeks of the period (a week Monday–Sunday belongs to the period holding its Thursday); month counts months; workday counts the statutory working days (holidays and 调休 make-up days from the calendar). on: named weekdays, counted as they fall in the period.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "FrequencyCheck".
 */
export interface FrequencyCheck {
  kind: 'frequency';
  /**
   * Times per week, month or working day; with `on`, times on each such day (1 when omitted).
   */
  times?: number;
  per?: 'week' | 'month' | 'workday';
  /**
   * Named weekdays (每周二、周四).
   *
   * @minItems 1
   */
  on?: [
    'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun',
    ...('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[]
  ];
  /**
   * With `on`: statutory holidays are not counted (needs the year's calendar). false when omitted: every such weekday counts.
   */
  except_holidays?: boolean;
  /**
   * With `per`: the duty is due in each week (month, working day) of the period, as 每星期至少上门走访一次 says, not as a total. The answer is then the number of weeks (months, working days) in which it was done at least `times` times, and every one of them is due; more than the period has is refused. false when omitted: the answer is the count in the period, against `times` × the period's weeks (months, working days).
   */
  each?: boolean;
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
 * Occurrences counted by kind, severity or who found them (黄牌/红牌; 一般/时间长的; 乡/区/省市); the answer is an object of count id → non-negative integer. Met when every count is 0 (or at most `max` in all).
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "TallyCheck".
 */
export interface TallyCheck {
  kind: 'tally';
  unit: string;
  /**
   * @minItems 1
   */
  counts: [NamedItem, ...NamedItem[]];
  /**
   * Largest compliant total; 0 when omitted.
   */
  max?: number;
}
/**
 * An inspector's judgement within bounds (酌情扣3–5分): the answer is the amount for each case found (a number, or a list of numbers, one per case; 0 or an empty list when none), each within min–max, with the reason in the answer's note.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "JudgementCheck".
 */
export interface JudgementCheck {
  kind: 'judgement';
  min: number;
  max: number;
  /**
   * 分 when omitted.
   */
  unit?: string;
}
/**
 * A rating band chosen by the inspector (好/较好/一般/差), each worth its points; the answer is a band id or label. Met only at the top band.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "RatingCheck".
 */
export interface RatingCheck {
  kind: 'rating';
  /**
   * @minItems 2
   */
  bands: [
    {
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      points: number;
    },
    {
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      points: number;
    },
    ...{
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      points: number;
    }[]
  ];
}
/**
 * A rate computed from counts in the submission (好评率 = 好评 ÷ 评价总数, 按时办结率, 回访率), in percent; the answer is an object of the two counts. The computed rate and the counts appear in the result.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "RatioCheck".
 */
export interface RatioCheck {
  kind: 'ratio';
  of: NamedItem1;
  per: NamedItem2;
  threshold: Threshold;
  /**
   * What a zero denominator means: an error in the submission (default), or 不适用 (nothing to rate this period).
   */
  zero?: 'error' | 'not_applicable';
}
/**
 * The numerator count.
 */
export interface NamedItem1 {
  /**
   * Machine id; value, status, note, reason and unit are reserved.
   */
  id: string;
  label: string;
}
/**
 * The denominator count.
 */
export interface NamedItem2 {
  /**
   * Machine id; value, status, note, reason and unit are reserved.
   */
  id: string;
  label: string;
}
/**
 * A weighted average from counts per level (好差评: 非常满意 10 / 满意 8 / 基本满意 6 / 不满意 3 / 非常不满意 0); the answer is an object of level id → count. The average and the counts appear in the result.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "MeanCheck".
 */
export interface MeanCheck {
  kind: 'mean';
  /**
   * 分 when omitted.
   */
  unit?: string;
  /**
   * @minItems 2
   */
  levels: [
    {
      /**
       * Machine id; value, status, note, reason and unit are reserved.
       */
      id: string;
      label: string;
      value: number;
    },
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
  threshold: Threshold;
  /**
   * What a zero denominator means: an error in the submission (default), or 不适用 (nothing to rate this period).
   */
  zero?: 'error' | 'not_applicable';
}
/**
 * Occurrences each with a measure (擅自离岗: minutes each time); the answer is the list of measures, one per occurrence (an empty list when none). Met when there are none.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "OccurrencesCheck".
 */
export interface OccurrencesCheck {
  kind: 'occurrences';
  /**
   * What one occurrence is counted in, e.g. 次.
   */
  unit: string;
  measure: {
    label: string;
    unit: string;
    /**
     * Largest plausible measure.
     */
    maximum?: number;
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
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Rate".
 */
export interface Rate {
  /**
   * Id of a count of the item's tally check.
   */
  count: string;
  per: number;
}
/**
 * per points for every `step` units the measured value falls below `from`: 办结率每减少1个百分点扣N分 is {per: N, step: 1, from: 100}.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "LinearDeduction".
 */
export interface LinearDeduction {
  per: number;
  /**
   * 1 when omitted.
   */
  step?: number;
  /**
   * The line below which deductions start.
   */
  from: number;
  /**
   * Count only whole steps (98.5% is one point below 100); proportional when omitted.
   */
  whole?: boolean;
}
/**
 * Past a bound, an occurrence counts under another rule instead: 擅自离岗30分钟一次扣1分；1小时以上按旷工处理 is {at: {op: '>=', value: 60}, to: <the 旷工 item>} on an occurrences check measured in minutes.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Escalation".
 */
export interface Escalation {
  at: {
    op: Comparator;
    value: number;
  };
  /**
   * Id of the indicator whose rule then applies; it counts each such occurrence as one of its own.
   */
  to: string;
  /**
   * How the source says it, e.g. 按旷工处理.
   */
  label?: string;
}
/**
 * A tailored rubric: the rubric it extends, pinned by hash, and every change made to it, in order (XCCDF-style tailoring).
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "DerivedFrom".
 */
export interface DerivedFrom {
  id: string;
  version: string;
  hash: string;
  /**
   * Each change in words, for the report's notes.
   */
  changes: string[];
}
/**
 * 整改: what follows a finalized inspection. Each unmet indicator and each deduction becomes an order (整改事项) with a deadline in working days, counted from the day after the inspection (限时办结); an order past its deadline escalates through the levels. Every field has a default; a county's tailoring may change them.
 *
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "Rectification".
 */
export interface Rectification {
  /**
   * Working days allowed to rectify, counted from the day after the inspection by the State Council's calendar (holidays and 调休 make-up days); 15 when omitted (对“不满意”“非常不满意”在15个工作日内整改到位).
   */
  deadline_workdays?: number;
  /**
   * Levels an overdue order reaches, in order of after_workdays; [黄牌 at 0, 红牌 at 5] when omitted.
   *
   * @minItems 1
   * @maxItems 5
   */
  escalation?:
    | [EscalationLevel]
    | [EscalationLevel, EscalationLevel]
    | [EscalationLevel, EscalationLevel, EscalationLevel]
    | [EscalationLevel, EscalationLevel, EscalationLevel, EscalationLevel]
    | [EscalationLevel, EscalationLevel, EscalationLevel, EscalationLevel, EscalationLevel];
  /**
   * Ids of the indicators whose rectification report must carry at least one evidence file (photo or document). Evidence is optional for every other indicator: current rules on reducing the burden on grassroots units discourage compulsory photo records.
   */
  evidence_required?: string[];
}
/**
 * This interface was referenced by `RubricDefinition`'s JSON-Schema
 * via the `definition` "EscalationLevel".
 */
export interface EscalationLevel {
  /**
   * e.g. yellow, red.
   */
  id: string;
  /**
   * As printed, e.g. 黄牌.
   */
  label: string;
  /**
   * Reached once the order is overdue by this many working days (0: as soon as the deadline has passed).
   */
  after_workdays: number;
}
