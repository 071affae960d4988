// Indicators of each check kind, taken from the bundled rubrics, and mounting an input the way the form does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mount } from '@vue/test-utils';
import type { Component } from 'vue';
import { checkKind, type FrequencyBasis } from '../../../src/checks/index.js';
import { parseRubric, rubricFromDefinition } from '../../../src/rubric/parse.js';
import type { Indicator, Rubric } from '../../src/engine/index.js';

const rubrics = new Map<string, Rubric>();
export function rubric(id: string): Rubric {
  let r = rubrics.get(id);
  if (!r) rubrics.set(id, (r = parseRubric(readFileSync(join(process.cwd(), 'rubrics', `${id}.yaml`), 'utf8'))));
  return r;
}

export const indicator = (rubricId: string, id: string): Indicator => rubric(rubricId).byId.get(id)!;

/** An indicator of a check no bundled rubric uses, in a one-item points rubric. */
export function synthetic(check: Record<string, unknown>, extra: Record<string, unknown> = {}): Indicator {
  const def = {
    id: 'synthetic', title: '测试', version: '1', issuer: '测试', source: { file: 'standards/township-center-58-indicators.md' }, effective: { from: null },
    applies_to: ['township'], levels: ['项目'],
    scoring: { method: 'points', total: 10, grades: [{ id: 'ok', label: '合格', min: 6, pass: true }, { id: 'no', label: '不合格', min: 0, pass: false }] },
    sections: [{ title: '全部', indicators: [{ id: 'x', title: '测试项', text: '原文', source: { file: 'standards/township-center-58-indicators.md', part: '测试' }, check, points: 10, guidance: { inspect: '看', evidence: ['照片'] }, ...extra }] }],
  };
  return rubricFromDefinition(def).byId.get('x')!;
}

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
  const own = kind.validate(check, value, '/answers/x', ind.id);
  const problems = own.length ? own : (kind.inPeriod?.(check, value, '2026-11', '/answers/x', ind.id) ?? []);
  // November 2026: four weeks, four of each weekday, no holidays.
  const due = (b: FrequencyBasis) => ('on' in b ? 4 * b.on.length : 4);
  const ctx = { resolve: (r: { value?: number }) => r.value ?? 0, tierLabel: (t: string) => t, holds: () => undefined, conditionText: () => '', due, thisPeriod: '本月' };
  const levels = problems.length ? [] : kind.evaluate(check, value, ctx).levels;
  return { problems, met: levels.length > 0 && levels.every((l) => l.met) };
}

/** Types into an Element Plus number input and leaves it, as a person does. */
export async function typeNumber(input: { setValue(v: string): Promise<void>; trigger(e: string): Promise<void> }, text: string) {
  await input.setValue(text);
  await input.trigger('blur');
}
