// Periods an assessment can cover: a month (2026-11), a quarter (2026-Q3) or a half year (2026-H1). Pure
// calendar arithmetic on their labels; no clock ("now" is always passed in).

export type PeriodKind = 'month' | 'quarter' | 'half_year';

export const PERIOD_KIND_ZH: Readonly<Record<PeriodKind, string>> = { month: '月', quarter: '季度', half_year: '半年' };
/** The pattern and an example of each kind, for prompts that put them in their own words. */
export const PERIOD_PATTERN: Readonly<Record<PeriodKind, { pattern: string; example: string }>> = {
  month: { pattern: 'YYYY-MM', example: '2026-11' },
  quarter: { pattern: 'YYYY-Qn', example: '2026-Q3' },
  half_year: { pattern: 'YYYY-Hn', example: '2026-H1' },
};
/** How each kind is written, for messages: YYYY-Qn，如 2026-Q3. */
export const PERIOD_FORMAT: Readonly<Record<PeriodKind, string>> = Object.fromEntries(
  Object.entries(PERIOD_PATTERN).map(([kind, { pattern, example }]) => [kind, `${pattern}，如 ${example}`]),
) as Record<PeriodKind, string>;

/**
 * The words reports use for a rubric's periods, so a rule or a column never says 月份 of a quarter. `unit` counts
 * periods (已考核月份, 缺考季度); `each` is every period of a span (各月); `previous` the period before, as a column
 * heading says it (较上月): for half years 上期, since the period before 上半年 is last year's 下半年, not a 上半年;
 * `ranking` names a period's ranking (月度排名).
 */
export interface PeriodWords {
  unit: string;
  each: string;
  previous: string;
  ranking: string;
}
export const PERIOD_WORDS: Readonly<Record<PeriodKind, PeriodWords>> = {
  month: { unit: '月份', each: '各月', previous: '上月', ranking: '月度排名' },
  quarter: { unit: '季度', each: '各季度', previous: '上季度', ranking: '季度排名' },
  half_year: { unit: '半年', each: '各半年', previous: '上期', ranking: '半年排名' },
};

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

const QUARTER_ZH = '一二三四';
const HALF_ZH = '上下';

/** A period in words: 2026年11月, 2026年第三季度, 2026年上半年. */
export function periodZh(label: string): string {
  const p = parsePeriod(label);
  if (!p) return label;
  if (p.kind === 'month') return `${p.year}年${p.index}月`;
  if (p.kind === 'quarter') return `${p.year}年第${QUARTER_ZH[p.index - 1]}季度`;
  return `${p.year}年${HALF_ZH[p.index - 1]}半年`;
}

/** A period within its year, as a column heading says it: 11月, 第三季度, 上半年. */
export const periodShort = (label: string): string => periodListZh([label]);

/**
 * Periods of one year as people write them: 4、5、7、12月; 第一、三季度; 上、下半年. Labels of several kinds or
 * years, or not periods at all, are listed as they are.
 */
export function periodListZh(labels: readonly string[]): string {
  if (labels.length === 0) return '';
  const ps = labels.map(parsePeriod);
  const first = ps[0];
  if (!first || ps.some((p) => !p || p.kind !== first.kind || p.year !== first.year)) return labels.join('、');
  const indices = (ps as Period[]).map((p) => p.index);
  if (first.kind === 'month') return `${indices.join('、')}月`;
  if (first.kind === 'quarter') return `第${indices.map((i) => QUARTER_ZH[i - 1]).join('、')}季度`;
  return `${indices.map((i) => HALF_ZH[i - 1]).join('、')}半年`;
}

/** The period of a kind that holds a period of any kind, by its last month: 2026-08 is in 2026-Q3 and 2026-H2. */
export const periodHolding = (kind: PeriodKind, label: string): string => periodOfMonth(kind, monthsOf(label).at(-1)!);
