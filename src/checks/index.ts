import type { NormCheck } from '../rubric/model.js';
import { booleanCheck } from './boolean.js';
import { checklistCheck } from './checklist.js';
import { choiceCheck } from './choice.js';
import { compositeCheck } from './composite.js';
import { countCheck } from './count.js';
import { dimensionCheck } from './dimension.js';
import { frequencyCheck } from './frequency.js';
import { numberCheck } from './number.js';
import { rangeCheck } from './range.js';
import type { CheckKind } from './types.js';

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
};

export type { CheckKind, EvalContext, LevelOutcome, Outcome } from './types.js';
