// The statutory calendar: weekdays, weeks and working days in a period. Working days follow the State
// Council's yearly notice (holidays, and the weekend days made working days by 调休), kept as data, one file a
// year citing its notice. A year without its file is refused, never guessed.
import cn2025 from './data/cn-2025.json' with { type: 'json' };
import cn2026 from './data/cn-2026.json' with { type: 'json' };
import { periodDays } from './period.js';

export interface HolidayYear {
  year: number;
  notice: string;
  issued: string;
  source: string;
  holidays: ReadonlyArray<{ name: string; from: string; to: string }>;
  /** Weekend days that are working days (调休上班). */
  workdays: readonly string[];
}

export const BUNDLED_YEARS: readonly HolidayYear[] = [cn2025, cn2026];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_ZH: Readonly<Record<Weekday, string>> = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' };

const DAY = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t: number) => new Date(t).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday. */
const weekdayIndex = (t: number) => (new Date(t).getUTCDay() + 6) % 7;

/** Day-by-day facts of the years the calendar knows. */
export class StatutoryCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly makeUp = new Set<string>();
  private readonly years = new Map<number, HolidayYear>();

  constructor(years: readonly HolidayYear[] = BUNDLED_YEARS) {
    for (const y of years) {
      this.years.set(y.year, y);
      for (const h of y.holidays) for (let t = toTime(h.from); t <= toTime(h.to); t += DAY) this.holidays.set(toIso(t), h.name);
      for (const d of y.workdays) this.makeUp.add(d);
    }
  }

  knows(year: number): boolean {
    return this.years.has(year);
  }

  knownYears(): number[] {
    return [...this.years.keys()].sort();
  }

  year(year: number): HolidayYear | undefined {
    return this.years.get(year);
  }

  /** The holiday a day falls in, if any. */
  holiday(iso: string): string | undefined {
    return this.holidays.get(iso);
  }

  /** A working day: Monday to Friday outside the holidays, or a 调休 make-up day. Undefined for an unknown year. */
  isWorkday(iso: string): boolean | undefined {
    if (!this.knows(Number(iso.slice(0, 4)))) return undefined;
    if (this.makeUp.has(iso)) return true;
    return weekdayIndex(toTime(iso)) < 5 && !this.holidays.has(iso);
  }

  /** Working days from `first` to `last`, both included; undefined when a year in between is unknown. */
  workdaysBetween(first: string, last: string): number | undefined {
    let n = 0;
    for (let t = toTime(first); t <= toTime(last); t += DAY) {
      const w = this.isWorkday(toIso(t));
      if (w === undefined) return undefined;
      if (w) n++;
    }
    return n;
  }

  /**
   * The day `n` working days after `from`, counting from the day after it (限时办结: 从受理之次日起计算);
   * undefined when it would fall in (or pass through) a year the calendar does not know.
   */
  addWorkdays(from: string, n: number): string | undefined {
    let t = toTime(from);
    for (let left = n; left > 0; ) {
      t += DAY;
      const w = this.isWorkday(toIso(t));
      if (w === undefined) return undefined;
      if (w) left--;
    }
    return toIso(t);
  }
}

export const STATUTORY = new StatutoryCalendar();

/** The years a period touches. */
export const yearsOf = (period: string): number[] => {
  const { first, last } = periodDays(period);
  const a = Number(first.slice(0, 4));
  const b = Number(last.slice(0, 4));
  return a === b ? [a] : [a, b];
};

/** How many times the named weekdays fall in the period (optionally leaving out statutory holidays). */
export function weekdaysIn(period: string, days: readonly Weekday[], exceptHolidays = false, cal: StatutoryCalendar = STATUTORY): number | undefined {
  const want = new Set(days.map((d) => WEEKDAYS.indexOf(d)));
  const { first, last } = periodDays(period);
  let n = 0;
  for (let t = toTime(first); t <= toTime(last); t += DAY) {
    if (!want.has(weekdayIndex(t))) continue;
    if (exceptHolidays) {
      const iso = toIso(t);
      if (!cal.knows(Number(iso.slice(0, 4)))) return undefined;
      if (cal.holiday(iso)) continue;
    }
    n++;
  }
  return n;
}

/**
 * Calendar weeks (Monday–Sunday) of a period. A week split between two periods belongs to the one holding its
 * Thursday, i.e. most of its days (the ISO 8601 rule), so every week is counted exactly once in a year's periods.
 */
export function weeksIn(period: string): number {
  const { first, last } = periodDays(period);
  let n = 0;
  for (let t = toTime(first); t <= toTime(last); t += DAY) if (weekdayIndex(t) === 3) n++;
  return n;
}

export function workdaysIn(period: string, cal: StatutoryCalendar = STATUTORY): number | undefined {
  const { first, last } = periodDays(period);
  return cal.workdaysBetween(first, last);
}
