// Orders as people read them: each with its deadline and standing on a day (overdue, by how many days, which
// escalation level), the county's 整改台账 (per unit: open, overdue and closed orders), and the open and overdue
// counts the county ranking and the quarterly circular print. Pure: the day is passed in.
import { STATUTORY, type StatutoryCalendar } from '../calendar/workdays.js';
import type { ExemptionRecord, OrderRecord } from '../domain/rectification.js';
import { ORDER_STATUS_ZH } from '../domain/rectification.js';
import type { UnitRecord } from '../domain/units.js';
import { chinaDate, openOn, type Standing, standing } from './deadline.js';
import { periodDays } from '../calendar/period.js';

export interface OrderView extends OrderRecord, Standing {
  status_label: string;
  unit_name: string;
  /** A valid exemption (暂缓/豁免) on the indicator suspends the order: it is not overdue while that holds. */
  exempted: { id: string; kind: ExemptionRecord['kind']; expires_on: string } | null;
}

/** The exemption of the order's unit and indicator that holds on `day`, if any. */
export function holdingExemption(o: Pick<OrderRecord, 'unit' | 'rubric' | 'indicator'>, exemptions: readonly ExemptionRecord[], day: string): ExemptionRecord | undefined {
  return exemptions.find((e) => e.unit === o.unit && e.rubric === o.rubric && e.indicator === o.indicator && exemptionHolds(e, day));
}

/** Whether an exemption holds on a day: started, not expired, and not revoked by then. */
export const exemptionHolds = (e: ExemptionRecord, day: string): boolean =>
  e.starts_on <= day && day <= e.expires_on && (e.revoked_at === null || chinaDate(new Date(e.revoked_at)) > day);

/** The day the unit's part was done: closed, or reported and awaiting review (the submit is the order's last change). */
const settledOn = (o: OrderRecord): string | null => (o.status === 'closed' && o.closed_at ? chinaDate(new Date(o.closed_at)) : o.status === 'submitted' ? chinaDate(new Date(o.updated_at)) : null);

export function orderView(o: OrderRecord, unitName: string, day: string, exemptions: readonly ExemptionRecord[], cal: StatutoryCalendar = STATUTORY): OrderView {
  const s = standing({ starts_on: o.starts_on, workdays: o.workdays, escalation: o.escalation, status: o.status, settled_on: settledOn(o) }, day, cal);
  const ex = o.status === 'closed' ? undefined : holdingExemption(o, exemptions, day);
  const suspended = ex ? { overdue: s.overdue === null ? null : false, level: null } : {};
  return { ...o, ...s, ...suspended, status_label: ORDER_STATUS_ZH[o.status], unit_name: unitName, exempted: ex ? { id: ex.id, kind: ex.kind, expires_on: ex.expires_on } : null };
}

export interface LedgerUnit {
  unit: Pick<UnitRecord, 'code' | 'name' | 'level'>;
  open: number;
  overdue: number;
  closed: number;
  orders: OrderView[];
}

export interface RectificationLedger {
  county: { code: string; name: string };
  rubric: { id: string; title: string } | null;
  /** The day the standing is judged on (China). */
  as_of: string;
  totals: { open: number; overdue: number; closed: number; levels: Array<{ id: string; label: string; count: number }> };
  units: LedgerUnit[];
  /** Deadlines that could not be worked out (a year without its holiday notice), once each. */
  calendar_problems: string[];
}

/** Open: not closed. Overdue: open and past its deadline (and not suspended by an exemption). */
export function buildLedger(views: readonly OrderView[], units: readonly UnitRecord[], county: { code: string; name: string }, rubric: { id: string; title: string } | null, asOf: string): RectificationLedger {
  const byUnit = new Map<string, OrderView[]>();
  for (const v of views) byUnit.set(v.unit, [...(byUnit.get(v.unit) ?? []), v]);
  const rows: LedgerUnit[] = [];
  for (const u of units) {
    const orders = byUnit.get(u.code);
    if (!orders) continue;
    // Open first, most overdue first; then the closed ones, latest first.
    orders.sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || b.days_overdue - a.days_overdue || a.period.localeCompare(b.period) || a.indicator.localeCompare(b.indicator, 'zh-CN', { numeric: true }));
    rows.push({ unit: { code: u.code, name: u.name, level: u.level }, open: orders.filter((o) => o.status !== 'closed').length, overdue: orders.filter(isOverdue).length, closed: orders.filter((o) => o.status === 'closed').length, orders });
  }
  const levels = new Map<string, { id: string; label: string; count: number }>();
  for (const v of views) if (isOverdue(v) && v.level) levels.set(v.level.id, { id: v.level.id, label: v.level.label, count: (levels.get(v.level.id)?.count ?? 0) + 1 });
  return {
    county,
    rubric,
    as_of: asOf,
    totals: { open: rows.reduce((n, r) => n + r.open, 0), overdue: rows.reduce((n, r) => n + r.overdue, 0), closed: rows.reduce((n, r) => n + r.closed, 0), levels: [...levels.values()] },
    units: rows,
    calendar_problems: [...new Set(views.flatMap((v) => (v.problem ? [v.problem] : [])))],
  };
}

export const isOverdue = (v: OrderView): boolean => v.status !== 'closed' && v.overdue === true;

export interface UnitCounts {
  open: number;
  overdue: number;
}

/**
 * Per unit, of the orders found in periods that began by `upTo` (a report's last day), those open and overdue on `day`
 * (the day the report is made): what the findings up to that report still ask for.
 */
export function countsOn(orders: readonly OrderRecord[], exemptions: readonly ExemptionRecord[], upTo: string, day: string, cal: StatutoryCalendar = STATUTORY): Record<string, UnitCounts> {
  const out: Record<string, UnitCounts> = {};
  for (const o of orders) {
    if (periodDays(o.period).first > upTo) continue;
    const closedOn = o.closed_at ? chinaDate(new Date(o.closed_at)) : null;
    if (!openOn({ created_on: chinaDate(new Date(o.created_at)), closed_on: closedOn }, day)) continue;
    const c = (out[o.unit] ??= { open: 0, overdue: 0 });
    c.open++;
    const s = standing({ starts_on: o.starts_on, workdays: o.workdays, escalation: o.escalation, status: o.status, settled_on: settledOn(o) }, day, cal);
    if (s.overdue === true && !holdingExemption(o, exemptions, day)) c.overdue++;
  }
  return out;
}
