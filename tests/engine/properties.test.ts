import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical.js';
import { assess } from '../../src/engine/evaluate.js';
import { validateSchema } from '../../src/schema/validate.js';
import { applicableOnly, arbAnswers, arbImprovement, arbNearlyPassing } from '../support/arbitraries.js';
import { conditionSources } from '../support/rubrics.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import { rubric, submission } from '../support/rubrics.js';

const r = await rubric('township-center-2022');
const rank = (tier: string | null) => (tier === null ? -1 : r.tiers.findIndex((t) => t.id === tier));
const score = (answers: Record<string, unknown>) => assess(r, submission(r, answers));

const ALL = rubricMap(await listRubrics());

describe.each([...ALL.keys()])('improving an answer never hurts: %s', (id) => {
  const rr = ALL.get(id)!;
  const level = rr.appliesTo[0]!;
  const facts = Object.keys(rr.facts).length ? { facts: Object.fromEntries(Object.keys(rr.facts).map((k) => [k, 1000])) } : {};
  // An answer other indicators' applies_when reads is left out: saying “we use hanging signs” makes the sign
  // specification applicable, which adds a requirement rather than improving an answer.
  const sources = conditionSources(rr);
  const indicators = rr.indicators.filter((i) => i.levels.includes(level) && !sources.has(i.id));
  const tierRank = (tier: string | null) => (tier === null ? -1 : rr.tiers.findIndex((t) => t.id === tier));
  const scored = (answers: Record<string, unknown>) => assess(rr, { ...submission(rr, answers, facts), unit: { code: '330212001000', name: '测试单位', level } });

  it('for every check kind the rubric uses, a better answer never lowers the tier or the score', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(
        arbAnswers(rr, level).chain((answers) =>
          // A kind first, then one of its indicators, so that rare kinds are tried as often as common ones.
          fc.constantFrom(...new Set(indicators.map((i) => i.check.kind))).chain((kind) => fc.constantFrom(...indicators.filter((i) => i.check.kind === kind))).chain((ind) => {
            return arbImprovement(ind, answers[ind.id]).map((better) => ({ ind, answers, better: applicableOnly(rr, { ...answers, [ind.id]: better }, level) }));
          }),
        ),
        ({ ind, answers, better }) => {
          kinds.add(ind.check.kind);
          const before = scored(answers);
          const after = scored(better);
          expect(tierRank(after.tier)).toBeGreaterThanOrEqual(tierRank(before.tier));
          if (before.score !== null && after.score !== null) expect(after.score).toBeGreaterThanOrEqual(before.score);
        },
      ),
      { numRuns: 150 },
    );
    // Not vacuous: every kind of check in the rubric was improved at least once.
    expect([...kinds].sort()).toEqual([...new Set(indicators.map((i) => i.check.kind))].sort());
  });
});

describe('scoring properties (township-center-2022)', () => {
  it('improving any single answer never lowers the tier or the score', () => {
    const arb = fc.oneof(arbAnswers(r), arbNearlyPassing(r, 6)).chain((answers) =>
      fc.nat({ max: r.indicators.length - 1 }).chain((i) => {
        const ind = r.indicators[i]!;
        return arbImprovement(ind, answers[ind.id]).map((better) => ({ answers, better: { ...answers, [ind.id]: better } }));
      }),
    );
    fc.assert(
      fc.property(arb, ({ answers, better }) => {
        const before = score(answers);
        const after = score(better);
        expect(rank(after.tier)).toBeGreaterThanOrEqual(rank(before.tier));
        if (before.score !== null && after.score !== null) expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: 300 },
    );
  });

  it('a 示范型 result always meets every 标准型 condition', () => {
    let demonstrations = 0;
    fc.assert(
      fc.property(arbNearlyPassing(r), (answers) => {
        const a = score(answers);
        if (a.tier !== 'demonstration') return;
        demonstrations++;
        expect(a.tiers.find((t) => t.id === 'standard')!.reached).toBe(true);
        for (const res of a.results) {
          if (res.necessary_for.includes('standard')) expect(['met', 'not_applicable']).toContain(res.tier_status.standard);
        }
      }),
      { numRuns: 300 },
    );
    // The property must actually have been exercised, not passed vacuously.
    expect(demonstrations).toBeGreaterThan(10);
  });

  it('the result does not depend on the order of the answers', () => {
    fc.assert(
      fc.property(arbAnswers(r), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (answers, rnd) => {
        const entries = Object.entries(answers);
        const shuffled = entries.map((e) => [rnd.next().value, e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e);
        expect(canonicalJson(score(Object.fromEntries(shuffled)))).toBe(canonicalJson(score(answers)));
      }),
      { numRuns: 150 },
    );
  });

  it('scoring is deterministic, stays within 0–100 and always produces a schema-valid assessment', () => {
    fc.assert(
      fc.property(arbAnswers(r), (answers) => {
        const a = score(answers);
        expect(canonicalJson(score(structuredClone(answers)))).toBe(canonicalJson(a));
        if (a.score !== null) {
          expect(a.score).toBeGreaterThanOrEqual(0);
          expect(a.score).toBeLessThanOrEqual(100);
        }
        const valid = validateSchema('assessment', JSON.parse(JSON.stringify(a)));
        expect(valid.ok ? [] : valid.problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
