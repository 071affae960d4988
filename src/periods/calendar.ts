// Period arithmetic for reports on YYYY-MM, YYYY-Qn and YYYY-Hn labels. No clock: "now" is always passed in.
import { PERIOD_FORMAT, PERIOD_KIND_ZH, periodOfMonth, periodsOfYear, type PeriodKind, periodKindOf } from '../calendar/period.js';
import { AuditError } from '../errors.js';

export const monthsOfQuarter = (year: number, quarter: number): string[] =>
  [0, 1, 2].map((i) => `${year}-${String((quarter - 1) * 3 + 1 + i).padStart(2, '0')}`);

export const monthsOfYear = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

export function previousQuarter(year: number, quarter: number): { year: number; quarter: number } {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const periodOf = (d: Date): string => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The month it is at instant `d` in China (UTC+8, no daylight saving), where the counties are. */
export const chinaPeriod = (d: Date): string => periodOf(new Date(d.getTime() + CHINA_OFFSET_MS));

/** The period of a kind it is at instant `d` in China: the month, quarter or half year an inspection is recorded for. */
export const chinaPeriodOf = (kind: PeriodKind, d: Date): string => periodOfMonth(kind, chinaPeriod(d));

/** Date and time of instant `d` in China, as reports print it: 2026-11-23 16:05（北京时间）. */
export const chinaTime = (d: Date): string => `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 16)}（北京时间）`;

/** The first and last period of a kind in a year: the range a year's records are read with. */
export function yearRange(kind: PeriodKind, year: number): { from: string; to: string } {
  const all = periodsOfYear(kind, year);
  return { from: all[0]!, to: all.at(-1)! };
}

/**
 * A quarter's periods and the previous quarter's: what a quarterly circular ranks and compares against. A monthly
 * rubric's quarter is its three months; a quarterly rubric's is the quarter itself. A half-yearly rubric has no
 * quarterly circular: its ranking is the half year's (the county ranking of YYYY-H1 or YYYY-H2), and asking for a
 * quarter is refused saying so.
 */
export function quarterWindow(year: number, quarter: number, rubric: { title: string; period: PeriodKind }): { months: string[]; before: string[] } {
  const prev = previousQuarter(year, quarter);
  const kind = rubric.period;
  if (kind === 'month') return { months: monthsOfQuarter(year, quarter), before: monthsOfQuarter(prev.year, prev.quarter) };
  if (kind === 'quarter') return { months: [`${year}-Q${quarter}`], before: [`${prev.year}-Q${prev.quarter}`] };
  const message = `评分标准“${rubric.title}”按半年考核，没有季度通报：请看半年的考核排名（${year}年上半年为 ${year}-H1，下半年为 ${year}-H2）或年度累计`;
  throw new AuditError('BAD_REQUEST', message, [{ code: 'PERIOD_KIND', path: '/quarter', message }]);
}

/** Refuses a period that is not of the rubric's kind, saying how the rubric's periods are written. */
export function requirePeriodKind(rubric: { title: string; period: PeriodKind }, label: string, path: string): void {
  if (periodKindOf(label) === rubric.period) return;
  const message = `评分标准“${rubric.title}”按${PERIOD_KIND_ZH[rubric.period]}考核，期间应写作 ${PERIOD_FORMAT[rubric.period]}（实际为“${label}”）`;
  throw new AuditError('BAD_REQUEST', message, [{ code: 'PERIOD_KIND', path, message }]);
}
