// Reports over a rubric's own periods: a quarterly rubric (tests/support/quarterly) and the half-yearly 银川 table,
// with every expected score, rank and period worked out by hand in tests/support/periods.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsOf, periodHolding, periodListZh, periodShort, periodsOfYear, PERIOD_WORDS, previousPeriod } from '../../src/calendar/period.js';
import { annualAccumulation } from '../../src/periods/annual.js';
import { chinaPeriodOf, monthsOfYear, quarterWindow, requirePeriodKind, yearRange } from '../../src/periods/calendar.js';
import { countySummary } from '../../src/periods/county.js';
import { quarterlyCircular } from '../../src/periods/quarter.js';
import { half, halfYearly, quarterData, quarterly, TOWNS } from '../support/periods.js';
import { rubric } from '../support/rubrics.js';

const data = quarterData();
const of = (period: string) => data.filter((a) => a.period === period);
const row = <T extends { unit: { code: string } }>(rows: readonly T[], unit: keyof typeof TOWNS) => rows.find((r) => r.unit.code === TOWNS[unit].code)!;

describe('periods of a kind', () => {
  it('in words, as lists, and the period of a kind that holds another', () => {
    expect([periodShort('2026-11'), periodShort('2026-Q3'), periodShort('2026-H1'), periodShort('2026-H2')]).toEqual(['11月', '第三季度', '上半年', '下半年']);
    expect(periodListZh(['2026-04', '2026-05', '2026-12'])).toBe('4、5、12月');
    expect(periodListZh(['2026-Q1', '2026-Q3'])).toBe('第一、三季度');
    expect(periodListZh(['2026-H1', '2026-H2'])).toBe('上、下半年');
    expect(periodListZh(['2025-Q4', '2026-Q1'])).toBe('2025-Q4、2026-Q1');
    expect(periodListZh([])).toBe('');
    expect([periodHolding('quarter', '2026-08'), periodHolding('half_year', '2026-08'), periodHolding('month', '2026-Q3'), periodHolding('half_year', '2026-Q2')]).toEqual(['2026-Q3', '2026-H2', '2026-09', '2026-H1']);
  });

  it('the current period of a kind is China’s: 16:00 UTC on 30 June is already the second half year', () => {
    expect(chinaPeriodOf('half_year', new Date(Date.UTC(2026, 5, 30, 15, 59)))).toBe('2026-H1');
    expect(chinaPeriodOf('half_year', new Date(Date.UTC(2026, 5, 30, 16, 0)))).toBe('2026-H2');
    expect(chinaPeriodOf('quarter', new Date(Date.UTC(2026, 11, 31, 16, 0)))).toBe('2027-Q1');
  });

  it('a year’s range of periods, and a period of the wrong kind refused with how the rubric writes it', () => {
    expect(yearRange('quarter', 2026)).toEqual({ from: '2026-Q1', to: '2026-Q4' });
    expect(yearRange('half_year', 2026)).toEqual({ from: '2026-H1', to: '2026-H2' });
    expect(() => requirePeriodKind(halfYearly, '2026-H1', '/period')).not.toThrow();
    expect(() => requirePeriodKind(halfYearly, '2026-11', '/period')).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', problems: [expect.objectContaining({ code: 'PERIOD_KIND', path: '/period', message: expect.stringContaining('按半年考核，期间应写作 YYYY-Hn，如 2026-H1（实际为“2026-11”）') })] }),
    );
  });

  it('property: each kind’s periods cover the year’s months once, in order; a month is held by the period it is in', () => {
    const kinds = fc.constantFrom('month' as const, 'quarter' as const, 'half_year' as const);
    fc.assert(
      fc.property(kinds, fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (kind, year, m) => {
        const periods = periodsOfYear(kind, year);
        expect(periods.flatMap(monthsOf)).toEqual(monthsOfYear(year));
        const month = `${year}-${String(m).padStart(2, '0')}`;
        expect(monthsOf(periodHolding(kind, month))).toContain(month);
        // The period before the year's first is last year's last.
        expect(previousPeriod(periods[0]!)).toBe(periodsOfYear(kind, year - 1).at(-1));
      }),
    );
  });

  it('property: for a monthly rubric the year still running is its months through the current one, as it always was', async () => {
    const monthly = await rubric('county-monthly-assessment');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (m) => {
        const through = `2026-${String(m).padStart(2, '0')}`;
        expect(annualAccumulation(monthly, [], 2026, through).months).toEqual(monthsOfYear(2026).filter((x) => x <= through));
      }),
    );
  });

  it('the words each kind’s reports use', () => {
    expect(PERIOD_WORDS.quarter).toEqual({ unit: '季度', each: '各季度', previous: '上季度', ranking: '季度排名' });
    expect(PERIOD_WORDS.half_year.previous).toBe('上期');
  });
});

describe('county ranking of a period', () => {
  it('a quarterly rubric: 2026-Q1 against 2025-Q4, by standing then score', () => {
    const s = countySummary(quarterly, of('2026-Q1'), of('2025-Q4'));
    expect([s.periodKind, s.period, s.previousPeriod]).toEqual(['quarter', '2026-Q1', '2025-Q4']);
    expect(s.units.map((u) => [u.rank, u.unit.code, u.score, u.standing, u.previous?.score ?? null, u.change, u.movement])).toEqual([
      [1, TOWNS.B.code, 100, '优秀', 80, 20, 'up'],
      [2, TOWNS.A.code, 85, '合格', 100, -15, 'down'],
      [3, TOWNS.C.code, 25, '不合格', null, null, null],
    ]);
    expect(s.totals).toEqual({ units: 3, passed: 2, meanScore: 70 });
    // 投诉 unmet by A and C, 脱岗 by A and C, the hall by C only.
    expect(s.unmet.map((u) => [u.id, u.unmet])).toEqual([['2', 2], ['3', 2], ['1', 1]]);
  });

  it('a half-yearly rubric: 2026-H1 against the previous half year, 2025-H2', () => {
    const s = countySummary(halfYearly, [half('deductions', 'X', '2026-H1'), half('clean', 'Y', '2026-H1')], [half('clean', 'X', '2025-H2')]);
    expect([s.periodKind, s.period, s.previousPeriod]).toEqual(['half_year', '2026-H1', '2025-H2']);
    expect(s.units.map((u) => [u.rank, u.unit.name, u.score, u.change, u.movement])).toEqual([
      [1, '示例部门一（分厅）', 100, null, null],
      [2, '示例部门二（分厅）', 76, -24, 'same'],
    ]);
  });
});

describe('the quarterly circular', () => {
  const q = quarterlyCircular(quarterly, data, 2026, 1);

  it('a quarterly rubric’s quarter is one period, its score the quarter’s; the previous quarter says who dropped', () => {
    expect([q.periodKind, q.months]).toEqual(['quarter', ['2026-Q1']]);
    expect(q.units.map((u) => [u.rank, u.unit.code, u.mean, u.quarterStanding, u.missing, u.months.map((m) => m.period)])).toEqual([
      [1, TOWNS.B.code, 100, '优秀', [], ['2026-Q1']],
      [2, TOWNS.A.code, 85, '合格', [], ['2026-Q1']],
      [3, TOWNS.C.code, 25, '不合格', [], ['2026-Q1']],
    ]);
    expect(q.belowStandard).toEqual([{ unit: TOWNS.C, standing: '不合格', period: '2026-Q1' }]);
    expect(q.dropped).toEqual([{ unit: TOWNS.A, from: { period: '2025-Q4', standing: '优秀' }, to: { period: '2026-Q1', standing: '合格' } }]);
    expect(q.rule).toContain('季度得分为本季度的考核得分');
    expect(q.rule).not.toMatch(/月/);
  });

  it('the window: a monthly rubric’s three months, a quarterly rubric’s quarter, and Q1 compares with last year’s Q4', async () => {
    const monthly = await rubric('township-center-2022');
    expect(quarterWindow(2026, 1, monthly)).toEqual({ months: ['2026-01', '2026-02', '2026-03'], before: ['2025-10', '2025-11', '2025-12'] });
    expect(quarterWindow(2026, 1, quarterly)).toEqual({ months: ['2026-Q1'], before: ['2025-Q4'] });
  });

  it('a half-yearly rubric has none: refused, saying to use the half year’s ranking', () => {
    const refusal = (() => {
      try {
        quarterlyCircular(halfYearly, [half('clean', 'X', '2026-H1')], 2026, 2);
      } catch (e) {
        return e as { code: string; message: string; problems: Array<{ code: string; path: string }> };
      }
      return undefined;
    })();
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', problems: [{ code: 'PERIOD_KIND', path: '/quarter' }] });
    expect(refusal!.message).toBe(`评分标准“${halfYearly.title}”按半年考核，没有季度通报：请看半年的考核排名（2026年上半年为 2026-H1，下半年为 2026-H2）或年度累计`);
  });
});

describe('the annual accumulation over a rubric’s periods', () => {
  it('four quarters: the mean of the assessed quarters, the missing ones listed, ranked by the year’s standing', () => {
    const y = annualAccumulation(quarterly, data, 2026);
    expect([y.periodKind, y.months]).toEqual(['quarter', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']]);
    // B: (100 + 95 + 100 + 90) / 4 = 96.25; A: (85 + 100) / 2 = 92.5; C: 25.
    expect(y.units.map((u) => [u.rank, u.unit.code, u.value, u.standing, u.missing, u.complete])).toEqual([
      [1, TOWNS.B.code, 96.25, '优秀', [], true],
      [2, TOWNS.A.code, 92.5, '优秀', ['2026-Q2', '2026-Q4'], false],
      [3, TOWNS.C.code, 25, '不合格', ['2026-Q2', '2026-Q3', '2026-Q4'], false],
    ]);
    // 2025-Q4 belongs to last year.
    expect(row(y.units, 'A').months.map((m) => m.period)).toEqual(['2026-Q1', '2026-Q3']);
    expect(y.rule).toContain('年累计为已考核季度得分的平均分；缺考季度单列');
    // The table has no veto item, so its rule says nothing of 单项否决 (county-monthly-assessment's does: periods tests).
    expect(y.rule).toContain('年度等级按平均分所在等级计；');
    expect(y.rule).not.toContain('单项否决');
    expect(y.rule).not.toMatch(/月/);
  });

  it('a year still running counts its quarters through the one holding the current month', () => {
    const y = annualAccumulation(quarterly, data, 2026, '2026-08');
    expect(y.months).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    // B: (100 + 95 + 100) / 3 = 98.33.
    expect(y.units.map((u) => [u.unit.code, u.value, u.missing])).toEqual([
      [TOWNS.B.code, 98.33, []],
      [TOWNS.A.code, 92.5, ['2026-Q2']],
      [TOWNS.C.code, 25, ['2026-Q2', '2026-Q3']],
    ]);
    expect(annualAccumulation(quarterly, data, 2026, '2026-Q2').months).toEqual(['2026-Q1', '2026-Q2']);
  });

  it('by deductions: A 15 + 0 and B 0 + 5 + 0 + 10 tie at 15 and share the rank; C 75', () => {
    const y = annualAccumulation({ ...quarterly, scoring: { ...quarterly.scoring, annual: 'deductions' } }, data, 2026);
    expect(y.units.map((u) => [u.rank, u.unit.code, u.value])).toEqual([
      [1, TOWNS.A.code, 15],
      [1, TOWNS.B.code, 15],
      [3, TOWNS.C.code, 75],
    ]);
  });

  it('two half years: the mean of the assessed halves, a missing half listed, the running year through its half', () => {
    const list = [half('deductions', 'X', '2026-H1'), half('clean', 'X', '2026-H2'), half('over-budget', 'Y', '2026-H1'), half('clean', 'Y', '2025-H2')];
    const y = annualAccumulation(halfYearly, list, 2026);
    expect([y.periodKind, y.months]).toEqual(['half_year', ['2026-H1', '2026-H2']]);
    // X: (76 + 100) / 2 = 88; Y: 32 in the first half, none in the second.
    expect(y.units.map((u) => [u.rank, u.unit.code, u.value, u.missing])).toEqual([
      [1, '640100000002', 88, []],
      [2, '640100000001', 32, ['2026-H2']],
    ]);
    expect(y.rule).toContain('年累计为已考核半年得分的平均分；缺考半年单列');
    const running = annualAccumulation(halfYearly, list, 2026, '2026-03');
    expect(running.months).toEqual(['2026-H1']);
    expect(running.units.map((u) => [u.unit.code, u.value, u.complete])).toEqual([
      ['640100000002', 76, true],
      ['640100000001', 32, true],
    ]);
  });
});
