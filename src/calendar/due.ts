// How often a frequency falls due in a period, on the real calendar: named weekdays as they fall, calendar weeks
// (a week belongs to the period holding its Thursday), months, or statutory working days.
import type { FrequencyBasis } from '../checks/model.js';
import { monthsOf } from './period.js';
import { STATUTORY, weekdaysIn, weeksIn, workdaysIn } from './workdays.js';

/**
 * Counts already made, per basis (a rubric's own frequency object) and period: counting walks the period day by day,
 * some microseconds, and the same few periods are asked for with every submission, by its check, its evaluation and
 * the one-pass screen. Only what the calendar knows is kept (a year without its notice may be added later); a basis
 * asked for in many periods starts afresh rather than grow without bound.
 */
const counted = new WeakMap<FrequencyBasis, Map<string, number>>();
const MAX_PERIODS = 512;

/** How often a frequency falls due in the period; undefined when the calendar lacks a year it needs. */
export function dueIn(period: string, basis: FrequencyBasis): number | undefined {
  let byPeriod = counted.get(basis);
  let n = byPeriod?.get(period);
  if (n !== undefined) return n;
  n = count(period, basis);
  if (n !== undefined) {
    if (!byPeriod || byPeriod.size >= MAX_PERIODS) counted.set(basis, (byPeriod = new Map()));
    byPeriod.set(period, n);
  }
  return n;
}

function count(period: string, basis: FrequencyBasis): number | undefined {
  if ('on' in basis) return weekdaysIn(period, basis.on, basis.exceptHolidays, STATUTORY);
  if (basis.per === 'week') return weeksIn(period);
  if (basis.per === 'month') return monthsOf(period).length;
  return workdaysIn(period, STATUTORY);
}
