/* eslint-disable */
// DO NOT EDIT. Generated from src/schema/*.schema.json by `npm run gen:types`.

/**
 * Grade bands, highest first; the last one must start at 0.
 *
 * @minItems 1
 */
export type Grades = [Grade, ...Grade[]];
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
 * A county's adjustment of a published rubric (XCCDF-style tailoring): the rubric it extends, pinned by id and version, and every change, each with its reason. Loading it gives a rubric of its own id, version and hash.
 */
export interface Tailoring {
  $schema?: string;
  /**
   * The rubric extended, as id@version, e.g. township-center-2022@2022.1.
   */
  extends: string;
  id: string;
  title: string;
  version: string;
  /**
   * Who made the adjustment (the county), as it will be printed.
   */
  issuer: string;
  effective?: Effective;
  notes?: string[];
  /**
   * Grade bands and caps the county sets instead of the extended rubric's.
   */
  scoring?: {
    grades?: Grades;
    veto_grade?: string;
    bonus_cap?: number;
    /**
     * points: the highest score (最高分), for a base score plus bonus above full marks (基本分100分，最高分110分); none when bonus has no ceiling at all (加分无上限 with no highest score); total when omitted, so bonus only makes up lost points.
     */
    max?: number | 'none';
  };
  /**
   * A score line per tier id (a star line), replacing the extended rubric's min_score.
   */
  tier_lines?: {
    [k: string]: number;
  };
  rectification?: Rectification;
  changes: Change[];
}
export interface Effective {
  /**
   * ISO date the standard takes effect, or null when the source does not say.
   */
  from: string | null;
  note?: string;
}
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
 * The county's own rectification deadline, escalation levels or evidence requirements, each field replacing the extended rubric's.
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
/**
 * One change: set fields of an indicator, drop it, make it 不适用 for the whole county, or add a new one after an existing one.
 *
 * This interface was referenced by `Tailoring`'s JSON-Schema
 * via the `definition` "Change".
 */
export interface Change {
  /**
   * Id of the indicator whose fields are set.
   */
  set?: string;
  points?: number;
  weight?: number;
  threshold?: Threshold;
  thresholds?: {
    [k: string]: Threshold;
  };
  deduct?: Deduct;
  /**
   * Id of the indicator the county does not assess.
   */
  drop?: string;
  /**
   * Id of the indicator that is 不适用 for every unit of the county.
   */
  not_applicable?: string;
  add?: {
    /**
     * Id of the indicator the new one follows, in the same section.
     */
    after: string;
    indicator: Indicator;
  };
  /**
   * Why the county made the change; printed in the report's notes.
   */
  reason: string;
}
/**
 * A comparison against a literal value, a year parameter, or a value derived from a fact about the unit.
 */
export interface Threshold {
  op: '>=' | '>' | '<=' | '<' | '==';
  value?: number;
  /**
   * Name of a year-dependent rubric parameter.
   */
  param?: string;
  derived?: Derived;
}
/**
 * value × fact / per, e.g. 300 m² per 1000 residents: {fact: population, per: 1000, value: 300}.
 */
export interface Derived {
  fact: string;
  per: number;
  value: number;
}
/**
 * How an item loses points. per: per missing item, occurrence or missing time (每缺一项扣0.2分, 发现一次扣1分); rates: a rate per named count of a tally (黄牌2分、红牌3分; 乡5/区10/省市20); linear: per step a measured value falls below a line (办结率每减少1个百分点扣N分); judged: the inspector chooses the amount within a judgement check's bounds (酌情扣3–5分).
 */
export interface Deduct {
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
}
export interface Rate {
  /**
   * Id of a count of the item's tally check.
   */
  count: string;
  per: number;
}
/**
 * per points for every `step` units the measured value falls below `from`: 办结率每减少1个百分点扣N分 is {per: N, step: 1, from: 100}.
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
 */
export interface Escalation {
  at: {
    op: '>=' | '>' | '<=' | '<' | '==';
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
  deduct?: Deduct;
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
  applies_to?: ['county' | 'township' | 'village', ...('county' | 'township' | 'village')[]];
  applies_when?: Condition;
  /**
   * The indicator is 不适用 for every unit this rubric assesses, for this reason (a county's tailoring); it is never answered.
   */
  not_applicable?: string;
}
export interface Citation {
  file: string;
  /**
   * Where in the file: heading chain and item number.
   */
  part: string;
}
export interface BooleanCheck {
  kind: 'boolean';
  /**
   * The compliant answer; true when omitted.
   */
  expect?: boolean;
}
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
  op?: '>=' | '>' | '<=' | '<' | '==';
  value?: number;
}
/**
 * An enumeration, e.g. a colour or text specification; the answer is one option (by id or label).
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
export interface NamedItem {
  /**
   * Machine id; value, status, note, reason and unit are reserved.
   */
  id: string;
  label: string;
}
/**
 * Physical dimensions with a tolerance; answers give their unit and are converted between mm, cm and m.
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
export interface NotApplicable {
  allowed: boolean;
  /**
   * The circumstances in which 不适用 is legitimate.
   */
  when: string;
}
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
