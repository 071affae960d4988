/* eslint-disable */
// DO NOT EDIT. Generated from src/schema/*.schema.json by `npm run gen:types`.

/**
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "Answer".
 */
export type Answer = AnswerValue | AnswerWithNote | NotApplicableAnswer;
/**
 * Yes/no as a boolean; numbers in the indicator's unit (percentages 0-100); a checklist as the ids of the items present, or an object of item id to boolean; a choice or rating as an option id or label; a dimension as {unit, <dim id>: number}; a composite as {<part id>: answer}; counts (tally, ratio, mean) as {<count id>: integer}; a judgement as an amount or a list of amounts; occurrences as the list of their measures.
 *
 * This interface was referenced by `Submission`'s JSON-Schema
 * via the `definition` "AnswerValue".
 */
export type AnswerValue = boolean | number | string | (string | number)[] | {};

/**
 * One inspection of one unit for one month, answered against one rubric.
 */
export interface Submission {
  $schema?: string;
  rubric: string;
  unit: Unit;
  /**
   * The period assessed: a month YYYY-MM, or a quarter YYYY-Qn or half year YYYY-Hn where the rubric assesses by quarter or half year.
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
  /**
   * The unit's own scores (自评分), keyed by the id of an item that has points, or of a section that has its own points. Points rubrics only.
   */
  self_scores?: {
    [k: string]: number;
  };
  /**
   * Scores the inspector wrote by hand (考核分 in a template), keyed like self_scores. They never change the score: where one differs from the score the answers give, the assessment warns (SCORE_MISMATCH).
   */
  inspector_scores?: {
    [k: string]: number;
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
