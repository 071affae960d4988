// Chinese wording shared by the check kinds.
import type { Comparator } from '../schema/generated/rubric.js';
import { describeValue } from '../errors.js';

export const OP_SYMBOL: Record<Comparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' };

/** Trims binary noise (0.1 + 0.2) without hiding real decimals. */
export const num = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

export const withUnit = (n: number, unit: string): string => (unit === '%' ? `${num(n)}%` : `${num(n)} ${unit}`);

export const typeProblemMessage = (indicator: string, want: string, value: unknown): string =>
  `指标 ${indicator} 需要${want}，实际为${describeValue(value)}`;

