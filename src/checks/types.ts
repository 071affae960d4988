import type { Problem } from '../errors.js';
import type { Shortfall } from '../schema/generated/assessment.js';
import type { NormCheck, Requirement } from '../rubric/model.js';

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

export interface CheckKind<C extends NormCheck> {
  /** Type and range problems of an answer value, located at `path`. Empty means the value can be evaluated. */
  validate(check: C, value: unknown, path: string, indicator: string): Problem[];
  evaluate(check: C, value: unknown, ctx: EvalContext): Outcome;
  /** The requirement in words, for tables and templates. */
  describe(check: C, ctx: EvalContext): string;
}

/** Finds the implementation of a check's kind. */
export type CheckRegistry = <C extends NormCheck>(check: C) => CheckKind<C>;
