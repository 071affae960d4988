// Deadlines and overdue standing of orders, in working days by the State Council's calendar. Pure: "today" is
// always passed in. A deadline that falls in (or passes through) a year the calendar does not know is refused with
// a message, never guessed; so is a working-day count into such a year.
import { STATUTORY, type StatutoryCalendar } from '../calendar/workdays.js';
import type { OrderStatus } from '../domain/rectification.js';
import type { EscalationLevel } from './rules.js';

const DAY = 86_400_000;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const nextDay = (d: string) => iso(time(d) + DAY);

/** The date in China (UTC+8) at an instant. */
export const chinaDate = (d: Date): string => iso(d.getTime() + 8 * 3600_000);

/** Why a working-day count reaching from `from` to `until` cannot be made: the first year it needs that the calendar lacks. */
export function calendarGap(from: string, until: string, cal: StatutoryCalendar = STATUTORY): string | null {
  for (let y = Number(from.slice(0, 4)); y <= Number(until.slice(0, 4)); y++) {
    if (!cal.knows(y)) return missingYear(y, cal);
  }
  return null;
}

const missingYear = (y: number, cal: StatutoryCalendar) =>
  `没有 ${y} 年的法定节假日安排（已有 ${cal.knownYears().join('、')} 年），按工作日计算的期限不作推算：请等国务院办公厅公布 ${y} 年部分节假日安排、软件收录后再计算`;

/** The last day to rectify: `workdays` working days counted from the day after `startsOn` (限时办结). */
export function dueDate(startsOn: string, workdays: number, cal: StatutoryCalendar = STATUTORY): { due_on: string } | { problem: string } {
  const due = cal.addWorkdays(startsOn, workdays);
  if (due !== undefined) return { due_on: due };
  // Which year it ran into: walk on until the first unknown one.
  let y = Number(startsOn.slice(0, 4));
  while (cal.knows(y)) y++;
  return { problem: missingYear(y, cal) };
}

export interface Standing {
  due_on: string | null;
  /** Past its deadline on the day judged (for a closed order: when it was closed); null when the deadline is unknown. */
  overdue: boolean | null;
  /** Calendar days past the deadline. */
  days_overdue: number;
  /** Working days past the deadline; null when the calendar lacks a year it needs. */
  workdays_overdue: number | null;
  /** The highest escalation level reached (黄牌, 红牌…). */
  level: EscalationLevel | null;
  /** Why something above could not be worked out. */
  problem: string | null;
}

export interface Judged {
  starts_on: string;
  workdays: number;
  escalation: readonly EscalationLevel[];
  status: OrderStatus;
  /**
   * The date (China) the unit's part was done: the order was closed, or its report submitted and awaiting review. A
   * report sent back (复查未通过) reopens it, and the clock runs on from the deadline.
   */
  settled_on: string | null;
}

/** An order's standing on `today`; a closed or reported order is judged on the day it was closed or reported. */
export function standing(o: Judged, today: string, cal: StatutoryCalendar = STATUTORY): Standing {
  const due = dueDate(o.starts_on, o.workdays, cal);
  if ('problem' in due) return { due_on: null, overdue: null, days_overdue: 0, workdays_overdue: null, level: null, problem: due.problem };
  const settled = o.status === 'closed' || o.status === 'submitted';
  const on = settled && o.settled_on !== null && o.settled_on < today ? o.settled_on : today;
  if (on <= due.due_on) return { due_on: due.due_on, overdue: false, days_overdue: 0, workdays_overdue: 0, level: null, problem: null };
  const days = Math.round((time(on) - time(due.due_on)) / DAY);
  const gap = calendarGap(nextDay(due.due_on), on, cal);
  if (gap) return { due_on: due.due_on, overdue: true, days_overdue: days, workdays_overdue: null, level: null, problem: gap };
  const work = cal.workdaysBetween(nextDay(due.due_on), on)!;
  const level = [...o.escalation].filter((l) => work >= l.after_workdays).at(-1) ?? null;
  return { due_on: due.due_on, overdue: true, days_overdue: days, workdays_overdue: work, level, problem: null };
}

/** Whether an order was open at the end of `day`: created by then and not yet closed. */
export const openOn = (o: { created_on: string; closed_on: string | null }, day: string): boolean => o.created_on <= day && (o.closed_on === null || o.closed_on > day);
