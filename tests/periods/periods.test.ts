import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { annualAccumulation } from '../../src/periods/annual.js';
import { chinaPeriod, chinaTime, monthsOfQuarter, previousMonth, previousQuarter } from '../../src/periods/calendar.js';
import { diffAssessments } from '../../src/periods/diff.js';
import { quarterlyCircular } from '../../src/periods/quarter.js';
import { fixture, rubric } from '../support/rubrics.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const json = (id: string, name: string) => JSON.parse(readFileSync(fixture(id, `${name}.json`), 'utf8'));
const unitA = { code: '330212101000', name: '甲镇', level: 'township' };
const unitB = { code: '330212102000', name: '乙镇', level: 'township' };
const unitC = { code: '330212103000', name: '丙镇', level: 'township' };
const at = (name: string, unit: object, period: string) => assess(r, { ...json('township-center-2022', name), unit, period });

describe('calendar', () => {
  it('quarters and their boundaries', () => {
    expect(monthsOfQuarter(2026, 1)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfQuarter(2026, 4)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(previousQuarter(2026, 1)).toEqual({ year: 2025, quarter: 4 });
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('China time: the month and the clock at UTC+8, whatever the machine’s zone', () => {
    expect(chinaPeriod(new Date(Date.UTC(2026, 10, 30, 16, 0)))).toBe('2026-12');
    expect(chinaPeriod(new Date(Date.UTC(2026, 10, 30, 15, 59)))).toBe('2026-11');
    expect(chinaTime(new Date(Date.UTC(2026, 10, 23, 17, 5)))).toBe('2026-11-24 01:05（北京时间）');
  });
});

describe('quarterly circular', () => {
  const data = [
    at('demonstration', unitA, '2026-09'),
    at('demonstration', unitA, '2026-10'),
    at('standard', unitA, '2026-11'),
    at('demonstration', unitA, '2026-12'),
    at('standard', unitB, '2026-10'),
    at('standard', unitB, '2026-12'),
    at('demonstration', unitC, '2026-09'),
    at('neither', unitC, '2026-10'),
    at('neither', unitC, '2026-11'),
  ];
  const q = quarterlyCircular(r, data, 2026, 4);

  it('ranks by the mean of the quarter’s monthly scores and lists missing months instead of scoring them', () => {
    expect(q.months).toEqual(['2026-10', '2026-11', '2026-12']);
    const a = q.units.find((u) => u.unit.code === unitA.code)!;
    expect(a.mean).toBeCloseTo((100 + data[2]!.score! + 100) / 3, 2);
    const b = q.units.find((u) => u.unit.code === unitB.code)!;
    expect(b.missing).toEqual(['2026-11']);
    expect(b.mean).toBe(data[4]!.score);
    expect(q.units.map((u) => u.unit.code)).toEqual([unitA.code, unitB.code, unitC.code]);
    expect(q.units.map((u) => u.rank)).toEqual([1, 2, 3]);
  });

  it('lists units below standard by their latest month, and who dropped since the previous quarter', () => {
    expect(q.belowStandard).toEqual([{ unit: unitC, standing: '未达到任何等级', period: '2026-11' }]);
    expect(q.dropped.map((d) => [d.unit.code, d.from.period, d.from.standing, d.to.standing])).toEqual([[unitC.code, '2026-09', '示范型', '未达到任何等级']]);
  });

  it('counts the indicators most often unmet over the quarter’s assessments', () => {
    expect(q.unmet[0]).toMatchObject({ id: '4', unmet: 5 });
  });

  it('ties share a rank and are listed by unit code', () => {
    const tie = quarterlyCircular(r, [at('standard', unitB, '2026-10'), at('standard', unitA, '2026-10')], 2026, 4);
    expect(tie.units.map((u) => [u.rank, u.unit.code])).toEqual([[1, unitA.code], [1, unitB.code]]);
  });

  it('Q1 compares with the previous year’s Q4', () => {
    const q1 = quarterlyCircular(r, [at('demonstration', unitA, '2025-12'), at('standard', unitA, '2026-02')], 2026, 1);
    expect(q1.dropped.map((d) => d.from.period)).toEqual(['2025-12']);
  });
});

describe('annual accumulation', () => {
  it('mean of monthly scores by default; missing months listed, never scored', () => {
    const data = [at('demonstration', unitA, '2026-01'), at('neither', unitA, '2026-02'), at('standard', unitB, '2026-01'), at('standard', unitA, '2025-12')];
    const y = annualAccumulation(r, data, 2026);
    expect(y.method).toBe('mean');
    const a = y.units.find((u) => u.unit.code === unitA.code)!;
    expect(a.value).toBeCloseTo((100 + data[1]!.score!) / 2, 2);
    expect(a.missing).toHaveLength(10);
    expect(a.complete).toBe(false);
    expect(a.months.map((m) => m.period)).toEqual(['2026-01', '2026-02']);
  });

  it('a year still running counts only the months through the given one', () => {
    const y = annualAccumulation(r, [at('demonstration', unitA, '2026-01'), at('demonstration', unitA, '2026-02')], 2026, '2026-02');
    expect(y.months).toEqual(['2026-01', '2026-02']);
    expect(y.units[0]).toMatchObject({ complete: true, missing: [] });
  });

  it('a rubric can declare the sum of deductions instead; fewer deductions rank higher', () => {
    const c = { ...county, scoring: { ...county.scoring, annual: 'deductions' as const } };
    const good = assess(county, json('county-monthly-assessment', 'good'));
    const poor = assess(county, json('county-monthly-assessment', 'poor'));
    const y = annualAccumulation(c, [good, { ...good, period: '2026-09' }, poor], 2026);
    // October 2026 has five weeks: the poor village's one home visit of five loses all 5 points of 5.1.
    expect(y.units.map((u) => [u.unit.name, u.value])).toEqual([['杜康镇行政服务大厅', 18], ['尧禾镇东村便民服务室', 50]]);
  });

  it('a rubric with veto items says a month’s 单项否决 decides the year’s grade', () => {
    const y = annualAccumulation(county, [assess(county, json('county-monthly-assessment', 'good'))], 2026);
    expect(y.rule).toContain('年度等级按平均分所在等级计，任一月份单项否决的计为不合格；');
  });
});

describe('diff between two periods', () => {
  it('names what changed, indicator by indicator', () => {
    const d = diffAssessments(at('standard', unitA, '2026-10'), at('demonstration', unitA, '2026-11'));
    expect(d.from.standing).toBe('标准型');
    expect(d.to.standing).toBe('示范型');
    expect(d.scoreChange).toBeGreaterThan(0);
    const four = d.indicators.find((i) => i.id === '4')!;
    expect(four).toMatchObject({ from: { status: 'unmet', value: 120 }, to: { status: 'met' }, change: 'improved' });
    expect(d.indicators.find((i) => i.id === '1')).toBeUndefined();
  });
});
