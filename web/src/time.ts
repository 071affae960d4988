// Times are shown in China time whatever the browser's zone: the records are the counties'. Periods are a rubric's:
// a month (2026-11), a quarter (2026-Q3) or a half year (2026-H1).
import { chinaPeriodOf, type PeriodKind, periodZh, previousPeriod } from './engine/light.js';

const FORMAT = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** "2026-11-25 10:00" (China time) from an ISO instant. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = Object.fromEntries(FORMAT.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** This month in China, or this quarter or half year for a rubric assessed by them. */
export const currentPeriod = (kind: PeriodKind = 'month'): string => chinaPeriodOf(kind, new Date());

/** The `n` periods up to and including `last`, of its kind, oldest first. */
export function lastPeriods(last: string, n: number): string[] {
  const out = [last];
  while (out.length < n) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** "2026-11" → "2026年11月", "2026-Q3" → "2026年第三季度", "2026-H1" → "2026年上半年". */
export const periodLabel = (p: string): string => periodZh(p);

/** Today's date in China, YYYY-MM-DD. */
export const chinaToday = (): string => chinaTime(new Date().toISOString()).slice(0, 10);
