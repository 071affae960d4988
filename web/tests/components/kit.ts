// Indicators of each check kind, taken from the bundled rubrics, and mounting an input the way the form does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mount } from '@vue/test-utils';
import type { Component } from 'vue';
import { checkKind } from '../../../src/checks/index.js';
import { parseRubric } from '../../../src/rubric/parse.js';
import type { Indicator, Rubric } from '../../src/engine/index.js';

const rubrics = new Map<string, Rubric>();
export function rubric(id: string): Rubric {
  let r = rubrics.get(id);
  if (!r) rubrics.set(id, (r = parseRubric(readFileSync(join(process.cwd(), 'rubrics', `${id}.yaml`), 'utf8'))));
  return r;
}

export const indicator = (rubricId: string, id: string): Indicator => rubric(rubricId).byId.get(id)!;

/** Mounts an input for an indicator's check; `values()` is everything it emitted, last one last. */
export function mountInput(component: Component, ind: Indicator, modelValue?: unknown) {
  // v-model as the form binds it: each emitted value comes back as the new modelValue.
  const wrapper = mount(component, {
    props: { indicator: ind, check: ind.check, modelValue, inputId: 'x', label: `${ind.id} ${ind.title}`, 'onUpdate:modelValue': (v: unknown) => wrapper.setProps({ modelValue: v }) },
    attachTo: document.body,
  });
  return { wrapper, values: () => (wrapper.emitted('update:modelValue') ?? []).map((e) => e[0]), last: () => (wrapper.emitted('update:modelValue') ?? []).at(-1)?.[0] };
}

/** What the engine makes of an answer: its problems (none for a valid one) and whether it is met. */
export function judge(ind: Indicator, value: unknown, check = ind.check) {
  const kind = checkKind(check);
  const problems = kind.validate(check, value, '/answers/x', ind.id);
  const levels = problems.length ? [] : kind.evaluate(check, value, { resolve: (r) => r.value ?? 0, tierLabel: (t) => t }).levels;
  return { problems, met: levels.length > 0 && levels.every((l) => l.met) };
}

/** Types into an Element Plus number input and leaves it, as a person does. */
export async function typeNumber(input: { setValue(v: string): Promise<void>; trigger(e: string): Promise<void> }, text: string) {
  await input.setValue(text);
  await input.trigger('blur');
}
