// What every answer input takes: the indicator, the check it answers (the indicator's own, or a composite's part),
// the current answer value (undefined = not inspected) and an id prefix for labels. It emits the new value, which
// is exactly the answer the submission format (and the engine) expects for that check.
import type { Indicator, NormCheck } from '../engine/index.js';

export interface InputProps {
  indicator: Indicator;
  check: NormCheck;
  modelValue: unknown;
  /** Unique per input on the page; sub-inputs add suffixes. */
  inputId: string;
  /** What a screen reader announces for the whole input. */
  label: string;
  disabled?: boolean;
}

export type CheckOf<K extends NormCheck['kind']> = Extract<NormCheck, { kind: K }>;
