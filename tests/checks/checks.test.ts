import { describe, expect, it } from 'vitest';
import { checkKind, type EvalContext } from '../../src/checks/index.js';
import type { NormCheck } from '../../src/rubric/model.js';

const ctx: EvalContext = {
  resolve: (r) => r.value ?? 90,
  tierLabel: (t) => ({ standard: '标准型', demonstration: '示范型' })[t] ?? t,
  holds: () => undefined,
  conditionText: (c) => `指标 ${c.indicator}`,
  due: () => undefined,
  thisPeriod: '本月',
};
const evaluate = (check: NormCheck, value: unknown) => checkKind(check).evaluate(check, value, ctx);

describe('check kinds', () => {
  it('boolean: the expected answer meets; expect=false inverts', () => {
    expect(evaluate({ kind: 'boolean', expect: true }, true).levels[0]!.met).toBe(true);
    expect(evaluate({ kind: 'boolean', expect: false }, true).levels[0]!.met).toBe(false);
  });

  it.each([
    ['>=', 30, 30, true], ['>=', 29.999, 30, false], ['>', 30, 30, false], ['<=', 20, 20, true], ['<', 20, 20, false], ['==', 7, 7, true],
  ] as const)('number %s: %s against %s is met=%s', (op, value, required, met) => {
    const c: NormCheck = { kind: 'number', unit: '天', integer: false, requirements: [{ tier: null, op, value: required }] };
    const o = evaluate(c, value);
    expect(o.levels[0]!.met).toBe(met);
    if (!met && (op as string) !== '==') expect(o.levels[0]!.shortfall!.difference).toBeCloseTo(Math.abs(required - value), 6);
  });

  it('range: inclusive at both ends, and says by how much it is outside', () => {
    const c: NormCheck = { kind: 'range', unit: 'm²', integer: false, min: 20, max: 30, minimum: 0 };
    expect([19.5, 20, 25, 30, 30.5].map((v) => evaluate(c, v).levels[0]!.met)).toEqual([false, true, true, true, false]);
    expect(evaluate(c, 35).reason).toBe('实际 35 m²，高于 20–30 m² 范围 5 m²');
    expect(evaluate(c, 35).levels[0]!.shortfall).toMatchObject({ op: '<=', required: 30, difference: 5 });
  });

  it('checklist: all, or at least N, named items', () => {
    const items = [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }, { id: 'c', label: '丙' }];
    const all: NormCheck = { kind: 'checklist', items, all: true, atLeast: 3 };
    const two: NormCheck = { kind: 'checklist', items, all: false, atLeast: 2 };
    expect(evaluate(all, ['a', '乙']).missingItems).toEqual(['丙']);
    expect(evaluate(all, ['a', '乙']).levels[0]!.met).toBe(false);
    expect(evaluate(two, ['a', '乙']).levels[0]!.met).toBe(true);
    expect(evaluate(two, { a: true, b: false, c: true }).levels[0]!.met).toBe(true);
    expect(evaluate(two, ['a', 'a']).levels[0]!.met).toBe(false);
  });

  it('per-tier thresholds report each tier separately', () => {
    const c: NormCheck = {
      kind: 'number', unit: '%', minimum: 0, maximum: 100, integer: false,
      requirements: [{ tier: 'standard', op: '>=', value: 20 }, { tier: 'demonstration', op: '>=', value: 30 }],
    };
    const o = evaluate(c, 25);
    expect(o.levels.map((l) => [l.tier, l.met])).toEqual([['standard', true], ['demonstration', false]]);
    expect(o.reason).toBe('实际 25%：达到标准型要求（≥20%）；未达到示范型要求（≥30%，差 5%）');
    expect(checkKind(c).describe(c, ctx)).toBe('标准型≥20%；示范型≥30%');
  });
});
