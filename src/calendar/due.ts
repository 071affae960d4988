// How often a frequency falls due in a period, on the real calendar: named weekdays as they fall, calendar weeks
// (a week belongs to the period holding its Thursday), months, or statutory working days.
import type { FrequencyBasis } from '../checks/model.js';
import { monthsOf } from './period.js';
import { STATUTORY, weekdaysIn, weeksIn, workdaysIn } from './workdays.js';

/** How often a frequency falls due in the period; undefined when the calendar lacks a year it needs. */
export function dueIn(period: string, basis: FrequencyBasis): number | undefined {
  if ('on' in basis) return weekdaysIn(period, basis.on, basis.exceptHolidays, STATUTORY);
  if (basis.per === 'week') return weeksIn(period);
  if (basis.per === 'month') return monthsOf(period).length;
  return workdaysIn(period, STATUTORY);
}
