// The three shapes an answer may take: a bare value, {value, note}, or {status: not_applicable, reason}.
import type { UnitLevel } from '../schema/generated/rubric.js';

export type Answer =
  | { kind: 'value'; value: unknown; note?: string }
  | { kind: 'not_applicable'; reason: string; note?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function readAnswer(raw: unknown): Answer {
  if (isRecord(raw) && raw.status === 'not_applicable') {
    return { kind: 'not_applicable', reason: String(raw.reason ?? ''), ...(typeof raw.note === 'string' ? { note: raw.note } : {}) };
  }
  if (isRecord(raw) && 'value' in raw) {
    return { kind: 'value', value: raw.value, ...(typeof raw.note === 'string' ? { note: raw.note } : {}) };
  }
  return { kind: 'value', value: raw };
}

/**
 * The answer given for an indicator: the submission's own key only. An id may be any the rubric language allows,
 * toString and constructor included, and every object has those through its prototype: they are no answers.
 */
export const answerFor = (answers: Readonly<Record<string, unknown>> | undefined, id: string): unknown =>
  answers !== undefined && Object.hasOwn(answers, id) ? answers[id] : undefined;

/** Whether an id is also a name every object has (toString, constructor…): read only through answerFor. */
export const inherited = (id: string): boolean => id in Object.prototype;

/**
 * The key to read an indicator's answer by. Ids such as "12" are array indices, which engines keep apart from named
 * keys: read by the number they are found at once, by the string they are parsed first on every read. The two are the
 * same key to JavaScript (obj[12] is obj["12"]).
 */
export const answerKey = (id: string): string | number => (/^(0|[1-9][0-9]{0,8})$/.test(id) ? Number(id) : id);

/** Whether an indicator is for a unit of each level, looked up by the unit's level. */
export const levelsOf = (ind: { levels: readonly UnitLevel[] }): Readonly<Record<UnitLevel, boolean>> => ({
  county: ind.levels.includes('county'),
  township: ind.levels.includes('township'),
  village: ind.levels.includes('village'),
});
