import { join } from 'node:path';
import { dueIn } from '../../src/calendar/due.js';
import { checkConditions } from '../../src/checks/index.js';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError, type Problem } from '../../src/errors.js';
import { loadRubricFile, PACKAGE_ROOT } from '../../src/rubric/load.js';
import type { Indicator, NormCheck, Rubric } from '../../src/rubric/model.js';
import type { Submission } from '../../src/schema/generated/submission.js';

const cache = new Map<string, Promise<Rubric>>();
export const rubric = (id: string): Promise<Rubric> => {
  let r = cache.get(id);
  if (!r) cache.set(id, (r = loadRubricFile(join(PACKAGE_ROOT, 'rubrics', `${id}.yaml`))));
  return r;
};

export const fixture = (...parts: string[]) => join(PACKAGE_ROOT, 'fixtures', ...parts);

/** The answer that meets an indicator at its highest tier (facts: population 1000 for derived thresholds). */
export function passingAnswer(ind: Indicator): unknown {
  return passingValue(ind.check, ind);
}

function passingValue(c: NormCheck, ind: Indicator): unknown {
  switch (c.kind) {
    case 'boolean':
      return c.expect;
    case 'checklist':
      return c.items.map((i) => i.id);
    case 'range':
      return c.min;
    case 'choice':
      return c.accept[0];
    case 'dimension':
      return { unit: c.unit, ...Object.fromEntries(c.dims.map((d) => [d.id, d.value])) };
    case 'frequency':
      // Due at most once a day: a month never needs more than 31 a time. Due in each week (each): the weeks of the
      // period the tests assess, November 2026 (periodOf), which more would overstate and be refused.
      return c.each ? 4 : c.times * 31;
    case 'count':
      return ind.bonus ? 1 : 0;
    case 'tally':
      return Object.fromEntries(c.counts.map((k) => [k.id, ind.bonus ? 1 : 0]));
    case 'judgement':
      return 0;
    case 'rating':
      return [...c.bands].sort((a, b) => b.points - a.points)[0]!.id;
    case 'ratio':
      return { [c.of.id]: 100, [c.per.id]: 100 };
    case 'mean': {
      const best = [...c.levels].sort((a, b) => b.value - a.value)[0]!;
      return Object.fromEntries(c.levels.map((l) => [l.id, l === best ? 10 : 0]));
    }
    case 'occurrences':
      return [];
    case 'composite':
      return Object.fromEntries(c.parts.map((p) => [p.id, passingValue(p.check, ind)]));
    case 'number': {
      // Literal thresholds; a derived one is taken at population 1000; parameter thresholds are assumed ≤ 100.
      const vals = c.requirements.map((r) => r.value ?? (r.derived ? r.derived.value : 100));
      const up = c.requirements.every((r) => r.op === '>=' || r.op === '>');
      const v = up ? Math.max(...vals) + (c.requirements.some((r) => r.op === '>') ? 1 : 0) : Math.min(...vals);
      return Math.min(v, c.maximum ?? v);
    }
  }
}

/** Ids of the indicators whose answers some applies_when reads (of an indicator or of a checklist item). */
export function conditionSources(r: Rubric): Set<string> {
  return new Set(r.indicators.flatMap((i) => [...(i.when ? [i.when] : []), ...checkConditions(i.check)].map((c) => c.indicator)));
}

export function passingAnswers(r: Rubric): Record<string, unknown> {
  return Object.fromEntries(r.indicators.map((i) => [i.id, passingAnswer(i)]));
}

/**
 * A fixture's answers for another period of the rubric's kind: a duty due in each week (each) answered with the
 * weeks of the fixture's own period (October 2026 has five) keeps at most the weeks the other period has.
 */
export function answersFor(r: Rubric, answers: Record<string, unknown>, period: string): Record<string, unknown> {
  const out = { ...answers };
  for (const ind of r.indicators) {
    const c = ind.check;
    const raw = out[ind.id];
    if (c.kind !== 'frequency' || !c.each || raw === undefined) continue;
    const spans = dueIn(period, c.basis)!;
    if (typeof raw === 'number') out[ind.id] = Math.min(raw, spans);
    else if (isWrapped(raw)) out[ind.id] = { ...raw, value: Math.min(raw.value, spans) };
  }
  return out;
}

const isWrapped = (v: unknown): v is { value: number } => v !== null && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'number';

/** A period of the kind the rubric assesses: November 2026, or the quarter or half year holding it. */
export const periodOf = (r: Rubric): string => ({ month: '2026-11', quarter: '2026-Q4', half_year: '2026-H2' })[r.period];

export function submission(r: Rubric, answers: Record<string, unknown>, extra: Record<string, unknown> = {}): Submission {
  return {
    rubric: r.id,
    unit: { code: '330212001000', name: '测试镇便民服务中心', level: r.appliesTo[0]! },
    period: periodOf(r),
    answers: answers as Submission['answers'],
    ...extra,
  };
}

/** Every problem assess() finds in an input, or [] when it scores. */
export function problemsOf(r: Rubric, input: unknown): Problem[] {
  try {
    assess(r, input);
  } catch (e) {
    if (e instanceof AuditError) return [...e.problems];
    throw e;
  }
  return [];
}
