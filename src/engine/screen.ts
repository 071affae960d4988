// Whether a submission is wholly valid, in one linear pass: one Ajv function compiled per rubric checks the shape of
// everything and every answer against its own check kind (answerSchema), then one loop over the answered indicators
// checks what a schema cannot (levels, conditions, exemptions, notes, facts, the calendar). It answers yes or no
// only; a submission it refuses is checked again by submission.ts, which phrases every problem as before. It never
// accepts what that check would refuse (tests/engine/screen.test.ts): anything it cannot decide it refuses.
import { compileQuickCheck, SCHEMAS } from '../schema/validate.js';
import { checkKind } from '../checks/index.js';
import { periodKindOf } from '../calendar/period.js';
import { STATUTORY, yearsOf } from '../calendar/workdays.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Submission } from '../schema/generated/submission.js';
import { oversized, stuffedEnvelope } from './bounds.js';
import { Conditions } from './conditions.js';
import { type AssessOptions, exemptIndicators } from './exemptions.js';
import { parametersFor } from './parameters.js';

interface Screen {
  /** The rubric's own submission schema: only its indicators as answers, each of its kind; only its facts. */
  schema: (data: unknown) => boolean;
  items: Array<{
    ind: Indicator;
    /** Whether the schema checks the answer's value (else the kind's validate does, and the answer's size). */
    typed: boolean;
    /** Whether only the unit's level can make it 不适用 (no county 不适用, no condition). */
    plain: boolean;
    facts: readonly string[];
    calendar: boolean;
  }>;
}

const SCREENS = new WeakMap<Rubric, Screen | number>();

/**
 * Compiling the rubric's schema takes Ajv about as long as a few hundred full checks, so a rubric checked only a few
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

function compileScreen(rubric: Rubric): Screen {
  const generic = SCHEMAS.submission as { properties: Record<string, Record<string, unknown>>; definitions: object } & Record<string, unknown>;
  const { $id: _id, $schema: _schema, ...rest } = generic;
  const answer = (ind: Indicator): object => {
    const own = checkKind(ind.check).answerSchema?.(ind.check);
    // A kind's own schema admits only values AnswerValue admits too (a checklist object never has the wrappers' keys).
    const value = own ?? { $ref: '#/definitions/AnswerValue' };
    // The wrapper is told by its keys, as readAnswer does: no union whose failed branches Ajv would have to record.
    return {
      if: { type: 'object', required: ['status'] },
      then: { $ref: '#/definitions/NotApplicableAnswer' },
      else: { if: { type: 'object', required: ['value'] }, then: { allOf: [{ $ref: '#/definitions/AnswerWithNote' }, { properties: { value } }] }, else: value },
    };
  };
  // One definition per distinct answer schema (most booleans share one), each compiled once as its own function:
  // referenced, not inlined, so the rubric's function stays small enough for the JIT to optimise.
  const shapes = new Map<string, string>();
  const definitions: Record<string, object> = { ...(generic.definitions as Record<string, object>) };
  const ref = (ind: Indicator) => {
    const shape = JSON.stringify(answer(ind));
    let name = shapes.get(shape);
    if (!name) {
      shapes.set(shape, (name = `Answer${shapes.size}`));
      definitions[name] = JSON.parse(shape) as object;
    }
    return { $ref: `#/definitions/${name}` };
  };
  const schema = {
    ...rest,
    definitions,
    properties: {
      ...generic.properties,
      answers: {
        ...generic.properties.answers,
        properties: Object.fromEntries(rubric.indicators.map((ind) => [ind.id, ref(ind)])),
        additionalProperties: false,
      },
      facts: {
        ...generic.properties.facts,
        properties: Object.fromEntries(
          Object.entries(rubric.facts).map(([name, f]) => [name, { type: f.integer ? 'integer' : 'number', ...(f.minimum !== undefined ? { minimum: f.minimum } : {}) }]),
        ),
        additionalProperties: false,
      },
    },
  };
  return {
    schema: compileQuickCheck!(schema),
    items: rubric.indicators.map((ind) => {
      const kind = checkKind(ind.check);
      return {
        ind,
        typed: kind.answerSchema !== undefined,
        plain: ind.countyNa === undefined && ind.when === undefined,
        facts: kind.facts?.(ind.check) ?? [],
        calendar: kind.calendar?.(ind.check) ?? false,
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
  const { schema, items } = screenOf(rubric);
  if (!schema(input)) return false;
  const sub = input as unknown as Submission;
  const level = sub.unit.level;
  if (sub.rubric !== rubric.id || !rubric.appliesTo.includes(level)) return false;
  if (periodKindOf(sub.period) !== rubric.period || parametersFor(rubric, sub.period).problems.length > 0) return false;
  // Scores the unit or the inspector wrote are rare: their rules stay with submission.ts.
  if ((sub.self_scores && Object.keys(sub.self_scores).length) || (sub.inspector_scores && Object.keys(sub.inspector_scores).length)) return false;
  const answers = sub.answers as Record<string, unknown>;
  const facts = sub.facts ?? {};
  const exempt = exemptIndicators(rubric.byId, options);
  let conditions: Conditions | undefined;
  let calendar = false;
  for (const { ind, typed, plain, facts: needed, calendar: usesCalendar } of items) {
    if (!Object.hasOwn(answers, ind.id)) continue;
    const raw = answers[ind.id];
    // An answer present but undefined (a caller's object, never JSON) is the full check's to phrase.
    if (raw === undefined) return false;
    const otherLevel = !ind.levels.includes(level);
    if (isRecord(raw) && raw.status === 'not_applicable') {
      // 不适用 needs a reason that is more than blanks, and is allowed only where the rubric or the unit's standing allows it.
      if ((raw.reason as string).trim() === '') return false;
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
    const wrapped = isRecord(raw) && 'value' in raw;
    const value = wrapped ? raw.value : raw;
    if (!typed && (oversized(raw) || checkKind(ind.check).validate(ind.check, value, '', ind.id).length > 0)) return false;
    if (ind.deduct?.judged && !(wrapped && raw.note !== undefined) && !isNone(value)) return false;
    for (const f of needed) if (!(f in facts)) return false;
    if (usesCalendar) calendar = true;
  }
  return !calendar || yearsOf(sub.period).every((y) => STATUTORY.knows(y));
}
