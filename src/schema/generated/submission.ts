/* eslint-disable */
// DO NOT EDIT. Generated from src/schema/*.schema.json by `npm run gen:types`.

/**
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "Answer".
 */
export type Answer = AnswerValue | AnswerWithNote | NotApplicableAnswer;
/**
 * Yes/no as a boolean; numbers in the indicator's unit (percentages 0-100); a checklist as the ids of the items present, or an object of item id to boolean; a choice as an option id or label; a dimension as {unit, <dim id>: number}; a composite as {<part id>: answer}.
 *
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "AnswerValue".
 */
export type AnswerValue = boolean | number | string | string[] | {};

/**
 * One inspection of one unit for one month, answered against one rubric.
 */
export interface Submission {
  $schema?: string;
  rubric: string;
  unit: Unit;
  /**
   * The month assessed, YYYY-MM.
   */
  period: string;
  inspector?: string;
  inspected_on?: string;
  /**
   * Facts about the unit that the rubric derives thresholds from, e.g. registered population; the rubric's facts section declares them.
   */
  facts?: {
    [k: string]: number;
  };
  /**
   * Keyed by the indicator's source number. An indicator without a key is unanswered.
   */
  answers: {
    [k: string]: Answer;
  };
}
/**
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "Unit".
 */
export interface Unit {
  /**
   * 12-digit 统计用区划代码 where one exists; always text so leading zeros survive.
   */
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
}
/**
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "AnswerWithNote".
 */
export interface AnswerWithNote {
  value: AnswerValue;
  note?: string;
}
/**
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "NotApplicableAnswer".
 */
export interface NotApplicableAnswer {
  status: 'not_applicable';
  reason: string;
  note?: string;
}
