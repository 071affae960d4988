// One test per check kind: the form's input for it, driven as a person would, emits exactly the answer the engine
// accepts (no problems) and judges as expected; and a saved answer shows again when the input is re-opened.
import { afterEach, describe, expect, it } from 'vitest';
import BooleanInput from '../../src/form/BooleanInput.vue';
import ChecklistInput from '../../src/form/ChecklistInput.vue';
import ChoiceInput from '../../src/form/ChoiceInput.vue';
import CompositeInput from '../../src/form/CompositeInput.vue';
import DimensionInput from '../../src/form/DimensionInput.vue';
import FieldsInput from '../../src/form/FieldsInput.vue';
import NumberInput from '../../src/form/NumberInput.vue';
import { hasInput, inputFor } from '../../src/form/registry.js';
import { indicator, judge, mountInput, synthetic, typeNumber } from './kit.js';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the form inputs, one per check kind', () => {
  it('boolean: 是/否 radios give true/false', async () => {
    const ind = indicator('baishui-township-hall-2017', '1.1');
    expect(inputFor(ind.check.kind)).toBe(BooleanInput);
    const { wrapper, last } = mountInput(BooleanInput, ind);
    await wrapper.find('[data-test="x-no"] input').setValue(true);
    expect(last()).toBe(false);
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
    await wrapper.find('[data-test="x-yes"] input').setValue(true);
    expect(last()).toBe(true);
    expect(judge(ind, last()).met).toBe(true);
    const again = mountInput(BooleanInput, ind, false);
    expect((again.wrapper.find('[data-test="x-no"] input').element as HTMLInputElement).checked).toBe(true);
  });

  it('number: a number in the unit, within bounds; clearing it means not inspected', async () => {
    const ind = indicator('baishui-township-hall-2017', '1.3');
    expect(inputFor('number')).toBe(NumberInput);
    const { wrapper, last } = mountInput(NumberInput, ind);
    expect(wrapper.text()).toContain('m²');
    expect(wrapper.find('input').attributes('aria-label')).toContain('（m²）');
    await typeNumber(wrapper.find('input'), '320.5');
    expect(last()).toBe(320.5);
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
    await typeNumber(wrapper.find('input'), '-5');
    expect(last()).toBe(0); // the check's minimum: the input never emits a value the engine would refuse
    expect(judge(ind, last()).problems).toEqual([]);
    await typeNumber(wrapper.find('input'), '');
    expect(last()).toBeUndefined();
  });

  it('range: the same number input, judged inclusive at both ends', async () => {
    const ind = indicator('baishui-village-room-2017', '1.4');
    expect(inputFor('range')).toBe(NumberInput);
    const { wrapper, last } = mountInput(NumberInput, ind);
    await typeNumber(wrapper.find('input'), '30');
    expect(last()).toBe(30);
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
    await typeNumber(wrapper.find('input'), '31');
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
  });

  it('checklist: boxes give the items present; ticking nothing is the answer "none present"', async () => {
    const ind = indicator('baishui-township-hall-2017', '2.2');
    expect(inputFor('checklist')).toBe(ChecklistInput);
    const { wrapper, last } = mountInput(ChecklistInput, ind);
    expect(wrapper.text()).toContain('尚未检查');
    await wrapper.find('[data-test="x-copier"] input').setValue(true);
    await wrapper.find('[data-test="x-linked_seats"] input').setValue(true);
    expect(last()).toEqual(['linked_seats', 'copier']); // in the rubric's order
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
    await wrapper.find('[data-test="x-copier"] input').setValue(false);
    await wrapper.find('[data-test="x-linked_seats"] input').setValue(false);
    expect(last()).toEqual([]);
    expect(judge(ind, last()).problems).toEqual([]);
    const all = ['linked_seats', 'public_phone', 'copier', 'water_dispenser', 'newspaper_rack'];
    expect(judge(ind, all).met).toBe(true);
    // The object form a saved answer may hold shows as ticks.
    const again = mountInput(ChecklistInput, ind, { linked_seats: true, public_phone: false, copier: true, water_dispenser: false, newspaper_rack: false });
    expect(again.wrapper.findAll('input:checked')).toHaveLength(2);
  });

  it('choice: one option by id', async () => {
    const ind = indicator('baishui-township-hall-2017', '1.4');
    expect(inputFor('choice')).toBe(ChoiceInput);
    const { wrapper, last } = mountInput(ChoiceInput, ind);
    expect(wrapper.text()).toContain('临近街道方便醒目的地方');
    await wrapper.find('[data-test="x-other_place"] input').setValue(true);
    expect(last()).toBe('other_place');
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
    await wrapper.find('[data-test="x-ground_floor"] input').setValue(true);
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
  });

  it('dimension: one number per size, sent with the unit; a saved answer in another unit shows converted', async () => {
    const ind = indicator('baishui-township-hall-2017', '2.3');
    expect(inputFor('dimension')).toBe(DimensionInput);
    const { wrapper, last } = mountInput(DimensionInput, ind);
    expect(wrapper.text()).toContain('厘米');
    await typeNumber(wrapper.find('[data-test="x-height"] input'), '80.5');
    expect(last()).toEqual({ unit: 'cm', height: 80.5 });
    expect(judge(ind, last()).problems.map((p) => p.code)).toEqual(['INCOMPLETE_CHECKLIST']); // the other size is still missing
    await typeNumber(wrapper.find('[data-test="x-depth"] input'), '70');
    expect(last()).toEqual({ unit: 'cm', height: 80.5, depth: 70 });
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
    const again = mountInput(DimensionInput, ind, { unit: 'm', height: 0.8, depth: 0.7 });
    expect((again.wrapper.find('[data-test="x-height"] input').element as HTMLInputElement).value).toBe('80');
  });

  it('frequency: the count in the month, as a whole number', async () => {
    const ind = indicator('baishui-village-room-2017', '2.1d');
    expect(inputFor('frequency')).toBe(NumberInput);
    const { wrapper, last } = mountInput(NumberInput, ind);
    expect(wrapper.text()).toContain('天');
    await typeNumber(wrapper.find('input'), '7.6');
    expect(last()).toBe(8);
    expect(judge(ind, last())).toEqual({ problems: [], met: true }); // 每周二、周四: 8 days in November 2026
    await typeNumber(wrapper.find('input'), '7');
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
  });

  it('frequency due in each week: the weeks it was done in, never more than the month has', async () => {
    const ind = indicator('baishui-village-room-2017', '4.1b');
    const { wrapper, last } = mountInput(NumberInput, ind);
    expect(wrapper.text()).toContain('周');
    expect(wrapper.text()).toContain('填做到的周数，不是次数');
    await typeNumber(wrapper.find('input'), '4');
    expect(last()).toBe(4);
    expect(judge(ind, last())).toEqual({ problems: [], met: true }); // November 2026: four weeks
    await typeNumber(wrapper.find('input'), '3');
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
    await typeNumber(wrapper.find('input'), '8');
    expect(judge(ind, last()).problems).toMatchObject([{ code: 'OUT_OF_RANGE', message: expect.stringContaining('2026-11 只有 4 周') }]);
  });

  it('count: occurrences found, a whole number not below 0', async () => {
    const ind = indicator('county-monthly-assessment', '3.1');
    expect(inputFor('count')).toBe(NumberInput);
    const { wrapper, last } = mountInput(NumberInput, ind);
    expect(wrapper.text()).toContain('人次');
    await typeNumber(wrapper.find('input'), '0');
    expect(last()).toBe(0);
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
    await typeNumber(wrapper.find('input'), '2');
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
  });

  it('composite: each part with its own kind of input, assembled into one answer', async () => {
    const ind = indicator('baishui-township-hall-2017', '2.4b');
    expect(inputFor('composite')).toBe(CompositeInput);
    const { wrapper, last } = mountInput(CompositeInput, ind);
    await typeNumber(wrapper.find('[data-test="x-size-length"] input'), '7');
    await typeNumber(wrapper.find('[data-test="x-size-height"] input'), '2.5');
    const contents = ind.check.kind === 'composite' ? ind.check.parts[1]!.check : undefined;
    const items = contents?.kind === 'checklist' ? contents.items : [];
    for (const item of items) {
      await wrapper.find(`[data-test="x-contents-${item.id}"] input`).setValue(true);
    }
    expect(last()).toEqual({ size: { unit: 'cm', length: 7, height: 2.5 }, contents: items.map((i) => i.id) });
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
  });
});

describe('the generic input, for a kind without its own', () => {
  it('is what any unknown kind gets', () => {
    expect(hasInput('rating_band')).toBe(false);
    expect(inputFor('rating_band')).toBe(FieldsInput);
  });

  it('answers from the field model, the same answer the specific input gives', async () => {
    const ind = indicator('baishui-township-hall-2017', '2.4b');
    const { wrapper, last } = mountInput(FieldsInput, ind);
    // One field per cell of the spreadsheet template: two sizes, then one 是/否 per content item.
    const fields = wrapper.findAll('[data-field]').map((f) => f.attributes('data-field'));
    expect(fields.slice(0, 2)).toEqual(['2.4b/size/length', '2.4b/size/height']);
    const numbers = wrapper.findAll('input[role="spinbutton"], .el-input-number input');
    await typeNumber(numbers[0]!, '7');
    await typeNumber(numbers[1]!, '2.5');
    for (const f of wrapper.findAll('[data-field]').slice(2)) {
      await f.findAll('input[type="radio"]')[0]!.setValue(true);
    }
    const contents = ind.check.kind === 'composite' ? ind.check.parts[1]!.check : undefined;
    expect(last()).toEqual({ size: { unit: 'cm', length: 7, height: 2.5 }, contents: contents?.kind === 'checklist' ? contents.items.map((i) => i.id) : [] });
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
  });
});

describe('the kinds of county tables, through the generic input until they have their own', () => {
  const fieldsOf = (wrapper: ReturnType<typeof mountInput>['wrapper']) => wrapper.findAll('[data-field]');

  it('tally: one whole number per count (黄牌、红牌)', async () => {
    const ind = synthetic({ kind: 'tally', unit: '个', counts: [{ id: 'yellow', label: '黄牌' }, { id: 'red', label: '红牌' }] }, { deduct: { rates: [{ count: 'yellow', per: 2 }, { count: 'red', per: 3 }] } });
    expect(inputFor('tally')).toBe(FieldsInput);
    const { wrapper, last } = mountInput(FieldsInput, ind);
    expect(fieldsOf(wrapper).map((f) => f.text())).toEqual([expect.stringContaining('黄牌'), expect.stringContaining('红牌')]);
    const inputs = wrapper.findAll('.el-input-number input');
    await typeNumber(inputs[0]!, '1');
    await typeNumber(inputs[1]!, '0');
    expect(last()).toEqual({ yellow: 1, red: 0 });
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
  });

  it('ratio and mean: the counts they are computed from', async () => {
    const ratio = synthetic({ kind: 'ratio', of: { id: 'good', label: '好评数' }, per: { id: 'total', label: '评价总数' }, threshold: { op: '>=', value: 95 } });
    const r = mountInput(FieldsInput, ratio);
    const inputs = r.wrapper.findAll('.el-input-number input');
    await typeNumber(inputs[0]!, '96');
    await typeNumber(inputs[1]!, '100');
    expect(r.last()).toEqual({ good: 96, total: 100 });
    expect(judge(ratio, r.last())).toEqual({ problems: [], met: true });
    const mean = synthetic({ kind: 'mean', levels: [{ id: 'v5', label: '非常满意', value: 10 }, { id: 'v1', label: '不满意', value: 3 }], threshold: { op: '>=', value: 8 } });
    const m = mountInput(FieldsInput, mean);
    const counts = m.wrapper.findAll('.el-input-number input');
    await typeNumber(counts[0]!, '3');
    await typeNumber(counts[1]!, '1');
    expect(m.last()).toEqual({ v5: 3, v1: 1 });
    // (3 × 10 + 1 × 3) ÷ 4 = 8.25.
    expect(judge(mean, m.last())).toEqual({ problems: [], met: true });
  });

  it('rating: one band (好/较好/一般/差)', async () => {
    const ind = synthetic({ kind: 'rating', bands: [{ id: 'good', label: '好', points: 10 }, { id: 'fair', label: '较好', points: 8 }] });
    const { wrapper, last } = mountInput(FieldsInput, ind);
    expect(wrapper.find('.el-select').exists()).toBe(true);
    (wrapper.findComponent({ name: 'ElSelect' }).vm as unknown as { $emit(e: string, v: string): void }).$emit('update:modelValue', 'fair');
    expect(last()).toBe('fair');
    expect(judge(ind, last())).toEqual({ problems: [], met: false });
  });

  it.each([
    ['judgement', { kind: 'judgement', min: 3, max: 5 }, { deduct: { judged: true } }, '4、5', [4, 5]],
    ['occurrences', { kind: 'occurrences', unit: '次', measure: { label: '离岗时长', unit: '分钟', maximum: 480 } }, { deduct: { per: 1 } }, '20、90', [20, 90]],
  ] as const)('%s: a list of numbers, one per case; 无 is none', async (_kind, check, extra, typed, expected) => {
    const ind = synthetic(check, extra);
    const { wrapper, last } = mountInput(FieldsInput, ind);
    const input = wrapper.find('.el-input input');
    await input.setValue(typed);
    await input.trigger('change');
    expect(last()).toEqual(expected);
    expect(judge(ind, last()).problems).toEqual([]);
    await input.setValue('无');
    await input.trigger('change');
    expect(last()).toEqual([]);
    expect(judge(ind, last())).toEqual({ problems: [], met: true });
  });
});
