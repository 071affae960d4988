// Answers made of named non-negative counts ({yellow: 1, red: 0}): shared by tally, ratio and mean.
import type { Problem } from '../errors.js';
import type { NamedItem } from './model.js';
import type { FieldSpec, Get, Put } from './types.js';
import { typeProblemMessage } from './words.js';

/** Every named count present as a non-negative integer, and nothing else. */
export function countProblems(items: readonly NamedItem[], value: unknown, path: string, indicator: string, unit: string): Problem[] {
  const want = `各项次数的对象（${items.map((i) => `${i.id}：${i.label}`).join('；')}）`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
  const obj = value as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const item of items) {
    const v = obj[item.id];
    if (v === undefined) problems.push({ code: 'INCOMPLETE_CHECKLIST', path: `${path}/${item.id}`, indicator, message: `指标 ${indicator} 缺少“${item.label}”（${item.id}）的数目` });
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      problems.push({ code: 'WRONG_TYPE', path: `${path}/${item.id}`, indicator, message: typeProblemMessage(indicator, `“${item.label}”的数目（非负整数，单位：${unit}）`, v) });
    }
  }
  for (const k of Object.keys(obj)) {
    if (!items.some((i) => i.id === k)) problems.push({ code: 'UNKNOWN_ITEM', path: `${path}/${k}`, indicator, message: `指标 ${indicator} 没有“${k}”这一项，应为：${items.map((i) => `${i.id}（${i.label}）`).join('、')}` });
  }
  return problems;
}

export const countFields = (items: readonly NamedItem[], unit: string): FieldSpec[] =>
  items.map((i) => ({ path: [i.id], label: i.label, input: { type: 'number', unit, min: 0, integer: true } }));

/** The counts object from its cells; a partly filled one keeps only what was filled, so validation names the rest. */
export function assembleCounts(items: readonly NamedItem[], get: Get): Record<string, unknown> | undefined {
  const filled = items.filter((i) => get([i.id]) !== undefined);
  return filled.length === 0 ? undefined : Object.fromEntries(filled.map((i) => [i.id, get([i.id])]));
}

export function splitCounts(items: readonly NamedItem[], value: unknown, put: Put): void {
  const obj = value as Record<string, number>;
  for (const i of items) if (obj[i.id] !== undefined) put([i.id], obj[i.id]);
}

export const countsText = (items: readonly NamedItem[], counts: Readonly<Record<string, number>>, unit: string): string =>
  items.map((i) => `${i.label} ${counts[i.id] ?? 0} ${unit}`).join('、');
