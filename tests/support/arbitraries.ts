import fc from 'fast-check';
import type { Indicator, Rubric } from '../../src/rubric/model.js';
import type { UnitLevel } from '../../src/schema/generated/rubric.js';
import { readAnswer } from '../../src/engine/answers.js';
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
    case 'count':
      return fc.integer({ min: 0, max: 12 });
    case 'composite':
      return fc.tuple(...c.parts.map((p) => arbValue({ ...ind, check: p.check }))).map((vals) => Object.fromEntries(c.parts.map((p, i) => [p.id, vals[i]])));
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
    return out;
  });
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
      return fc.integer({ min: current as number, max: (current as number) + 10 });
    case 'count':
      // Fewer faults is better, except for bonus items where more commendations are.
      return ind.bonus ? fc.integer({ min: current as number, max: (current as number) + 5 }) : fc.integer({ min: 0, max: current as number });
    case 'choice':
      return fc.constantFrom(...c.accept);
    case 'dimension':
      return fc.constant({ unit: c.unit, ...Object.fromEntries(c.dims.map((d) => [d.id, d.value])) });
    case 'composite':
      return fc.constant(passingAnswer(ind));
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
      return out;
    });
}
