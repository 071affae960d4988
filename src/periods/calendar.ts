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

/** The month it is at instant `d` in China (UTC+8, no daylight saving), where the counties are. */
export const chinaPeriod = (d: Date): string => periodOf(new Date(d.getTime() + 8 * 3600_000));

/** A quarter's months and the previous quarter's: what a quarterly circular ranks and compares against. */
export function quarterWindow(year: number, quarter: number): { months: string[]; before: string[] } {
  const prev = previousQuarter(year, quarter);
  return { months: monthsOfQuarter(year, quarter), before: monthsOfQuarter(prev.year, prev.quarter) };
}

/**
 * The stated ranking rule of every circular: best first by `key` (highest or lowest is best), units without a
 * value last, equal values listed by unit code; with their competition ranks. One function, so the order the rows
 * are listed in and the ranks they are given can never disagree.
 */
export function rankBy<T extends { unit: { code: string } }>(rows: readonly T[], key: (t: T) => number | null, best: 'highest' | 'lowest'): Array<{ rank: number; row: T }> {
  const sign = best === 'highest' ? -1 : 1;
  const sorted = [...rows].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0) || x.unit.code.localeCompare(y.unit.code);
    return sign * (a - b) || x.unit.code.localeCompare(y.unit.code);
  });
  const ranks = competitionRanks(sorted, key);
  return sorted.map((row, i) => ({ rank: ranks[i]!, row }));
}

/** Competition ranking over a sorted list: equal keys share a rank and the next rank is skipped (1, 2, 2, 4). */
export function competitionRanks<T>(sorted: readonly T[], key: (t: T) => number | null): number[] {
  const ranks: number[] = [];
  sorted.forEach((t, i) => ranks.push(i > 0 && key(sorted[i - 1]!) === key(t) ? ranks[i - 1]! : i + 1));
  return ranks;
}
