// The compiled evaluator against the plain one it replaced (tests/support/reference-evaluator.ts): the same
// assessment, byte for byte, for every fixture, the test submissions and random submissions over every bundled rubric.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRubric } from '../../src/engine/compile.js';
import { assess } from '../../src/engine/evaluate.js';
import type { AssessOptions } from '../../src/engine/exemptions.js';
import { listRubrics, loadRubricFile, PACKAGE_ROOT, rubricMap } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/rubric/model.js';
import { arbAnswers } from '../support/arbitraries.js';
import { referenceAssess } from '../support/reference-evaluator.js';
import { passingAnswers, submission } from '../support/rubrics.js';

const ALL = rubricMap(await listRubrics());
const county = await loadRubricFile(join(PACKAGE_ROOT, 'fixtures', 'county-rubric', 'xx-county-township-2026.yaml'));
const rubricFor = (id: string): Rubric | undefined => ALL.get(id) ?? (county.id === id ? county : undefined);

/** Both evaluators on one input: equal assessments with keys in the same order (so the JSON is identical), or the same refusal. */
function same(r: Rubric, input: unknown, options?: AssessOptions) {
  const run = (f: () => unknown) => {
    try {
      return { ok: f() };
    } catch (e) {
      return { error: e };
    }
  };
  const want = run(() => referenceAssess(r, input, options));
  const got = run(() => assess(r, input, options));
  expect(got).toEqual(want);
  if ('ok' in want) expect(JSON.stringify(got.ok)).toBe(JSON.stringify(want.ok));
  return want;
}

const fixtures = readdirSync(join(PACKAGE_ROOT, 'fixtures'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, data: JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures', f), 'utf8')) as { rubric?: unknown } }))
  .filter(({ data }) => typeof data.rubric === 'string' && rubricFor(data.rubric) !== undefined);

describe('the compiled evaluator gives the assessments the plain one gave', () => {
  it('finds submissions among the fixtures for every bundled rubric', () => {
    const covered = new Set(fixtures.map(({ data }) => data.rubric));
    for (const id of ALL.keys()) expect(covered, id).toContain(id);
  });

  it.each(fixtures.map(({ file, data }) => [file, data] as const))('fixture %s', (_file, data) => {
    const r = rubricFor(data.rubric as string)!;
    const { ok } = same(r, data) as { ok?: unknown };
    expect(ok).toBeDefined();
    // Again, with the evaluator cached from the first call, and with an exemption.
    same(r, data);
    const ind = r.indicators[1]!;
    same(r, data, { exemptions: [{ id: 'E1', indicator: ind.id, kind: 'defer', reason: '场所改造中', approved_by: '县政务服务中心', expires_on: '2026-12-31', status: 'valid' }] });
  });

  it.each([...ALL.keys()])('passing, empty and invalid test submissions: %s', (id) => {
    const r = ALL.get(id)!;
    const facts = Object.keys(r.facts).length ? { facts: Object.fromEntries(Object.keys(r.facts).map((k) => [k, 1000])) } : {};
    same(r, submission(r, passingAnswers(r), facts));
    same(r, submission(r, {}, facts));
    expect(same(r, submission(r, { nope: true }))).toHaveProperty('error');
  });

  it.each([...ALL.keys()])('random submissions: %s', (id) => {
    const r = ALL.get(id)!;
    const facts = Object.keys(r.facts).length ? { facts: Object.fromEntries(Object.keys(r.facts).map((k) => [k, 1000])) } : {};
    const levels = r.appliesTo;
    fc.assert(
      fc.property(
        fc.constantFrom(...levels).chain((level) => arbAnswers(r, level).map((answers) => ({ level, answers }))),
        ({ level, answers }) => {
          const sub = { ...submission(r, answers, facts), unit: { code: '330212001000', name: '测试单位', level } };
          same(r, sub);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('compileRubric gives an evaluator of its own that assesses like assess()', () => {
    const r = ALL.get('township-center-2022')!;
    const evaluator = compileRubric(r);
    const sub = submission(r, passingAnswers(r));
    expect(evaluator.rubric).toBe(r);
    expect(evaluator.assess(sub)).toEqual(referenceAssess(r, sub));
  });
});
