// Whether a submission is wholly valid, in one linear pass: small Ajv functions compiled per rubric check the
// envelope (unit, period, facts, …) and each answer against its own check kind (answerSchema), within one loop over
// the rubric's indicators that also checks what a schema cannot (levels, conditions, exemptions, notes, facts, the
// calendar). It answers yes or no only; a submission it refuses is checked again by submission.ts, which phrases
// every problem as before. It never accepts what that check would refuse (tests/engine/screen.test.ts): anything it
// cannot decide it refuses.
import { compileQuickCheck, SCHEMAS } from '../schema/validate.js';
import { checkKind } from '../checks/index.js';
import { periodKindOf } from '../calendar/period.js';
import { STATUTORY, yearsOf } from '../calendar/workdays.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Submission } from '../schema/generated/submission.js';
import { answerAt, answerSlot, type AnswerSlot } from './answers.js';
import { oversized, stuffedEnvelope } from './bounds.js';
import { Conditions } from './conditions.js';
import { type AssessOptions, exemptIndicators } from './exemptions.js';
import { parametersFor } from './parameters.js';

interface Screen {
  /**
   * The submission's schema with answers only an object (each is checked below, by its own small function: one
   * function for the whole rubric grows too large for the JIT to optimise) and only the rubric's facts.
   */
  envelope: (data: unknown) => boolean;
  /** The two wrappers' own schemas, their value left to the indicator's check. */
  notApplicable: (data: unknown) => boolean;
  withNote: (data: unknown) => boolean;
  items: Array<AnswerSlot & {
    ind: Indicator;
    /** The answer's value against its kind's schema (AnswerValue for a kind without one); shared by equal schemas. */
    accepts: (value: unknown) => boolean;
    /** Whether the schema checks the answer's value (else the kind's validate does, and the answer's size). */
    typed: boolean;
    facts: readonly string[];
    calendar: boolean;
    /** What only the period shows of an answer (more weeks than the month has), for kinds that say. */
    inPeriod: ((value: unknown, period: string, path: string, indicator: string) => readonly unknown[]) | undefined;
  }>;
}

const SCREENS = new WeakMap<Rubric, Screen | number>();

/**
 * Compiling the rubric's schemas takes Ajv about as long as a few hundred full checks, so a rubric checked only a few
 * times (a CLI run, a test) is checked in full; from this many submissions on (a service, a bulk import) it is
 * compiled once and every later submission is screened.
 */
export const SCREEN_AFTER = 16;

function screenOf(rubric: Rubric): Screen {
  let s = SCREENS.get(rubric);
  if (typeof s !== 'object') SCREENS.set(rubric, (s = compileScreen(rubric)));
  return s;
}

/** Compiles the rubric's screen now (compileRubric: a rubric compiled on purpose is compiled whole). */
export const prepareScreen = (rubric: Rubric): void => void (compileQuickCheck && screenOf(rubric));

/** Whether submissionProblems may screen this rubric's submissions yet: counts the checks until it repays compiling. */
export function screening(rubric: Rubric): boolean {
  if (compileQuickCheck === null) return false;
  const s = SCREENS.get(rubric) ?? 0;
  if (typeof s === 'object') return true;
  SCREENS.set(rubric, s + 1);
  return s + 1 >= SCREEN_AFTER;
}

type Generic = { properties: Record<string, Record<string, unknown>>; definitions: Record<string, object> } & Record<string, unknown>;

function compileScreen(rubric: Rubric): Screen {
  const { $id: _id, $schema: _schema, ...generic } = SCHEMAS.submission as Generic;
  const definitions = generic.definitions;
  // Each distinct schema is compiled once (most booleans share one), with the definitions only where it refers to
  // them: compiling them along costs Ajv more than the schema itself.
  const compiled = new Map<string, (data: unknown) => boolean>();
  const compile = (schema: object) => {
    const key = JSON.stringify(schema);
    let fn = compiled.get(key);
    if (!fn) compiled.set(key, (fn = compileQuickCheck!(key.includes('"$ref"') ? { ...schema, definitions } : schema)));
    return fn;
  };
  // An indicator id the answers' key pattern refuses could never be answered validly: refuse any answer to it.
  const keyPattern = new RegExp((generic.properties.answers!.propertyNames as { pattern: string }).pattern, 'u');
  const never = () => false;
  const withNote = definitions.AnswerWithNote as { properties: Record<string, object> };
  return {
    envelope: compile({
      ...generic,
      properties: {
        ...generic.properties,
        answers: { type: 'object' },
        facts: {
          ...generic.properties.facts,
          properties: Object.fromEntries(
            Object.entries(rubric.facts).map(([name, f]) => [name, { type: f.integer ? 'integer' : 'number', ...(f.minimum !== undefined ? { minimum: f.minimum } : {}) }]),
          ),
          additionalProperties: false,
        },
      },
    }),
    notApplicable: compile(definitions.NotApplicableAnswer!),
    withNote: compile({ ...withNote, properties: { ...withNote.properties, value: {} } }),
    items: rubric.indicators.map((ind) => {
      const kind = checkKind(ind.check);
      // A kind's own schema admits only values AnswerValue admits too (a checklist object never has the wrappers' keys).
      const own = kind.answerSchema?.(ind.check);
      return {
        ind,
        ...answerSlot(ind),
        accepts: keyPattern.test(ind.id) ? compile(own ?? { $ref: '#/definitions/AnswerValue' }) : never,
        typed: own !== undefined,
        facts: kind.facts?.(ind.check) ?? [],
        calendar: kind.calendar?.(ind.check) ?? false,
        inPeriod: kind.inPeriod?.bind(kind, ind.check),
      };
    }),
  };
}

/** No case found: a judged amount of 0, or an empty list. */
export const isNone = (v: unknown): boolean => v === 0 || (Array.isArray(v) && v.length === 0);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when submissionProblems would find nothing wrong; false when it would, or may. Compiles the rubric's screen on first use. */
export function screen(rubric: Rubric, input: unknown, options?: AssessOptions): boolean {
  if (!isRecord(input) || stuffedEnvelope(rubric, input)) return false;
  const { envelope, notApplicable, withNote, items } = screenOf(rubric);
  if (!envelope(input)) return false;
  const sub = input as unknown as Submission;
  const level = sub.unit.level;
  if (sub.rubric !== rubric.id || !rubric.appliesTo.includes(level)) return false;
  if (periodKindOf(sub.period) !== rubric.period || parametersFor(rubric, sub.period).problems.length > 0) return false;
  // Scores the unit or the inspector wrote are rare: their rules stay with submission.ts.
  if ((sub.self_scores && Object.keys(sub.self_scores).length) || (sub.inspector_scores && Object.keys(sub.inspector_scores).length)) return false;
  const answers = sub.answers as Record<string | number, unknown>;
  // Every key must be one of the rubric's indicators: counted here, matched against those answered below. A key
  // too many is found without looking at what it holds, however many there are.
  const keys = Object.keys(answers).length;
  if (keys > items.length) return false;
  const facts = sub.facts ?? {};
  const exempt = exemptIndicators(rubric.byId, options);
  let conditions: Conditions | undefined;
  let calendar = false;
  let answered = 0;
  for (const item of items) {
    const { ind, forLevel, accepts, typed, plain, facts: needed, calendar: usesCalendar, inPeriod } = item;
    // An answer present but undefined (a caller's object, never JSON) is counted as a key and not as answered, so it
    // is left to the full check to phrase; one inherited (an id like toString) is no answer any kind accepts.
    const raw = answerAt(answers, item);
    if (raw === undefined) continue;
    answered++;
    const otherLevel = !forLevel[level];
    // The three shapes of an answer, told apart by their keys as readAnswer does.
    const record = isRecord(raw);
    if (record && raw.status !== undefined) {
      // 不适用 needs a reason that is more than blanks, and is allowed only where the rubric or the unit's standing allows it.
      if (!notApplicable(raw) || (raw.reason as string).trim() === '') return false;
      conditions ??= new Conditions(rubric, answers, level, exempt);
      if (ind.when && conditions.holds(ind.when) === true) return false;
      if (!ind.na && !otherLevel && !conditions.excluded(ind)) return false;
      continue;
    }
    if (otherLevel) return false;
    if (!plain || exempt.has(ind.id)) {
      conditions ??= new Conditions(rubric, answers, level, exempt);
      if (conditions.excluded(ind)) return false;
    }
    const wrapped = record && raw.value !== undefined;
    if (wrapped && !withNote(raw)) return false;
    const value = wrapped ? raw.value : raw;
    if (!accepts(value)) return false;
    if (!typed && (oversized(raw) || checkKind(ind.check).validate(ind.check, value, '', ind.id).length > 0)) return false;
    if (inPeriod && inPeriod(value, sub.period, '', ind.id).length > 0) return false;
    if (ind.deduct?.judged && !(wrapped && raw.note !== undefined) && !isNone(value)) return false;
    for (const f of needed) if (!(f in facts)) return false;
    if (usesCalendar) calendar = true;
  }
  if (answered !== keys) return false;
  return !calendar || yearsOf(sub.period).every((y) => STATUTORY.knows(y));
}
