// The contract every check kind fulfils. A kind is one module that owns everything about it: how its
// definition is normalised and checked for consistency, how an answer is validated, evaluated and described,
// how the answer is split into spreadsheet cells and assembled back, and what a demo answer looks like.
import type { Problem, ProblemCode } from '../errors.js';
import type { Shortfall } from '../schema/generated/assessment.js';
import type { Check, Fact, Parameter } from '../schema/generated/rubric.js';
import type { NormCheck, Requirement } from './model.js';

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
}

export interface EvalContext {
  /** The number a requirement compares against, with year parameters already resolved. */
  resolve(req: Requirement): number;
  tierLabel(tier: string): string;
}

/** What a spreadsheet cell (or a form input) holds for one field of an answer. */
export type FieldInput =
  | { type: 'yesno' }
  | { type: 'number'; unit: string; min?: number; max?: number; integer: boolean }
  | { type: 'choice'; options: ReadonlyArray<{ id: string; label: string }> };

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
  validate(check: C, value: unknown, path: string, indicator: string): Problem[];
  evaluate(check: C, value: unknown, ctx: EvalContext): Outcome;
  /** The requirement in words, for tables and templates. */
  describe(check: C, ctx: EvalContext): string;
  /** The answer as simple fields: one spreadsheet cell (or form input) each. */
  fields(check: C): FieldSpec[];
  /** The answer from its field values, the inverse of split; undefined when no field was filled. */
  assemble(check: C, get: Get): unknown;
  /** An answer split into field values (for pre-filled templates). */
  split(check: C, value: unknown, put: Put): void;
  /** A plausible answer that meets the check (ok) or fails it, for demo data. */
  demo(check: C, ok: boolean): unknown;
  /** The unit the answer is given in, where it is one number. */
  unit?(check: C): string | undefined;
  /** Facts of the unit a requirement is derived from. */
  facts?(check: C): string[];
  /** Tiers the check has a requirement of its own for. */
  tiers?(check: C): string[];
}

/** Finds the implementation of a check's kind. */
export type CheckRegistry = <C extends NormCheck>(check: C) => CheckKind<C>;
