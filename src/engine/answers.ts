// The three shapes an answer may take: a bare value, {value, note}, or {status: not_applicable, reason}.
import type { Indicator } from '../rubric/model.js';
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

/**
 * How an indicator's answer is found and whether the unit's level alone decides it is asked, worked out once per
 * rubric: the evaluator (compile.ts) and the one-pass check (screen.ts) read every answer through it.
 */
export interface AnswerSlot {
  id: string;
  /**
   * The key to read the answer by. Ids such as "12" are array indices, which engines keep apart from named keys:
   * read by the number they are found at once, by the string they are parsed first on every read. The two are the
   * same key to JavaScript (obj[12] is obj["12"]).
   */
  key: string | number;
  /** An id that is also a name every object has (toString, constructor…): read only through answerFor. */
  inherited: boolean;
  /** Whether the indicator is for a unit of each level, looked up by the unit's level. */
  forLevel: Readonly<Record<UnitLevel, boolean>>;
  /** Whether only the unit's level can make it 不适用 before its answer is read (no county 不适用, no condition). */
  plain: boolean;
}

export function answerSlot(ind: Pick<Indicator, 'id' | 'levels' | 'countyNa' | 'when'>): AnswerSlot {
  return {
    id: ind.id,
    key: /^(0|[1-9][0-9]{0,8})$/.test(ind.id) ? Number(ind.id) : ind.id,
    inherited: ind.id in Object.prototype,
    forLevel: { county: ind.levels.includes('county'), township: ind.levels.includes('township'), village: ind.levels.includes('village') },
    plain: ind.countyNa === undefined && ind.when === undefined,
  };
}

/** The answer given at a slot (answerFor, without a lookup of the prototype for ordinary ids). */
export const answerAt = (answers: Readonly<Record<string | number, unknown>>, slot: AnswerSlot): unknown => (slot.inherited ? answerFor(answers, slot.id) : answers[slot.key]);
