// Times are shown in China time whatever the browser's zone: the records are the counties'.
import { chinaPeriod, previousMonth } from './engine/light.js';

const FORMAT = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** "2026-11-25 10:00" (China time) from an ISO instant. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = Object.fromEntries(FORMAT.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** This month in China. */
export const currentPeriod = (): string => chinaPeriod(new Date());

/** The `n` months up to and including `last`, oldest first. */
export function lastMonths(last: string, n: number): string[] {
  const out = [last];
  while (out.length < n) out.unshift(previousMonth(out[0]!));
  return out;
}

/** "2026-11" → "2026年11月". */
export const periodLabel = (p: string): string => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`;

/** Today's date in China, YYYY-MM-DD. */
export const chinaToday = (): string => chinaTime(new Date().toISOString()).slice(0, 10);
