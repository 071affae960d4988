import type { Check, Condition as ConditionDef } from '../schema/generated/rubric.js';
import { booleanCheck } from './boolean.js';
import { checklistCheck } from './checklist.js';
import { choiceCheck } from './choice.js';
import { compositeCheck } from './composite.js';
import { countCheck } from './count.js';
import { dimensionCheck } from './dimension.js';
import { frequencyCheck } from './frequency.js';
import { judgementCheck } from './judgement.js';
import { meanCheck } from './mean.js';
import type { Condition, NormCheck } from './model.js';
import { numberCheck } from './number.js';
import { occurrencesCheck } from './occurrences.js';
import { rangeCheck } from './range.js';
import { ratingCheck } from './rating.js';
import { ratioCheck } from './ratio.js';
import { tallyCheck } from './tally.js';
import type { CheckKind, CompileContext, CompiledCheck, ConsistencyContext, FieldSpec, NormaliseContext } from './types.js';

type Registry = { [K in NormCheck['kind']]: CheckKind<Extract<NormCheck, { kind: K }>> };

/** The implementation of a check's kind. Adding a kind means a schema branch, a module and a line here. */
export function checkKind<C extends NormCheck>(check: C): CheckKind<C> {
  return REGISTRY[check.kind] as unknown as CheckKind<C>;
}

const REGISTRY: Registry = {
  boolean: booleanCheck,
  number: numberCheck,
  range: rangeCheck,
  checklist: checklistCheck,
  choice: choiceCheck,
  dimension: dimensionCheck,
  frequency: frequencyCheck,
  count: countCheck,
  composite: compositeCheck(checkKind),
  tally: tallyCheck,
  judgement: judgementCheck,
  rating: ratingCheck,
  ratio: ratioCheck,
  mean: meanCheck,
  occurrences: occurrencesCheck,
};

const kindOf = (def: Check) => REGISTRY[def.kind] as unknown as CheckKind<NormCheck, Check>;

/** A check definition (schema-valid and consistent) as the engine sees it. */
export function normaliseCheck(def: Check, tierRank: ReadonlyMap<string, number>): NormCheck {
  const ctx: NormaliseContext = { tierRank, check: (c) => kindOf(c).normalise(c, ctx), condition: normaliseCondition };
  return ctx.check(def);
}

export function normaliseCondition(c: ConditionDef): Condition {
  const test = c.is !== undefined ? { is: c.is } : c.in !== undefined ? { in: c.in } : { op: c.op!, value: c.value! };
  return { indicator: c.indicator, test };
}

/** Applies every consistency rule of a check definition and its parts. */
export function checkRules(def: Check, at: string, ctx: Omit<ConsistencyContext, 'check'>): void {
  const full: ConsistencyContext = { ...ctx, check: (c, path) => kindOf(c).consistency?.(c, path, full) };
  full.check(def, at);
}

/** Every condition on other answers inside a check (conditional checklist items), composite parts included. */
export function checkConditions(check: NormCheck): Condition[] {
  if (check.kind === 'composite') return check.parts.flatMap((p) => checkConditions(p.check));
  return checkKind(check).conditions?.(check) ?? [];
}

/** The check's evaluation specialised to its options, once per rubric (see CompiledCheck). */
export function compileCheck(check: NormCheck, ctx: CompileContext): CompiledCheck {
  const kind = checkKind(check);
  return kind.compile ? kind.compile(check, ctx) : (value, ctx) => kind.evaluate(check, value, ctx);
}

/** The check's answer as simple fields, each with its path inside the answer. */
export const checkFields = (check: NormCheck): FieldSpec[] => checkKind(check).fields(check);

export type { CheckKind, CompileContext, CompiledCheck, ConsistencyContext, EvalContext, FieldInput, FieldSpec, LevelOutcome, Outcome } from './types.js';
export type * from './model.js';
