// Month arithmetic on YYYY-MM strings. No clock: "now" is always passed in.
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

/** Date and time of instant `d` in China, as reports print it: 2026-11-23 16:05（北京时间）. */
export const chinaTime = (d: Date): string => `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 16)}（北京时间）`;

/** A quarter's months and the previous quarter's: what a quarterly circular ranks and compares against. */
export function quarterWindow(year: number, quarter: number): { months: string[]; before: string[] } {
  const prev = previousQuarter(year, quarter);
  return { months: monthsOfQuarter(year, quarter), before: monthsOfQuarter(prev.year, prev.quarter) };
}
