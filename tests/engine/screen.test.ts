// The one-pass check (screen.ts) never accepts a submission the full check refuses, and accepts the valid ones;
// unknown answer keys cost one step each, however many arrive.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { booleanCheck } from '../../src/checks/boolean.js';
import { SCREEN_AFTER, screen } from '../../src/engine/screen.js';
import { findProblems, submissionProblems } from '../../src/engine/submission.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/rubric/model.js';
import { arbAnswers } from '../support/arbitraries.js';
import { passingAnswers, rubric, submission } from '../support/rubrics.js';

const ALL = rubricMap(await listRubrics());
const factsOf = (r: Rubric) => (Object.keys(r.facts).length ? { facts: Object.fromEntries(Object.keys(r.facts).map((k) => [k, 1000])) } : {});

/** A wrong turn for one answer: a value of another type, a wrapper gone wrong, a 不适用 where it may not be. */
const arbSpoiled = (r: Rubric) =>
  fc.record({
    id: fc.constantFrom(...r.indicators.map((i) => i.id), 'x99'),
    value: fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.constantFrom(undefined, -1, 0.5, 1e9, '', '是', [], {}, [1], { value: true }, { value: 1, note: 2 }, { status: 'not_applicable' }, { status: 'not_applicable', reason: ' ' }),
      fc.constantFrom({ status: 'not_applicable', reason: '随机测试' }),
    ),
  });

describe.each([...ALL.keys()])('screen agrees with the full check: %s', (id) => {
  const r = ALL.get(id)!;
  const level = fc.constantFrom(...r.appliesTo);

  it('random valid submissions are accepted exactly when the full check finds nothing', () => {
    fc.assert(
      fc.property(level.chain((l) => arbAnswers(r, l).map((answers) => ({ l, answers }))), ({ l, answers }) => {
        const sub = { ...submission(r, answers, factsOf(r)), unit: { code: '330212001000', name: '测试单位', level: l } };
        expect(screen(r, sub)).toBe(findProblems(r, sub).length === 0);
      }),
      { numRuns: 40 },
    );
  });

  it('a submission with one spoiled answer, fact or field is never accepted where the full check refuses it', () => {
    fc.assert(
      fc.property(
        level.chain((l) => arbAnswers(r, l).map((answers) => ({ l, answers }))),
        arbSpoiled(r),
        fc.constantFrom<Record<string, unknown>>({}, { period: '2026-Q4' }, { period: '2026-11' }, { rubric: 'other' }, { facts: { nope: 1 } }, { facts: {} }, { self_scores: { '1': 1 } }, { inspected_on: '2026-02-30' }),
        ({ l, answers }, spoiled, envelope) => {
          const sub = { ...submission(r, { ...answers, [spoiled.id]: spoiled.value }, factsOf(r)), unit: { code: '330212001000', name: '测试单位', level: l }, ...envelope };
          const problems = findProblems(r, sub);
          if (screen(r, sub)) expect(problems).toEqual([]);
          expect(submissionProblems(r, sub)).toEqual(problems);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('unknown answer keys', () => {
  afterEach(() => vi.restoreAllMocks());

  it('100,000 unknown keys are each refused once, and the known answers are each checked once, however many keys come', async () => {
    const r = await rubric('township-center-2022');
    const validate = vi.spyOn(booleanCheck, 'validate');
    const known = passingAnswers(r);
    const booleans = r.indicators.filter((i) => i.check.kind === 'boolean' && i.levels.includes(r.appliesTo[0]!)).length;
    const run = (extra: number) => {
      const answers: Record<string, unknown> = { ...known };
      for (let i = 0; i < extra; i++) answers[`x${i}`] = true;
      validate.mockClear();
      const problems = submissionProblems(r, submission(r, answers));
      return { problems, validations: validate.mock.calls.length };
    };
    const small = run(10);
    const large = run(100_000);
    expect(large.problems).toHaveLength(100_000);
    expect(new Set(large.problems.map((p) => p.path)).size).toBe(100_000);
    expect(large.problems.every((p) => p.code === 'UNKNOWN_INDICATOR')).toBe(true);
    // The work on the known answers does not grow with the unknown keys: each boolean answer validated once (and
    // at most once more where a condition reads it), with 10 extra keys or 100,000.
    expect(small.validations).toBe(large.validations);
    expect(large.validations).toBeLessThanOrEqual(2 * booleans);
  });

  it('a valid submission is settled by the one pass: no check kind phrases anything', async () => {
    const r = await rubric('township-center-2022');
    const sub = submission(r, passingAnswers(r));
    // Screened once it repays compiling: from the SCREEN_AFTER-th submission of a rubric on.
    for (let i = 0; i < SCREEN_AFTER; i++) expect(submissionProblems(r, sub)).toEqual([]);
    const validate = vi.spyOn(booleanCheck, 'validate');
    expect(submissionProblems(r, sub)).toEqual([]);
    expect(validate).not.toHaveBeenCalled();
  });
});
