// The statutory calendar against the State Council notices it is built from (国办发明电〔2024〕12号 for 2025; the
// notice of 2025-11-04 for 2026): holidays, 调休 make-up days, weeks and named weekdays.
import { describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod, periodDays, periodsOfYear, periodZh, previousPeriod } from '../../src/calendar/period.js';
import { STATUTORY, weekdaysIn, weeksIn, workdaysIn } from '../../src/calendar/workdays.js';

describe('working days follow the notices', () => {
  it.each([
    // 春节 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班: 20 weekdays − 6 in the holiday + 2 Saturdays.
    ['2026-02', 16],
    // 元旦 1月1日至3日放假调休，1月4日（周日）上班: 22 weekdays − 2 + 1.
    ['2026-01', 21],
    // 中秋节 9月25日至27日放假; 9月20日（周日）上班: 22 − 1 + 1.
    ['2026-09', 22],
    // 国庆节 10月1日至7日放假调休，10月10日（周六）上班: 22 − 5 + 1.
    ['2026-10', 18],
    // 劳动节 5月1日至5日放假调休，5月9日（周六）上班: 21 − 3 + 1.
    ['2026-05', 19],
    ['2026-11', 21],
    // 2025: 春节 1月28日至2月4日，1月26日（周日）、2月8日（周六）上班.
    ['2025-01', 19],
  ])('%s has %s working days', (period, n) => {
    expect(workdaysIn(period)).toBe(n);
  });

  it('makes the 调休 weekend days working days and the holidays not', () => {
    expect(STATUTORY.isWorkday('2026-02-14')).toBe(true);
    expect(STATUTORY.isWorkday('2026-02-16')).toBe(false);
    expect(STATUTORY.holiday('2026-02-16')).toBe('春节');
    expect(STATUTORY.isWorkday('2026-10-10')).toBe(true);
    expect(STATUTORY.isWorkday('2026-11-28')).toBe(false);
  });

  it('counts a deadline in working days from the day after (限时办结), across 国庆 and its 调休 Saturday', () => {
    // From Tuesday 29 September: 30 Sep (1); 1–7 Oct holiday; 8 (2), 9 (3), Saturday 10 (4), Monday 12 (5).
    expect(STATUTORY.addWorkdays('2026-09-29', 5)).toBe('2026-10-12');
    // 15 个工作日 from Friday 13 February 2026: 14 (调休, 1), the 春节 week off, 24–27 (2–5), 28 (调休, 6), March 2–6 (7–11), 9–12 (12–15).
    expect(STATUTORY.addWorkdays('2026-02-13', 15)).toBe('2026-03-12');
  });

  it('refuses a year it has no notice for, never guessing', () => {
    expect(STATUTORY.knows(2024)).toBe(false);
    expect(workdaysIn('2024-10')).toBeUndefined();
    expect(STATUTORY.addWorkdays('2026-12-28', 5)).toBeUndefined();
    expect(weekdaysIn('2024-10', ['tue'], true)).toBeUndefined();
    // Without holidays left out, weekdays are plain calendar facts in any year.
    expect(weekdaysIn('2024-10', ['tue'])).toBe(5);
  });
});

describe('weeks and named weekdays of a period', () => {
  it.each([
    // A week (Monday–Sunday) belongs to the period holding its Thursday.
    ['2026-10', 5],
    ['2026-11', 4],
    ['2026-12', 5],
    ['2026-Q3', 13],
    // July 5, August 4, September 4, October 5, November 4, December 5 Thursdays.
    ['2026-H2', 27],
  ])('%s has %s calendar weeks', (period, n) => {
    expect(weeksIn(period)).toBe(n);
  });

  it('counts every week of a year exactly once across its months', () => {
    expect(periodsOfYear('month', 2026).reduce((n, p) => n + weeksIn(p), 0)).toBe(53);
    expect(periodsOfYear('month', 2025).reduce((n, p) => n + weeksIn(p), 0)).toBe(52);
  });

  it.each([
    // 每周二、周四: December 2026 has Tuesdays 1, 8, 15, 22, 29 and Thursdays 3, 10, 17, 24, 31.
    ['2026-12', ['tue', 'thu'], false, 10],
    ['2026-11', ['tue', 'thu'], false, 8],
    // October 2026: nine, of which 1 and 6 October are 国庆 holidays.
    ['2026-10', ['tue', 'thu'], false, 9],
    ['2026-10', ['tue', 'thu'], true, 7],
    ['2026-10', ['mon'], true, 3],
  ] as const)('%s: %j (holidays left out: %s) → %s', (period, days, except, n) => {
    expect(weekdaysIn(period, days, except)).toBe(n);
  });
});

describe('period labels', () => {
  it('parses months, quarters and half years, and walks back across years', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, index: 3 });
    expect(parsePeriod('2026-13')).toBeNull();
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-H1')).toBe('2025-H2');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(monthsOf('2026-H2')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(periodDays('2024-Q1')).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    expect([periodZh('2026-11'), periodZh('2026-Q3'), periodZh('2026-H1')]).toEqual(['2026年11月', '2026年第三季度', '2026年上半年']);
  });
});
