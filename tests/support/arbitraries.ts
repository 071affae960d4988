import fc from 'fast-check';
import type { Indicator, Rubric } from '../../src/rubric/model.js';
import type { UnitLevel } from '../../src/schema/generated/rubric.js';
import { readAnswer } from '../../src/engine/answers.js';
import { Conditions } from '../../src/engine/conditions.js';
import { passingAnswer } from './rubrics.js';

const OMIT = Symbol('omit');
type Maybe = unknown | typeof OMIT;

/** A valid answer value for an indicator (never N/A, never omitted). */
export function arbValue(ind: Indicator): fc.Arbitrary<unknown> {
  const c = ind.check;
  switch (c.kind) {
    case 'boolean':
      return fc.boolean();
    case 'checklist':
      return fc.subarray(c.items.map((i) => i.id));
    case 'number':
    case 'range': {
      const min = c.minimum ?? 0;
      const max = c.maximum ?? Math.max(min + 1, ...('requirements' in c ? c.requirements.map((r) => (r.value ?? 100) * 2) : [c.max * 2]));
      return c.integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'choice':
      return fc.constantFrom(...c.options.map((o) => o.id));
    case 'dimension':
      return fc.tuple(...c.dims.map((d) => fc.double({ min: d.value * 0.5, max: d.value * 1.5, noNaN: true }))).map((vals) => ({
        unit: c.unit,
        ...Object.fromEntries(c.dims.map((d, i) => [d.id, vals[i]!])),
      }));
    case 'frequency':
      // An answer in weeks (each) never exceeds the weeks of November 2026, the period the properties assess.
      return fc.integer({ min: 0, max: c.each ? 4 : 30 });
    case 'count':
      return fc.integer({ min: 0, max: 12 });
    case 'composite':
      return fc.tuple(...c.parts.map((p) => arbValue({ ...ind, check: p.check }))).map((vals) => Object.fromEntries(c.parts.map((p, i) => [p.id, vals[i]])));
    case 'tally':
      return fc.tuple(...c.counts.map(() => fc.integer({ min: 0, max: 5 }))).map((n) => Object.fromEntries(c.counts.map((k, i) => [k.id, n[i]!])));
    case 'judgement':
      // A judged amount needs its reason, so judgement answers always carry a note.
      return fc
        .oneof(fc.constant(0), fc.double({ min: c.min, max: c.max, noNaN: true }), fc.array(fc.double({ min: c.min, max: c.max, noNaN: true }), { maxLength: 3 }))
        .map((value) => ({ value, note: '随机测试的酌情理由' }));
    case 'rating':
      return fc.constantFrom(...c.bands.map((b) => b.id));
    case 'ratio':
      return fc.integer({ min: 1, max: 60 }).chain((b) => fc.integer({ min: 0, max: b }).map((a) => ({ [c.of.id]: a, [c.per.id]: b })));
    case 'mean':
      return fc.tuple(...c.levels.map((_, i) => fc.integer({ min: i === 0 ? 1 : 0, max: 10 }))).map((n) => Object.fromEntries(c.levels.map((l, i) => [l.id, n[i]!])));
    case 'occurrences':
      return fc.array(fc.double({ min: 1, max: c.measure.maximum ?? 480, noNaN: true }), { maxLength: 4 });
  }
}

function arbAnswer(ind: Indicator): fc.Arbitrary<Maybe> {
  const options: fc.Arbitrary<Maybe>[] = [fc.constant(OMIT), arbValue(ind), arbValue(ind)];
  if (ind.na) options.push(fc.constant({ status: 'not_applicable', reason: '随机测试' }));
  return fc.oneof(...options);
}

/** Random valid answers for a rubric: some omitted, some N/A where allowed; with a level, only its indicators. */
export function arbAnswers(r: Rubric, level?: UnitLevel): fc.Arbitrary<Record<string, unknown>> {
  const indicators = level ? r.indicators.filter((i) => i.levels.includes(level)) : r.indicators;
  return fc.tuple(...indicators.map(arbAnswer)).map((vals) => {
    const out: Record<string, unknown> = {};
    vals.forEach((v, i) => {
      if (v !== OMIT) out[indicators[i]!.id] = v;
    });
    return applicableOnly(r, out, level ?? r.appliesTo[0]!);
  });
}

/** Answers without those an applies_when rules out (the engine refuses an answer to an indicator that does not apply). */
export function applicableOnly(r: Rubric, answers: Record<string, unknown>, level: UnitLevel): Record<string, unknown> {
  const conditions = new Conditions(r, answers, level);
  return Object.fromEntries(Object.entries(answers).filter(([id, v]) => {
    const ind = r.byId.get(id);
    return !ind?.when || readAnswer(v).kind === 'not_applicable' || conditions.excluded(ind)?.code !== 'CONDITION_NOT_MET';
  }));
}

/** An answer at least as good as `current` for every requirement of the indicator; undefined means "unanswered". */
export function arbImprovement(ind: Indicator, current: unknown): fc.Arbitrary<unknown> {
  const c = ind.check;
  if (current === undefined) return arbValue(ind);
  // N/A stays; composite and dimension answers are objects too, and are improved below.
  if (readAnswer(current).kind === 'not_applicable') return fc.constant(current);
  switch (c.kind) {
    case 'boolean':
      return fc.constant(c.expect);
    case 'checklist':
      return fc.subarray(c.items.map((i) => i.id)).map((extra) => [...new Set([...(current as string[]), ...extra])]);
    case 'number': {
      const up = c.requirements.every((q) => q.op === '>=' || q.op === '>');
      const limit = up ? (c.maximum ?? (current as number) + 1000) : (c.minimum ?? (current as number) - 1000);
      const lo = Math.min(current as number, limit);
      const hi = Math.max(current as number, limit);
      return c.integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
    }
    case 'range':
      // Moving into the compliant interval never hurts.
      return fc.double({ min: c.min, max: c.max, noNaN: true });
    case 'frequency':
      return fc.integer({ min: current as number, max: c.each ? Math.max(current as number, 4) : (current as number) + 10 });
    case 'count':
      // Fewer faults is better, except for bonus items where more commendations are.
      return ind.bonus ? fc.integer({ min: current as number, max: (current as number) + 5 }) : fc.integer({ min: 0, max: current as number });
    case 'choice':
      return fc.constantFrom(...c.accept);
    case 'dimension':
      return fc.constant({ unit: c.unit, ...Object.fromEntries(c.dims.map((d) => [d.id, d.value])) });
    case 'composite':
      return fc.constant(passingAnswer(ind));
    case 'tally': {
      const now = current as Record<string, number>;
      // Fewer findings are better, except for bonus tallies where more commendations are.
      return fc
        .tuple(...c.counts.map((k) => (ind.bonus ? fc.integer({ min: now[k.id]!, max: now[k.id]! + 3 }) : fc.integer({ min: 0, max: now[k.id]! }))))
        .map((n) => Object.fromEntries(c.counts.map((k, i) => [k.id, n[i]!])));
    }
    case 'judgement':
      return fc.constant({ value: 0, note: '改进后未发生' });
    case 'rating':
      return fc.constant(passingAnswer(ind));
    case 'ratio': {
      const now = current as Record<string, number>;
      const b = now[c.per.id]!;
      return fc.integer({ min: now[c.of.id]!, max: b }).map((a) => ({ [c.of.id]: a, [c.per.id]: b }));
    }
    case 'mean': {
      // Moving every rating to the best level never lowers the average.
      const now = current as Record<string, number>;
      const n = c.levels.reduce((x, l) => x + now[l.id]!, 0);
      const best = [...c.levels].sort((a, b) => b.value - a.value)[0]!;
      return fc.constant(Object.fromEntries(c.levels.map((l) => [l.id, l === best ? n : 0])));
    }
    case 'occurrences':
      return fc.subarray(current as number[]);
  }
}

/** Mostly passing answers with a few random ones, so that results near the top tier are common. */
export function arbNearlyPassing(r: Rubric, passWeight = 12): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(...r.indicators.map((ind) => fc.oneof({ weight: passWeight, arbitrary: fc.constant(passingAnswer(ind)) }, { weight: 1, arbitrary: arbAnswer(ind) })))
    .map((vals) => {
      const out: Record<string, unknown> = {};
      vals.forEach((v, i) => {
        if (v !== OMIT) out[r.indicators[i]!.id] = v;
      });
      return applicableOnly(r, out, r.appliesTo[0]!);
    });
}
