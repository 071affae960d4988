// Working-day deadlines (限时办结: counted from the day after) across 2026's 春节, 国庆 and 调休 weekends, by hand
// from the State Council's notice; escalation as the days pass; a year without its notice refused, never guessed.
import { describe, expect, it } from 'vitest';
import { StatutoryCalendar } from '../../src/calendar/workdays.js';
import { dueDate, standing } from '../../src/rectification/deadline.js';
import { DEFAULT_RECTIFICATION } from '../../src/rectification/rules.js';

const order = (starts_on: string, over: Partial<Parameters<typeof standing>[0]> = {}) => ({ starts_on, workdays: 15, escalation: DEFAULT_RECTIFICATION.escalation, status: 'pending' as const, settled_on: null, ...over });

describe('deadlines in working days', () => {
  it.each([
    // 春节 2026-02-15..23 off; Sat 02-14 and Sat 02-28 worked: 11,12,13,14*,24,25,26,27,28*,03-02..06,09.
    ['春节, with both 调休 Saturdays', '2026-02-10', 15, '2026-03-09'],
    // 中秋 09-25..27 and 国庆 10-01..07 off; Sat 10-10 worked: 28,29,30,10-08,09,10*,12..16,19..22.
    ['中秋 and 国庆, with the 调休 Saturday', '2026-09-24', 15, '2026-10-22'],
    // 元旦 01-01..03 off; Sun 01-04 worked: 04*,05,06,07,08.
    ['元旦 and the 调休 Sunday after it', '2025-12-31', 5, '2026-01-08'],
    // 劳动节 05-01..05 off; Sat 05-09 worked: 04-30, 05-06, 07, 08, 09*.
    ['劳动节, with the 调休 Saturday', '2026-04-29', 5, '2026-05-09'],
    ['an ordinary fortnight (Mon 2 Nov: Tue 3 … Mon 23)', '2026-11-02', 15, '2026-11-23'],
    ['counting starts the day after: an inspection on a Friday, one working day', '2026-11-06', 1, '2026-11-09'],
  ])('%s', (_, from, days, due) => {
    expect(dueDate(from, days)).toEqual({ due_on: due });
  });

  it('a deadline that runs into a year without its notice is refused with a message naming the year, never guessed', () => {
    // 16–31 December 2026 hold 12 working days; the last 3 would fall in 2027.
    const d = dueDate('2026-12-15', 15);
    expect(d).toEqual({ problem: expect.stringContaining('没有 2027 年的法定节假日安排') });
    expect(d).toEqual({ problem: expect.stringContaining('国务院办公厅公布 2027 年部分节假日安排') });
    expect(dueDate('2026-12-15', 12)).toEqual({ due_on: '2026-12-31' });
    // A calendar that knows only 2026 refuses 2025 too.
    const only2026 = new StatutoryCalendar([new StatutoryCalendar().year(2026)!]);
    expect(dueDate('2025-12-29', 5, only2026)).toEqual({ problem: expect.stringContaining('没有 2025 年') });
    // Counting from the day after 31 December needs only the next year.
    expect(dueDate('2025-12-31', 5, only2026)).toEqual({ due_on: '2026-01-08' });
  });
});

describe('overdue standing and escalation (黄牌 at the deadline, 红牌 5 working days after)', () => {
  const o = order('2026-09-24'); // due Thu 2026-10-22
  it.each([
    ['on the deadline', '2026-10-22', { overdue: false, days_overdue: 0, level: null }],
    ['the day after: yellow', '2026-10-23', { overdue: true, days_overdue: 1, workdays_overdue: 1, level: { id: 'yellow' } }],
    ['a weekend later, no working day more: still yellow', '2026-10-25', { overdue: true, days_overdue: 3, workdays_overdue: 1, level: { id: 'yellow' } }],
    ['four working days after: yellow', '2026-10-28', { overdue: true, days_overdue: 6, workdays_overdue: 4, level: { id: 'yellow' } }],
    ['five working days after: red', '2026-10-29', { overdue: true, days_overdue: 7, workdays_overdue: 5, level: { id: 'red', label: '红牌' } }],
  ])('%s', (_, today, expected) => {
    expect(standing(o, today)).toMatchObject({ due_on: '2026-10-22', problem: null, ...expected });
  });

  it('a closed order is judged on the day it was closed, a reported one on the day it was reported', () => {
    expect(standing({ ...o, status: 'closed', settled_on: '2026-10-26' }, '2026-11-25')).toMatchObject({ overdue: true, days_overdue: 4, workdays_overdue: 2, level: { id: 'yellow' } });
    expect(standing({ ...o, status: 'closed', settled_on: '2026-10-20' }, '2026-11-25')).toMatchObject({ overdue: false, days_overdue: 0 });
    // Reported on time and still awaiting review: not overdue, however long the review takes.
    expect(standing({ ...o, status: 'submitted', settled_on: '2026-10-21' }, '2026-11-25')).toMatchObject({ overdue: false });
    // Sent back: in progress again, and judged on today.
    expect(standing({ ...o, status: 'in_progress', settled_on: null }, '2026-11-25')).toMatchObject({ overdue: true, level: { id: 'red' } });
  });

  it('an order whose deadline is unknown says why, and is neither overdue nor on time', () => {
    expect(standing(order('2026-12-15'), '2026-12-31')).toMatchObject({ due_on: null, overdue: null, problem: expect.stringContaining('2027') });
  });

  it("a county's own levels: 3 working days to yellow, 10 to red", () => {
    const mine = { ...o, escalation: [{ id: 'yellow', label: '黄牌', after_workdays: 3 }, { id: 'red', label: '红牌', after_workdays: 10 }] };
    expect(standing(mine, '2026-10-23')).toMatchObject({ overdue: true, level: null });
    expect(standing(mine, '2026-10-27')).toMatchObject({ workdays_overdue: 3, level: { id: 'yellow' } });
  });
});
