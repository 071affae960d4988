// The period picker follows the rubric's kind: Element Plus's month picker for months, a list of quarters or half
// years in words otherwise, newest first, never one after `max`; and the labels the pages print.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import PeriodPicker from '../../src/components/PeriodPicker.vue';
import { lastPeriods, periodLabel } from '../../src/time.js';

afterEach(() => {
  document.body.innerHTML = '';
});

function picker(props: { modelValue: string; kind: 'month' | 'quarter' | 'half_year'; max?: string; years?: number }) {
  const wrapper: ReturnType<typeof mount<typeof PeriodPicker>> = mount(PeriodPicker, {
    props: { label: '考核期间', ...props, 'onUpdate:modelValue': (v: string): void => void wrapper.setProps({ modelValue: v }) },
    attachTo: document.body,
  });
  return wrapper;
}
/** The option labels Element Plus rendered (teleported to the body), in order. */
const optionLabels = () => [...document.body.querySelectorAll('.el-select-dropdown__item')].map((o) => o.textContent?.trim());

describe('the period picker', () => {
  it('quarters: newest first, up to max, labelled in words; choosing one emits its label', async () => {
    const w = picker({ modelValue: '2026-Q2', kind: 'quarter', max: '2026-Q3', years: 2 });
    expect(w.find('.el-date-editor').exists()).toBe(false);
    await w.find('.el-select__wrapper').trigger('click');
    expect(optionLabels()).toEqual(['2026年第三季度', '2026年第二季度', '2026年第一季度', '2025年第四季度', '2025年第三季度', '2025年第二季度', '2025年第一季度']);
    expect(w.text()).toContain('2026年第二季度');
    (document.body.querySelectorAll('.el-select-dropdown__item')[3] as HTMLElement).click();
    await w.vm.$nextTick();
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual(['2025-Q4']);
  });

  it('half years: 上半年 and 下半年; a chosen period older than the list stays selectable', async () => {
    const w = picker({ modelValue: '2019-H2', kind: 'half_year', max: '2026-H1', years: 2 });
    await w.find('.el-select__wrapper').trigger('click');
    expect(optionLabels()).toEqual(['2026年上半年', '2025年下半年', '2025年上半年', '2019年下半年']);
  });

  it('months: Element Plus’s month picker, as before', () => {
    const w = picker({ modelValue: '2026-11', kind: 'month' });
    expect(w.find('.el-date-editor').exists()).toBe(true);
    expect((w.find('input').element as HTMLInputElement).value).toBe('2026年11月');
  });
});

describe('period labels', () => {
  it('in words for every kind, and the last n periods of a kind', () => {
    expect(['2026-11', '2026-Q3', '2026-H1'].map(periodLabel)).toEqual(['2026年11月', '2026年第三季度', '2026年上半年']);
    expect(lastPeriods('2026-Q1', 3)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
    expect(lastPeriods('2026-H1', 3)).toEqual(['2025-H1', '2025-H2', '2026-H1']);
    expect(lastPeriods('2026-01', 2)).toEqual(['2025-12', '2026-01']);
  });
});
