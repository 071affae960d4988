// The contract every check kind fulfils. A kind is one module that owns everything about it: how its
// definition is normalised and checked for consistency, how an answer is validated, evaluated and described,
// how the answer is split into spreadsheet cells and assembled back, and what a demo answer looks like.
import type { Problem, ProblemCode } from '../errors.js';
import type { Shortfall } from '../schema/generated/assessment.js';
import type { Check, Condition as ConditionDef, Fact, Parameter } from '../schema/generated/rubric.js';
import type { Condition, FrequencyBasis, NormCheck, Requirement } from './model.js';

/** One requirement an answer is measured against: the indicator's own, or one tier's. */
export interface LevelOutcome {
  tier: string | null;
  met: boolean;
  /** Requirement in words, e.g. "≥150 m²". */
  requirement: string;
  shortfall?: Shortfall;
}

export interface Outcome {
  levels: LevelOutcome[];
  /** Labels of checklist items (or composite parts) that are missing. */
  missingItems: string[];
  /** Countable shortfalls for deductions: missing items, occurrences, missing times; 1 for any other failure. */
  defects: number;
  reasonCode: string;
  reason: string;
  /** The value measured or computed, for linear deductions (办结率每减少1个百分点扣N分). */
  measure?: number;
  /** A value computed from counts in the answer (a rate, an average), shown in the result with the counts. */
  computed?: { value: number; unit: string; counts: Record<string, number> };
  /** Counts per named count (tally), for deduction and bonus rates. */
  counts?: Readonly<Record<string, number>>;
  /** The amount the inspector judged (酌情扣分), for judged deductions. */
  amount?: number;
  /** Share of the item earned where it is not all or nothing (rating bands). */
  credit?: number;
  /** The measure of each occurrence, for escalation. */
  measures?: readonly number[];
  /** The answer shows there is nothing to assess this period (a zero denominator the rubric calls 不适用): why. */
  notApplicable?: string;
}

export interface EvalContext {
  /** The number a requirement compares against, with year parameters already resolved. */
  resolve(req: Requirement): number;
  tierLabel(tier: string): string;
  /** Whether a condition on another answer holds; undefined while that answer is missing. */
  holds(cond: Condition): boolean | undefined;
  /** The condition in words, e.g. 指标 2.5b“窗口吊牌或电子吊屏”为“窗口吊牌”. */
  conditionText(cond: Condition): string;
  /** How many times a frequency falls due in the period assessed; undefined when the calendar lacks the year. */
  due(basis: FrequencyBasis): number | undefined;
  /** The period assessed in words relative to itself: 本月, 本季度, 本半年 (本期 where none is known). */
  thisPeriod: string;
}

/** What compiling a check may know of its rubric. */
export interface CompileContext {
  tierLabel(tier: string): string;
}

/**
 * A check's evaluation specialised to its options, built once when the rubric is compiled: what does not depend on
 * the answer (requirement words, constant outcomes, lookup tables) is worked out in advance. Gives the same outcome
 * as the kind's evaluate.
 */
export type CompiledCheck = (value: unknown, ctx: EvalContext) => Outcome;

/** What a spreadsheet cell (or a form input) holds for one field of an answer. */
export type FieldInput =
  | { type: 'yesno' }
  | { type: 'number'; unit: string; min?: number; max?: number; integer: boolean }
  | { type: 'choice'; options: ReadonlyArray<{ id: string; label: string }> }
  /** A list of numbers, one per case (“3、5”); empty (“无” or 0) when there was none. */
  | { type: 'numbers'; unit: string; min?: number; max?: number };

/** One simple input of an answer: the path inside the answer ([] for the whole answer) and its label. */
export interface FieldSpec {
  path: readonly string[];
  label: string;
  input: FieldInput;
}

export interface NormaliseContext {
  /** Tier id -> rank, lowest first. */
  tierRank: ReadonlyMap<string, number>;
  /** Normalises a nested check (composite parts). */
  check(c: Check): NormCheck;
  condition(c: ConditionDef): Condition;
}

export interface ConsistencyContext {
  add(code: ProblemCode, path: string, message: string): void;
  tierRank: ReadonlyMap<string, number>;
  params: Readonly<Record<string, Parameter>>;
  facts: Readonly<Record<string, Fact>>;
  /** Reports duplicate ids among items and returns the set of ids. */
  uniqueIds(items: ReadonlyArray<{ id: string }>, path: string, what: string): Set<string>;
  /** Applies the consistency rules of a nested check (composite parts). */
  check(c: Check, at: string): void;
  /** Checks a condition on another answer at `at`. */
  condition(c: ConditionDef, at: string): void;
}

/** Puts one field value of a split answer. */
export type Put = (path: readonly string[], value: unknown) => void;
/** Reads one field value while assembling an answer; undefined when the cell was left empty. */
export type Get = (path: readonly string[]) => unknown;

export interface CheckKind<C extends NormCheck, D extends Check = Extract<Check, { kind: C['kind'] }>> {
  normalise(def: D, ctx: NormaliseContext): C;
  /** Rules JSON Schema cannot state, on the definition at JSON pointer `at`. */
  consistency?(def: D, at: string, ctx: ConsistencyContext): void;
  /** Type and range problems of an answer value, located at `path`. Empty means the value can be evaluated. */
  /** `naAllowed`: whether the indicator may be marked 不适用, so a message may suggest it only then. */
  validate(check: C, value: unknown, path: string, indicator: string, naAllowed?: boolean): Problem[];
  evaluate(check: C, value: unknown, ctx: EvalContext): Outcome;
  /**
   * A JSON Schema accepting exactly the answer values validate finds no problem with (and at most 250 values, well
   * within the bound on an answer's size), so one Ajv function per rubric checks every answer; validate then only
   * phrases the problems of an answer the schema refused. Kinds without one are validated as they are.
   */
  answerSchema?(check: C): object;
  /** evaluate specialised to the check (see CompiledCheck); kinds without one are evaluated as they are. */
  compile?(check: C, ctx: CompileContext): CompiledCheck;
  /** The requirement in words, for tables and templates. */
  describe(check: C, ctx: EvalContext): string;
  /** The answer as simple fields: one spreadsheet cell (or form input) each. */
  fields(check: C): FieldSpec[];
  /** The answer from its field values, the inverse of split; undefined when no field was filled. */
  assemble(check: C, get: Get): unknown;
  /** An answer split into field values (for pre-filled templates). */
  split(check: C, value: unknown, put: Put): void;
  /**
   * Problems of an answer the kind's own validation accepted that only the period assessed shows (more weeks than
   * the month has); nothing when the calendar lacks the period's year, which is refused on its own.
   */
  inPeriod?(check: C, value: unknown, period: string, path: string, indicator: string): Problem[];
  /** A plausible answer for the period that meets the check (ok) or fails it, for demo data. */
  demo(check: C, ok: boolean, period: string): unknown;
  /** The unit the answer is given in, where it is one number. */
  unit?(check: C): string | undefined;
  /** Facts of the unit a requirement is derived from. */
  facts?(check: C): string[];
  /** Tiers the check has a requirement of its own for. */
  tiers?(check: C): string[];
  /** Conditions on other answers inside the check (conditional checklist items). */
  conditions?(check: C): Condition[];
  /** Whether what the check requires depends on the statutory holiday calendar of the period's year. */
  calendar?(check: C): boolean;
  /** Ids of the named counts the answer carries (tally), which deduction and bonus rates refer to. */
  countIds?(check: C): string[];
}

/** Finds the implementation of a check's kind. */
export type CheckRegistry = <C extends NormCheck>(check: C) => CheckKind<C>;
