import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical.js';
import { assess } from '../../src/engine/evaluate.js';
import { formatText } from '../../src/format/text.js';
import { standingRank } from '../../src/periods/county.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import { arbAnswers, arbImprovement } from '../support/arbitraries.js';
import { fixture, rubric, submission } from '../support/rubrics.js';

const r = await rubric('county-monthly-assessment');
const load = (name: string) => JSON.parse(readFileSync(fixture('county-monthly-assessment', `${name}.json`), 'utf8'));
const md = readFileSync(new URL('../../standards/baishui-three-level-service-system-2017.md', import.meta.url), 'utf8');
/** The sentence a rule rests on: in the transcription, and in the text of the indicator that encodes it. */
const quoted = (sentence: string, id?: string) => {
  expect(md).toContain(sentence);
  if (id) expect(r.byId.get(id)!.text).toContain(sentence);
};

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
    // 2026-10 has five calendar weeks (Thursdays 1, 8, 15, 22, 29): one home visit of five due loses all 5 points of 5.1.
    ['poor', '不合格', 50, false, []],
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
    expect(deducted).toEqual({ '1.1': 6, '1.3': 3, '2.2': 4, '3.1': 6, '3.3': 2, '5.1': 5, '5.2': 4, '5.3': 3, '6.1': 4, '6.2': 6, '7.2': 3, '7.3': 4 });
    expect(a.gaps).toEqual({ compliant: [] });
    expect(a.tiers[0]).toMatchObject({ reached: false, min_score: 60, score_short: 10 });
    const text = formatText(a, r);
    expect(text).toContain('考核等级：不合格');
    expect(text).toContain('距“合格”（≥60 分）还差 10 分');
  });
});

describe('county-monthly-assessment: 7.4 通报批评 is a veto only when it happened', () => {
  const SENTENCE = '对进展缓慢、推动不力的镇(办)要进行通报批评';
  const { '7.4': _, ...unanswered } = load('good').answers;

  it.each([
    ['通报批评 once: 单项否决, 不合格 whatever the score', 1, { id: 'fail', label: '不合格', vetoed: true, veto_items: ['7.4'], pass: false }, { passed: false, label: '不合格' }],
    ['no 通报批评 (0): graded by the score', 0, { id: 'good', label: '良好', vetoed: false, veto_items: [], pass: true }, { passed: true, label: '良好' }],
    ['left unanswered: 未评定, not passing, and not a veto', undefined, { id: 'not_assessed', label: '未评定', vetoed: false, veto_items: [], pass: false, by_score: 'good' }, { passed: false, label: '未评定' }],
  ])('%s', (_why, times, grade, result) => {
    quoted(SENTENCE, '7.4');
    const a = assess(r, { ...load('good'), answers: times === undefined ? unanswered : { ...unanswered, '7.4': times } });
    expect(a.score).toBe(89.41);
    expect(a.grade).toMatchObject(grade);
    expect(a.result).toEqual(result);
    expect(a.grade!.not_assessed === undefined).toBe(times !== undefined);
  });

  it('an unanswered 7.4 says why, with its own code, in the text report; it never claims a 通报批评', () => {
    const a = assess(r, { ...load('good'), answers: unanswered });
    expect(a.grade!.not_assessed).toMatchObject({ code: 'VETO_NOT_ASSESSED', items: ['7.4'] });
    expect(a.grade!.not_assessed!.reason).toContain('否决项 7.4“未因进展缓慢、推动不力被通报批评（单项否决）”未检查，不能评定等级（不是单项否决；按得分为良好）');
    const text = formatText(a, r);
    expect(text).toContain('考核等级：未评定（否决项未检查：7.4；按得分应为良好）');
    expect(text).not.toContain('单项否决：');
    expect(r.byId.get('7.4')!.note).toMatch(/未作答时不评定等级（“未评定”），不记为单项否决/);
  });

  it('in the county ranking an unanswered 7.4 is below every grade, not passing, and listed as 未评定', () => {
    const graded = assess(r, load('good'));
    const ungraded = assess(r, { ...load('good'), answers: unanswered });
    expect(standingRank(r, ungraded)).toBe(0);
    expect(standingRank(r, graded)).toBeGreaterThan(standingRank(r, ungraded));
  });
});

describe('county-monthly-assessment 5.1: every week without a home visit costs its share, down to nothing', () => {
  const SENTENCE = '每星期至少上门走访一次';
  const village = (visits: number | undefined) =>
    assess(r, { ...submission(r, { '5.1': visits }), unit: { code: '610527100201', name: '测试村', level: 'village' } }).results.find((x) => x.id === '5.1')!;

  it.each([
    [4, 5, 0],
    [3, 3.75, 1.25],
    [2, 2.5, 2.5],
    [1, 1.25, 3.75],
    [0, 0, 5],
  ])('visits in %s weeks of the month earn %s of 5 points (deducted %s)', (weeks, earned, deducted) => {
    quoted(SENTENCE, '5.1');
    // November 2026 has four calendar weeks; a five-week month deducts 1.25 for each of five, still capped at 5.
    expect(r.byId.get('5.1')!.check).toEqual({ kind: 'frequency', times: 1, basis: { per: 'week' }, unit: '次', each: true });
    expect(village(weeks).points).toEqual({ max: 5, earned, deducted, bonus: 0 });
  });

  it('a month has only its own weeks: 5 weeks in November 2026 (4 weeks) is refused, not taken as full marks', () => {
    expect(() => village(5)).toThrow(expect.objectContaining({ code: 'SUBMISSION_INVALID', problems: [expect.objectContaining({ code: 'OUT_OF_RANGE', path: '/answers/5.1' })] }));
  });

  it.each([
    [5, 5, 0],
    [4, 3.75, 1.25],
    [1, 0, 5],
  ])('in October 2026, a five-week month, visits in %s weeks earn %s of 5 points (deducted %s), as its note and guidance say', (visits, earned, deducted) => {
    // Weeks are counted from the calendar (a week belongs to the month holding its Thursday), not taken as four.
    const result = assess(r, { ...submission(r, { '5.1': visits }), period: '2026-10', unit: { code: '610527100201', name: '测试村', level: 'village' } }).results.find((x) => x.id === '5.1')!;
    expect(result.points).toEqual({ max: 5, earned, deducted, bonus: 0 });
    expect(result.requirement).toBe(r.byId.get('5.1')!.requirement);
    const ind = r.byId.get('5.1')!;
    expect(`${ind.note} ${ind.guidance?.inspect}`).not.toMatch(/按 4 周计/);
    expect(ind.note).toMatch(/4 周或 5 周/);
    expect(ind.guidance?.inspect).toMatch(/故本月为 4 或 5 周/);
    expect(ind.guidance?.inspect).toMatch(/填有走访的周数/);
  });

  it('no deduction item of the rubric keeps points that no answer can take away', () => {
    // The most the shortest month can lack: every checklist item, every required time (four weeks); counts are unbounded.
    for (const ind of r.indicators) {
      if (!ind.deduct || ind.check.kind === 'count') continue;
      const c = ind.check;
      const most = c.kind === 'checklist' ? c.items.length : c.kind === 'frequency' && 'per' in c.basis ? (c.each ? 1 : c.times) * (c.basis.per === 'week' ? 4 : 1) : 1;
      expect(Math.min(ind.deduct.max, ind.deduct.per! * most), ind.id).toBeGreaterThanOrEqual(ind.points!);
    }
  });
});

describe('county-monthly-assessment: the bonus is added after rescaling by default; the other order is one option away', () => {
  const SENTENCE = '考核采取打分制,按照月考核、季通报和年累计的方式进行。';
  // 杜康镇 with one more 未挂牌 (75 of the 85 points that apply to a township hall) and two commendations.
  const hall = { ...load('good'), answers: { ...load('good').answers, '3.2': 2, B1: 2 } };
  const withOrder = (order: 'after_rescaling' | 'before_rescaling') => rubricFromDefinition({ ...structuredClone(r.definition), scoring: { ...r.definition.scoring, bonus_order: order } });

  it.each([
    ['the bundled rubric (after_rescaling, stated in it)', () => r, 90.24, '优秀'],
    ['after_rescaling: 75/85 × 100 = 88.24, + 2', () => withOrder('after_rescaling'), 90.24, '优秀'],
    ['before_rescaling: (75 + 2)/85 × 100', () => withOrder('before_rescaling'), 90.59, '优秀'],
  ])('%s → %s', (_why, rubricOf, score, grade) => {
    quoted(SENTENCE);
    expect(r.definition.scoring.bonus_order).toBe('after_rescaling');
    expect(r.definition.scoring.note).toMatch(/加分在折算之后直接加上（bonus_order: after_rescaling）/);
    const a = assess(rubricOf(), hall);
    expect(a.score_detail).toMatchObject({ earned: 75, possible: 85, bonus: 2 });
    expect(a.score).toBe(score);
    expect(a.grade!.label).toBe(grade);
  });
});

describe('points properties (county-monthly-assessment)', () => {
  const score = (answers: Record<string, unknown>, level = 'village') =>
    assess(r, { ...submission(r, answers), unit: { code: '610527001001', name: '测试', level } });
  // The county ladder: 未评定 (a veto item unanswered) sits below every grade.
  const gradeRank = (a: ReturnType<typeof score>) => standingRank(r, a);

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
        expect(gradeRank(b)).toBeGreaterThanOrEqual(gradeRank(a));
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
        expect(gradeRank(b)).toBeGreaterThanOrEqual(gradeRank(a));
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
