// Open and overdue rectification orders beside a ranking or circular: per ranked unit, of the orders found in the
// report's period or before, those still open (and overdue) on the day the report is made. Pure: the counts come in
// from the service.
import type { Unit } from '../schema/generated/submission.js';

export interface RectificationCounts {
  /** The day the standing is judged on (China): the day the report is made. */
  as_of: string;
  units: Array<{ unit: Unit; open: number; overdue: number }>;
  totals: { open: number; overdue: number };
}

/** The report's units in its order, each with its counts (0 where it has none). */
export function rectificationCounts(units: ReadonlyArray<{ unit: Unit }>, counts: Readonly<Record<string, { open: number; overdue: number }>>, asOf: string): RectificationCounts {
  const rows = units.map(({ unit }) => ({ unit, open: counts[unit.code]?.open ?? 0, overdue: counts[unit.code]?.overdue ?? 0 }));
  return { as_of: asOf, units: rows, totals: { open: rows.reduce((n, r) => n + r.open, 0), overdue: rows.reduce((n, r) => n + r.overdue, 0) } };
}
