// What the table tests of the rubrics encoded from real county tables share (hetou-village-station,
// yinchuan-branch-hall-departments): the layout-only check of a transcription, submissions with every answer given,
// one more finding against a rule, and the properties the issue asks of such tables.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical.js';
import type { Indicator, Rubric } from '../../src/rubric/model.js';
import type { Assessment } from '../../src/schema/generated/assessment.js';
import { applicableOnly, arbAnswers, arbValue } from './arbitraries.js';

/** A transcription's body: what follows the `---` line that ends its notes. */
export const transcriptionBody = (md: string): string => md.slice(md.indexOf('\n---\n') + 5);

/** Text without layout: heading and list marks at line starts, table rule rows and pipes, and all whitespace. */
export const withoutLayout = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !/^\|[-|: ]+\|$/.test(line.trim()))
    .map((line) => line.replace(/^#+ /, '').replace(/^- /, ''))
    .join('')
    .replace(/\|/g, '')
    .replace(/\s/g, '');

/** Every indicator that applies, answered with a random valid value: none left out, none 不适用. */
export const arbAllAnswered = (r: Rubric): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(...r.indicators.map(arbValue)).map((vals) => applicableOnly(r, Object.fromEntries(r.indicators.map((ind, i) => [ind.id, vals[i]])), r.appliesTo[0]!));

/** The answer with one more finding against a deduction rule: one more occurrence (of some kind), a yes/no failed, a lower rate. */
export function arbOneMore(ind: Indicator, current: unknown): fc.Arbitrary<unknown> {
  const c = ind.check;
  switch (c.kind) {
    case 'count':
      return fc.constant((current as number) + 1);
    case 'tally': {
      const now = current as Record<string, number>;
      return fc.constantFrom(...c.counts.map((k) => k.id)).map((id) => ({ ...now, [id]: now[id]! + 1 }));
    }
    case 'boolean':
      return fc.constant(!c.expect);
    case 'number':
      return fc.double({ min: c.minimum ?? 0, max: current as number, noNaN: true });
    default:
      throw new Error(`no finding to add to a ${c.kind} answer`);
  }
}

/**
 * The section arithmetic of a deduction table, for sections one level deep whose items all answered: a budgeted
 * section keeps max(0, budget − its rules' deductions), an unbudgeted one passes them all on, and the score is
 * max(0, total − Σ what the sections lost).
 */
export function expectSectionsAddUp(r: Rubric, a: Assessment): void {
  const deducted = new Map(a.results.map((x) => [x.id, x.points?.deducted ?? 0]));
  let lost = 0;
  for (const s of a.sections!) {
    const raw = s.indicators.reduce((sum, id) => sum + deducted.get(id)!, 0);
    if (s.budget !== undefined) {
      expect(s.subtotal, s.title).toBeCloseTo(Math.max(0, s.budget - raw), 6);
      expect(s.deducted, s.title).toBeCloseTo(Math.min(s.budget, raw), 6);
    } else {
      expect(s.deducted, s.title).toBeCloseTo(raw, 6);
      expect(s.subtotal, s.title).toBeCloseTo(s.max - raw, 6);
    }
    lost += s.deducted;
  }
  expect(a.score).toBeCloseTo(Math.max(0, r.scoring.total - lost), 6);
}

/** The properties the issue asks of a deduction table, on one rubric; `score` assesses answers for one unit and period. */
export function deductionProperties(r: Rubric, score: (answers: Record<string, unknown>) => Assessment): void {
  const rules = r.indicators.filter((i) => i.deduct);
  // Mostly every answer given (an unanswered rule without a cap takes its whole budget, which hides the rest).
  const answers = fc.oneof({ weight: 3, arbitrary: arbAllAnswered(r) }, { weight: 1, arbitrary: arbAnswers(r) });

  it('one more finding against any rule never raises the score or any section subtotal', () => {
    const arb = answers.chain((before) => {
      const answered = rules.filter((i) => before[i.id] !== undefined);
      if (answered.length === 0) return fc.constant({ before, after: before });
      return (
        fc
          .constantFrom(...answered)
          // A finding can make a rule that depended on the answer 不适用 (1.2 未纳入考核 → 1.3): its answer goes.
          .chain((ind) => arbOneMore(ind, before[ind.id]).map((more) => ({ before, after: applicableOnly(r, { ...before, [ind.id]: more }, r.appliesTo[0]!) })))
      );
    });
    let lowered = 0;
    fc.assert(
      fc.property(arb, ({ before, after }) => {
        const a = score(before);
        const b = score(after);
        expect(b.score!).toBeLessThanOrEqual(a.score!);
        b.sections!.forEach((s, i) => expect(s.subtotal, s.title).toBeLessThanOrEqual(a.sections![i]!.subtotal));
        if (b.score! < a.score!) lowered++;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the extra finding often cost points (it cannot where a cap or a floor was already reached).
    expect(lowered).toBeGreaterThan(30);
  });

  it('section subtotals add up to the score: max(0, budget − deductions) for each budget, max(0, total − Σ) in all', () => {
    fc.assert(fc.property(arbAllAnswered(r), (all) => expectSectionsAddUp(r, score(all))), { numRuns: 300 });
  });

  it('the floor holds whatever is answered or left out: no budget below 0 or above itself, the score within 0 and the total', () => {
    fc.assert(
      fc.property(answers, (given) => {
        const a = score(given);
        expect(a.score).not.toBeNull();
        expect(a.score!).toBeGreaterThanOrEqual(0);
        expect(a.score!).toBeLessThanOrEqual(r.scoring.total);
        for (const s of a.sections!.filter((x) => x.budget !== undefined)) {
          expect(s.subtotal, s.title).toBeGreaterThanOrEqual(0);
          expect(s.subtotal, s.title).toBeLessThanOrEqual(s.budget!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the result does not depend on the order of the answers, or of the counts inside a tally', () => {
    // Ids that are whole numbers (T2's 1–13) are always iterated in numeric order by JavaScript, whatever order
    // they arrive in; the shuffle still reaches the keys inside each answer object.
    const shuffle = (value: unknown, rnd: fc.Stream<number>): unknown => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const entries = Object.entries(value).map(([k, v]) => [rnd.next().value, [k, shuffle(v, rnd)]] as const);
      return Object.fromEntries(entries.sort((x, y) => x[0] - y[0]).map(([, e]) => e));
    };
    fc.assert(
      fc.property(answers, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (given, rnd) => {
        expect(canonicalJson(score(shuffle(given, rnd) as Record<string, unknown>))).toBe(canonicalJson(score(given)));
      }),
      { numRuns: 150 },
    );
  });
}
