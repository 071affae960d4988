// The form's inputs by check kind. A kind without an entry is answered through FieldsInput, which is driven by the
// field model every kind already has for spreadsheets; giving the kind its own input is one line here.
import type { Component } from 'vue';
import BooleanInput from './BooleanInput.vue';
import ChecklistInput from './ChecklistInput.vue';
import ChoiceInput from './ChoiceInput.vue';
import CompositeInput from './CompositeInput.vue';
import DimensionInput from './DimensionInput.vue';
import FieldsInput from './FieldsInput.vue';
import NumberInput from './NumberInput.vue';

// Built on first use: CompositeInput looks its parts up here, so the two modules import each other.
let table: Readonly<Record<string, Component>> | undefined;
const inputs = (): Readonly<Record<string, Component>> => (table ??= {
  boolean: BooleanInput,
  number: NumberInput,
  range: NumberInput,
  frequency: NumberInput,
  count: NumberInput,
  checklist: ChecklistInput,
  choice: ChoiceInput,
  dimension: DimensionInput,
  composite: CompositeInput,
});

export const hasInput = (kind: string): boolean => Object.hasOwn(inputs(), kind);

export const inputFor = (kind: string): Component => inputs()[kind] ?? FieldsInput;
