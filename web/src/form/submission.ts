// The form's state and the submission it stands for, and the live assessment: the engine run on every change.
import { assess, type AssessOptions, type Assessment, AuditError, type Problem, readAnswer, type Rubric, type Submission } from '../engine/index.js';

/** One indicator as filled in: its answer value (undefined = not inspected), 不适用 with its reason, a note. */
export interface Entry {
  value?: unknown;
  na: boolean;
  reason: string;
  note: string;
}

export const emptyEntry = (): Entry => ({ na: false, reason: '', note: '' });

/** The answer in the submission format, or undefined when there is nothing to send. */
export function answerOf(e: Entry): unknown {
  const note = e.note.trim();
  if (e.na) return { status: 'not_applicable', reason: e.reason.trim(), ...(note ? { note } : {}) };
  if (e.value === undefined) return undefined;
  return note ? { value: e.value, note } : e.value;
}

/** The entry a stored answer stands for (a saved draft being edited). */
export function entryOf(raw: unknown): Entry {
  const a = readAnswer(raw);
  if (a.kind === 'not_applicable') return { na: true, reason: a.reason, note: a.note ?? '' };
  return { value: a.value, na: false, reason: '', note: a.note ?? '' };
}

export interface Header {
  rubric: string;
  unit: Submission['unit'];
  period: string;
  inspector: string;
  inspected_on: string;
  facts: Record<string, number | undefined>;
}

export function submissionOf(h: Header, entries: Readonly<Record<string, Entry>>): Submission {
  const answers: Record<string, unknown> = {};
  for (const [id, e] of Object.entries(entries)) {
    const a = answerOf(e);
    if (a !== undefined) answers[id] = a;
  }
  const facts = Object.fromEntries(Object.entries(h.facts).filter((kv): kv is [string, number] => typeof kv[1] === 'number'));
  return {
    rubric: h.rubric,
    unit: h.unit,
    period: h.period,
    ...(h.inspector.trim() ? { inspector: h.inspector.trim() } : {}),
    ...(h.inspected_on ? { inspected_on: h.inspected_on } : {}),
    ...(Object.keys(facts).length ? { facts } : {}),
    answers: answers as Submission['answers'],
  };
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The indicator a problem is about, from its field or its JSON pointer (/answers/<id>/…). */
export function problemIndicator(p: Problem): string | undefined {
  if (p.indicator) return p.indicator;
  const m = /^\/answers\/([^/]+)/.exec(p.path);
  return m ? unescape(m[1]!) : undefined;
}

export interface Live {
  /** The assessment of what can be scored; exactly the server's for a submission without problems. */
  assessment: Assessment | null;
  /** Everything wrong with the submission as it stands, as the server would report it. */
  problems: readonly Problem[];
  /** Indicators whose answers were left out of the live score because of their problems. */
  left: string[];
}

/**
 * Scores the submission as the server will. While some answers have problems, the rest is still scored, leaving
 * those answers out (and saying so), so the score stays live as someone types.
 */
export function liveAssessment(rubric: Rubric, sub: Submission, options?: AssessOptions): Live {
  let problems: readonly Problem[] = [];
  const left: string[] = [];
  let current = sub;
  for (let round = 0; round < 3; round++) {
    try {
      return { assessment: assess(rubric, current, options), problems, left };
    } catch (e) {
      if (!(e instanceof AuditError)) throw e;
      if (round === 0) problems = e.problems;
      const drop = new Set(e.problems.map(problemIndicator).filter((id): id is string => id !== undefined && id in current.answers));
      if (drop.size === 0) break;
      left.push(...drop);
      current = { ...current, answers: Object.fromEntries(Object.entries(current.answers).filter(([id]) => !drop.has(id))) as Submission['answers'] };
    }
  }
  return { assessment: null, problems, left };
}
