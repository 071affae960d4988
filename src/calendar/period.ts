// Periods an assessment can cover: a month (2026-11), a quarter (2026-Q3) or a half year (2026-H1). Pure
// calendar arithmetic on their labels; no clock ("now" is always passed in).

export type PeriodKind = 'month' | 'quarter' | 'half_year';

export const PERIOD_KIND_ZH: Readonly<Record<PeriodKind, string>> = { month: '月', quarter: '季度', half_year: '半年' };
/** How each kind is written, for messages. */
export const PERIOD_FORMAT: Readonly<Record<PeriodKind, string>> = { month: 'YYYY-MM，如 2026-11', quarter: 'YYYY-Qn，如 2026-Q3', half_year: 'YYYY-Hn，如 2026-H1' };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const HALF = /^(\d{4})-H([12])$/;

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–12, 1–4 or 1–2. */
  index: number;
}

export function parsePeriod(label: string): Period | null {
  let m = MONTH.exec(label);
  if (m) return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  m = QUARTER.exec(label);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = HALF.exec(label);
  if (m) return { kind: 'half_year', year: Number(m[1]), index: Number(m[2]) };
  return null;
}

export const periodKindOf = (label: string): PeriodKind | null => parsePeriod(label)?.kind ?? null;

export function formatPeriod(p: Period): string {
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  return `${p.year}-${p.kind === 'quarter' ? 'Q' : 'H'}${p.index}`;
}

const PER_YEAR: Readonly<Record<PeriodKind, number>> = { month: 12, quarter: 4, half_year: 2 };
const MONTHS: Readonly<Record<PeriodKind, number>> = { month: 1, quarter: 3, half_year: 6 };

export const periodsPerYear = (kind: PeriodKind): number => PER_YEAR[kind];

/** Every period of a kind in a year, in order. */
export const periodsOfYear = (kind: PeriodKind, year: number): string[] =>
  Array.from({ length: PER_YEAR[kind] }, (_, i) => formatPeriod({ kind, year, index: i + 1 }));

export function previousPeriod(label: string): string {
  const p = parsePeriod(label);
  if (!p) throw new Error(`not a period: ${label}`);
  return formatPeriod(p.index === 1 ? { ...p, year: p.year - 1, index: PER_YEAR[p.kind] } : { ...p, index: p.index - 1 });
}

/** The months a period covers, in order. */
export function monthsOf(label: string): string[] {
  const p = parsePeriod(label);
  if (!p) throw new Error(`not a period: ${label}`);
  const first = (p.index - 1) * MONTHS[p.kind] + 1;
  return Array.from({ length: MONTHS[p.kind] }, (_, i) => `${p.year}-${String(first + i).padStart(2, '0')}`);
}

/** First and last day of a period, as ISO dates. */
export function periodDays(label: string): { first: string; last: string } {
  const months = monthsOf(label);
  const [y, m] = months.at(-1)!.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${months[0]}-01`, last: `${months.at(-1)}-${String(lastDay).padStart(2, '0')}` };
}

/** The period of a kind that holds a month. */
export function periodOfMonth(kind: PeriodKind, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return formatPeriod({ kind, year: y, index: Math.floor((m - 1) / MONTHS[kind]) + 1 });
}

/** A period in words: 2026年11月, 2026年第三季度, 2026年上半年. */
export function periodZh(label: string): string {
  const p = parsePeriod(label);
  if (!p) return label;
  if (p.kind === 'month') return `${p.year}年${p.index}月`;
  if (p.kind === 'quarter') return `${p.year}年第${'一二三四'[p.index - 1]}季度`;
  return `${p.year}年${p.index === 1 ? '上' : '下'}半年`;
}
