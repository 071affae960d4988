import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical.js';
import { assess } from '../../src/engine/evaluate.js';
import { formatText } from '../../src/format/text.js';
import { arbAnswers, arbImprovement } from '../support/arbitraries.js';
import { fixture, rubric, submission } from '../support/rubrics.js';

const r = await rubric('county-monthly-assessment');
const load = (name: string) => JSON.parse(readFileSync(fixture('county-monthly-assessment', `${name}.json`), 'utf8'));

describe('county-monthly-assessment: the rubric as data', () => {
  it('covers the seven areas the Baishui notice names, plus the bonus section', () => {
    expect(r.sections.map((s) => s.title)).toEqual(['硬件建设', '领导重视', '人员到岗', '项目进驻', '代办服务', '电子监察', '规范运行', '加分项目']);
  });

  it('scores out of 100: the points of the non-bonus items add up to it, by area 20/10/15/15/15/10/15', () => {
    const byArea = r.sections.slice(0, 7).map((s) => s.indicatorIds.reduce((sum, id) => sum + (r.byId.get(id)!.points ?? 0), 0));
    expect(byArea).toEqual([20, 10, 15, 15, 15, 10, 15]);
    expect(r.scoring).toMatchObject({ method: 'points', total: 100, bonusCap: 5, vetoGrade: 'fail' });
  });

  it('states that the source gives no points and that these are defaults for counties to adjust', () => {
    expect(r.definition.scoring.note).toMatch(/没有给出分值/);
    expect(r.definition.scoring.note).toMatch(/县\(市、区\)可以直接修改/);
  });

  it('grade bands: 优秀 ≥90, 良好 ≥80, 合格 ≥60, 不合格 <60', () => {
    expect(r.scoring.grades.map((g) => [g.label, g.min, g.pass])).toEqual([['优秀', 90, true], ['良好', 80, true], ['合格', 60, true], ['不合格', 0, false]]);
  });
});

describe('county-monthly-assessment fixtures score as a reader of the notice would expect', () => {
  it.each([
    ['excellent', '优秀', 100, true, []],
    ['good', '良好', 89.41, true, []],
    ['vetoed', '不合格', 96.47, false, ['7.4']],
    // 2026-10 has five calendar weeks (Thursdays 1, 8, 15, 22, 29): one home visit of five due loses 4 points on 5.1.
    ['poor', '不合格', 51, false, []],
  ])('%s → %s, %s points', (name, label, score, passed, vetoItems) => {
    const a = assess(r, load(name));
    expect(a.grade!.label).toBe(label);
    expect(a.score).toBe(score);
    expect(a.result.passed).toBe(passed);
    expect(a.grade!.veto_items).toEqual(vetoItems);
  });

  it('a township hall: village-only items are 不适用 and the rest is rescaled to 100', () => {
    const a = assess(r, load('good'));
    expect(a.results.filter((x) => x.status === 'not_applicable').map((x) => x.id)).toEqual(['1.3', '5.1', '5.2', 'B1']);
    expect(a.score_detail).toMatchObject({ possible: 85, earned: 76, deducted: 9 });
    expect(a.grade!.next).toMatchObject({ label: '优秀', points_short: 0.59 });
  });

  it('the poor village: each deduction follows its rule and its cap', () => {
    const a = assess(r, load('poor'));
    const deducted = Object.fromEntries(a.results.filter((x) => x.points!.deducted > 0).map((x) => [x.id, x.points!.deducted]));
    expect(deducted).toEqual({ '1.1': 6, '1.3': 3, '2.2': 4, '3.1': 6, '3.3': 2, '5.1': 4, '5.2': 4, '5.3': 3, '6.1': 4, '6.2': 6, '7.2': 3, '7.3': 4 });
    expect(a.gaps).toEqual({ compliant: [] });
    expect(a.tiers[0]).toMatchObject({ reached: false, min_score: 60, score_short: 9 });
    const text = formatText(a, r);
    expect(text).toContain('考核等级：不合格');
    expect(text).toContain('距“合格”（≥60 分）还差 9 分');
  });
});

describe('points properties (county-monthly-assessment)', () => {
  const score = (answers: Record<string, unknown>, level = 'village') =>
    assess(r, { ...submission(r, answers), unit: { code: '610527001001', name: '测试', level } });
  const gradeRank = (id: string | undefined) => r.scoring.grades.length - r.scoring.grades.findIndex((g) => g.id === id);

  it('the score stays within [0, total] and no deduction exceeds its item points', () => {
    fc.assert(
      fc.property(arbAnswers(r), (answers) => {
        const a = score(answers);
        if (a.score !== null) {
          expect(a.score).toBeGreaterThanOrEqual(0);
          expect(a.score).toBeLessThanOrEqual(100);
        }
        for (const res of a.results) {
          if (!res.points) continue;
          expect(res.points.deducted).toBeLessThanOrEqual(res.points.max);
          expect(res.points.earned).toBeGreaterThanOrEqual(0);
          expect(res.points.bonus).toBeLessThanOrEqual(res.points.max);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a failed veto item always gives 不合格', () => {
    fc.assert(
      fc.property(arbAnswers(r), fc.integer({ min: 1, max: 5 }), (answers, times) => {
        const a = score({ ...answers, '7.4': times });
        expect(a.grade!.label).toBe('不合格');
        expect(a.result.passed).toBe(false);
        expect(a.gaps.compliant).toContain('7.4');
      }),
      { numRuns: 200 },
    );
  });

  it('adding a bonus never lowers the grade or the score', () => {
    fc.assert(
      fc.property(arbAnswers(r), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }), (answers, before, more) => {
        const a = score({ ...answers, B1: before });
        const b = score({ ...answers, B1: before + more });
        if (a.score === null) return;
        expect(b.score!).toBeGreaterThanOrEqual(a.score);
        expect(gradeRank(b.grade?.id)).toBeGreaterThanOrEqual(gradeRank(a.grade?.id));
      }),
      { numRuns: 200 },
    );
  });

  it('improving any single answer never lowers the score or the grade', () => {
    const arb = arbAnswers(r).chain((answers) =>
      fc.nat({ max: r.indicators.length - 1 }).chain((i) => {
        const ind = r.indicators[i]!;
        return arbImprovement(ind, answers[ind.id]).map((better) => ({ answers, better: { ...answers, [ind.id]: better } }));
      }),
    );
    fc.assert(
      fc.property(arb, ({ answers, better }) => {
        const a = score(answers);
        const b = score(better);
        if (a.score !== null && b.score !== null) expect(b.score).toBeGreaterThanOrEqual(a.score);
        expect(gradeRank(b.grade?.id)).toBeGreaterThanOrEqual(gradeRank(a.grade?.id));
      }),
      { numRuns: 300 },
    );
  });

  it('scoring is deterministic', () => {
    fc.assert(
      fc.property(arbAnswers(r), (answers) => {
        expect(canonicalJson(score(answers))).toBe(canonicalJson(score(structuredClone(answers))));
      }),
      { numRuns: 100 },
    );
  });
});
