// The points model against the shapes real county tables take (../shared/sources/real-tables.md). Every expected
// score is worked out by hand from the table's own rule, in the comment beside it.
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/engine/evaluate.js';
import { rubricFromDefinition } from '../../../src/rubric/parse.js';
import type { Check, Indicator, RubricDefinition, Section } from '../../../src/schema/generated/rubric.js';
import { indicator } from '../../support/definitions.js';
import { problemsOf } from '../../support/rubrics.js';

const GRADES = [
  { id: 'pass', label: '合格', min: 60, pass: true },
  { id: 'fail', label: '不合格', min: 0, pass: false },
];

/** A points rubric from sections; `scoring` may override total, max, floor, bonus_cap. */
function rubric(sections: Section[], scoring: Partial<RubricDefinition['scoring']> = {}, extra: Partial<RubricDefinition> = {}) {
  return rubricFromDefinition({
    id: 'test-rubric',
    title: '测试考核细则',
    version: '1',
    issuer: '测试县',
    source: { file: 'standards/township-center-58-indicators.md' },
    effective: { from: null },
    applies_to: ['township', 'village'],
    levels: ['部分', '项目'],
    scoring: { method: 'points', total: 100, grades: GRADES, ...scoring },
    sections: sections as [Section, ...Section[]],
    ...extra,
  });
}
const section = (title: string, indicators: Indicator[], extra: Partial<Section> = {}): Section => ({ title, indicators: indicators as [Indicator, ...Indicator[]], ...extra });
const parent = (title: string, sections: Section[], extra: Partial<Section> = {}): Section => ({ title, sections: sections as [Section, ...Section[]], ...extra });
const rule = (id: string, check: Check, per: number, extra: Partial<Indicator> = {}) => indicator(id, check, { deduct: { per }, ...extra });
const COUNT: Check = { kind: 'count', unit: '次' };
const YES: Check = { kind: 'boolean' };
const unit = { code: '330212001000', name: '测试镇便民服务中心', level: 'township' };
const score = (r: ReturnType<typeof rubric>, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  assess(r, { rubric: 'test-rubric', unit, period: '2026-11', answers, ...extra });

describe('section budgets: 扣完为止 inside each section, nested 70 → 15 → 3', () => {
  // 宁国 2023 细则: 政务服务工作(标准分70分) → (一)政务服务标准化(标准分15分) → 1. 事项“应领尽领”的得3分 …
  const r = rubric([
    parent('政务服务工作', [
      section('(一)政务服务标准化', ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => indicator(id, YES, { points: 3 })), { id: 'A1', points: 15 }),
      section('(二)其他政务服务工作', [indicator('a6', YES, { points: 55 })], { id: 'A2', points: 55 }),
    ], { id: 'A', points: 70 }),
    section('运行质态', [rule('b1', COUNT, 5)], { id: 'B', points: 30 }),
  ]);
  const full = { a1: true, a2: true, a3: true, a4: true, a5: true, a6: true, b1: 0 };

  it('each item takes from its own section; sections add up to the total', () => {
    // A1 = 15 − 3 − 3 = 9 (a2, a3 missed); A2 = 55; A = 70 − (15 − 9) = 64; B = 30 − 2 × 5 = 20; score = 64 + 20 = 84.
    const a = score(r, { ...full, a2: false, a3: false, b1: 2 });
    expect(a.score).toBe(84);
    expect(a.sections!.map((s) => [s.id, s.depth, s.max, s.subtotal, s.deducted])).toEqual([
      ['A', 0, 70, 64, 6],
      ['A1', 1, 15, 9, 6],
      ['A2', 1, 55, 55, 0],
      ['B', 0, 30, 20, 10],
    ]);
  });

  it('a section is floored at 0 (扣完为止) and never takes from another', () => {
    // b1: 7 × 5 = 35 > 30, so B = 0, not −5; A untouched at 70. Score = 70.
    const a = score(r, { ...full, b1: 7 });
    expect(a.score).toBe(70);
    expect(a.sections!.find((s) => s.id === 'B')).toMatchObject({ subtotal: 0, deducted: 30 });
    expect(a.results.find((x) => x.id === 'b1')!.points).toEqual({ max: 0, earned: -35, deducted: 35, bonus: 0 });
  });

  it('refuses a budget smaller than one of its items, naming the item', () => {
    const bad = () => rubric([section('部分', [indicator('x', YES, { points: 20 }), rule('y', COUNT, 1)], { points: 15 }), section('其余', [indicator('z', YES, { points: 85 })])]);
    expect(bad).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.objectContaining({ code: 'POINTS', path: '/sections/0/indicators/0/points', message: '分值 20 大于所在部分的分值 15（预算小于其中一项）' })]) }));
  });
});

describe('deductions from the total that belong to no item, and 扣分不封顶', () => {
  // 其他: 被上级通报批评 1次扣10分; 造成严重后果 每次扣20分.
  const sections = [section('日常工作', [indicator('x', YES, { points: 100 })]), section('其他', [rule('r1', COUNT, 10), rule('r2', COUNT, 20)])];

  it('come out of the total, floored at 0 by default', () => {
    // 100 − 3 × 10 − 4 × 20 = −10 → 0.
    expect(score(rubric(sections), { x: true, r1: 3, r2: 4 }).score).toBe(0);
    // 100 − 10 − 20 = 70.
    expect(score(rubric(sections), { x: true, r1: 1, r2: 1 }).score).toBe(70);
  });

  it('go below 0 where the rubric says the total is not floored (扣分不封顶)', () => {
    expect(score(rubric(sections, { floor: false }), { x: true, r1: 3, r2: 4 }).score).toBe(-10);
  });

  it('a score below 0 in a table whose every band passes still passes: grade and 达标 agree', () => {
    // 出勤: 100 − 3 × 10 − 4 × 20 = −10, and the only band, 记分, has no score below which a unit fails.
    const r = rubric(sections, { floor: false, grades: [{ id: 'scored', label: '记分', min: 0, pass: true }] });
    const a = score(r, { x: true, r1: 3, r2: 4 });
    expect(a.score).toBe(-10);
    expect(a.grade).toMatchObject({ id: 'scored', pass: true });
    expect(a.tiers[0]).toMatchObject({ id: 'compliant', reached: true });
    expect(a.tiers[0]).not.toHaveProperty('min_score');
    expect(a.result.passed).toBe(true);
    // With a failing band below, 合格 still needs its 60 points.
    const graded = score(rubric(sections, { floor: false }), { x: true, r1: 3, r2: 4 });
    expect(graded.tiers[0]).toMatchObject({ reached: false, min_score: 60, score_short: 70 });
  });
});

describe('base score plus bonus above full marks', () => {
  // 槐泗镇: 加分: 镇表彰+1、区部门+1、区委区政府+2、市级以上+3.
  const awards: Check = { kind: 'tally', unit: '次', counts: [{ id: 'town', label: '镇表彰' }, { id: 'district', label: '区部门' }, { id: 'district_gov', label: '区委区政府' }, { id: 'city', label: '市级以上' }] };
  const bonus = indicator('bonus', awards, { bonus: { rates: [{ count: 'town', per: 1 }, { count: 'district', per: 1 }, { count: 'district_gov', per: 2 }, { count: 'city', per: 3 }] } });
  const sections = [section('基本分', [rule('x', COUNT, 2, { points: 100 })]), section('附加分', [bonus])];
  const one = { town: 1, district: 1, district_gov: 1, city: 1 };

  it('基本分100分，最高分110分; 附加分加满5分为止', () => {
    const r = rubric(sections, { max: 110, bonus_cap: 5 });
    // 100 − 3 × 2 = 94; bonus 1 + 1 + 2 + 3 = 7, capped at 5 → 99.
    expect(score(r, { x: 3, bonus: one }).score).toBe(99);
    // Nothing lost: 100 + 5 = 105, past full marks and within 110.
    expect(score(r, { x: 0, bonus: one }).score).toBe(105);
  });

  it('says what each award added, by who awarded it', () => {
    const r = rubric(sections, { max: 110, bonus_cap: 5 });
    const a = score(r, { x: 0, bonus: { town: 1, district: 0, district_gov: 1, city: 0 } });
    expect(a.results[1]).toMatchObject({ status: 'met', reason_code: 'BONUS', reason: '加 3 分（镇表彰 1 次 × 1 分、区委区政府 1 次 × 2 分）', points: { bonus: 3 } });
  });

  it('加分无上限: only the highest score caps it', () => {
    const r = rubric(sections, { max: 110 });
    // 100 + 1 + 1 + 2 + 3 × 3 = 113 → 110.
    expect(score(r, { x: 0, bonus: { ...one, city: 3 } }).score).toBe(110);
    // 94 + 7 = 101.
    expect(score(r, { x: 3, bonus: one }).score).toBe(101);
  });

  it('钟楼: 基础得分6分，扣完为止，加分无上限 (no highest score at all)', () => {
    // 信息每条+0.5: 6 − 1 + 8 × 0.5 = 9.
    const r = rubric([section('信息工作', [rule('late', COUNT, 1, { points: 6 }), indicator('news', COUNT, { bonus: { per: 0.5 } })])], { total: 6, max: 'none', grades: [{ id: 'ok', label: '达标', min: 6, pass: true }, { id: 'no', label: '不达标', min: 0, pass: false }] });
    const a = score(r, { late: 1, news: 8 });
    expect(a.score).toBe(9);
    expect(a.score_detail).toMatchObject({ total: 6, max: null, bonus: 4 });
  });

  it('without a highest score of its own, bonus only makes up lost points', () => {
    // 94 + 5 = 99; 100 + 5 → 100.
    const r = rubric(sections, { bonus_cap: 5 });
    expect(score(r, { x: 3, bonus: one }).score).toBe(99);
    expect(score(r, { x: 0, bonus: one }).score).toBe(100);
  });
});

describe('several deduction rates in one rule; the answer carries the counts per rate', () => {
  const tally = (...counts: Array<[string, string]>): Check => ({ kind: 'tally', unit: '次', counts: counts.map(([id, label]) => ({ id, label })) as [{ id: string; label: string }] });
  const r = rubric([
    section('工作纪律', [
      // 迟到：1次扣1分，时间长的扣3分.
      indicator('late', tally(['short', '迟到'], ['long', '时间长的']), { points: 10, deduct: { rates: [{ count: 'short', per: 1 }, { count: 'long', per: 3 }] } }),
      // 每个黄牌扣2分，每个红牌扣3分.
      indicator('cards', tally(['yellow', '黄牌'], ['red', '红牌']), { points: 10, deduct: { rates: [{ count: 'yellow', per: 2 }, { count: 'red', per: 3 }] } }),
      // 未告知每件次扣3分；告知不全面每件次扣1分.
      indicator('notice', tally(['none', '未实行一次性书面告知'], ['partial', '告知内容不全面']), { points: 10, deduct: { rates: [{ count: 'none', per: 3 }, { count: 'partial', per: 1 }] } }),
      // 检查发现不在岗每次扣5分；被区抽查不在岗每次扣10分；被省、市抽查不在岗扣20分.
      indicator('absent', tally(['town', '乡检查发现'], ['district', '区抽查'], ['city', '省、市抽查']), { points: 20, deduct: { rates: [{ count: 'town', per: 5 }, { count: 'district', per: 10 }, { count: 'city', per: 20 }] } }),
    ]),
    section('其余', [indicator('rest', YES, { points: 50 })]),
  ]);
  const clean = { late: { short: 0, long: 0 }, cards: { yellow: 0, red: 0 }, notice: { none: 0, partial: 0 }, absent: { town: 0, district: 0, city: 0 }, rest: true };

  it('each count at its own rate, capped at the item', () => {
    const a = score(r, { ...clean, late: { short: 2, long: 1 }, cards: { yellow: 1, red: 1 }, notice: { none: 1, partial: 2 }, absent: { town: 1, district: 1, city: 0 } });
    // late 2 + 3 = 5; cards 2 + 3 = 5; notice 3 + 2 = 5; absent 5 + 10 = 15. 100 − 30 = 70.
    expect(a.results.slice(0, 4).map((x) => x.points!.deducted)).toEqual([5, 5, 5, 15]);
    expect(a.score).toBe(70);
    // 省市 once and 区 once: 20 + 10 = 30, capped at the item's 20.
    expect(score(r, { ...clean, absent: { town: 0, district: 1, city: 1 } }).results[3]!.points).toEqual({ max: 20, earned: 0, deducted: 20, bonus: 0 });
  });

  it('refuses a rate that names no count, at its YAML path', () => {
    const bad = () => rubric([section('部分', [indicator('cards', tally(['yellow', '黄牌']), { points: 100, deduct: { rates: [{ count: 'red', per: 3 }] } })])]);
    expect(bad).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: '/sections/0/indicators/0/deduct/rates/0/count', message: expect.stringContaining('“red”不存在') })] }));
  });
});

describe('inspector judgement: a range, and rating bands', () => {
  const r = rubric([
    section('服务', [
      // 工作人员不负责任出现不良后果的，酌情扣3-5分.
      indicator('harm', { kind: 'judgement', min: 3, max: 5 }, { points: 10, deduct: { judged: true } }),
      // 好/较好/一般/差.
      indicator('rated', { kind: 'rating', bands: [{ id: 'good', label: '好', points: 10 }, { id: 'fair', label: '较好', points: 8 }, { id: 'average', label: '一般', points: 6 }, { id: 'poor', label: '差', points: 3 }] }, { points: 10 }),
    ]),
    section('其余', [indicator('rest', YES, { points: 80 })]),
  ]);

  it('takes the amount the inspector chose for each case, within the bounds, with a reason', () => {
    // Two cases judged 4 and 5: 9 of 10; the band 较好 earns 8 of 10. 100 − 9 − 2 = 89.
    const a = score(r, { harm: { value: [4, 5], note: '两次办错件，群众往返' }, rated: '较好', rest: true });
    expect(a.results[0]).toMatchObject({ status: 'unmet', points: { max: 10, earned: 1, deducted: 9, bonus: 0 } });
    expect(a.results[1]).toMatchObject({ status: 'unmet', points: { max: 10, earned: 8, deducted: 2, bonus: 0 } });
    expect(a.score).toBe(89);
  });

  it('refuses an amount outside the bounds, and a judged amount without its reason', () => {
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-11', answers: { harm: { value: 6, note: '严重' } } })).toMatchObject([{ code: 'OUT_OF_RANGE', path: '/answers/harm/value' }]);
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-11', answers: { harm: 4 } })).toMatchObject([{ code: 'REASON_MISSING', path: '/answers/harm' }]);
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-11', answers: { harm: 0, rated: '很好' } })).toMatchObject([{ code: 'UNKNOWN_ITEM', path: '/answers/rated' }]);
  });
});

describe('linear scoring on a rate: 办结率每减少1个百分点扣N分, with a cap', () => {
  const rate: Check = { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: 100 } };
  const build = (whole?: boolean) =>
    rubric([section('办件', [indicator('done', rate, { points: 10, deduct: { linear: { per: 2, from: 100, ...(whole !== undefined ? { whole } : {}) } } }), indicator('rest', YES, { points: 90 })])]);

  it.each([
    // 97.5%: 2.5 points short × 2 = 5.
    [undefined, 97.5, 5],
    // Whole points only: 2 × 2 = 4.
    [true, 97.5, 4],
    // 90%: 10 × 2 = 20, capped at the item's 10.
    [undefined, 90, 10],
    [undefined, 100, 0],
  ])('whole=%s: %s per cent deducts %s points', (whole, value, deducted) => {
    expect(score(build(whole), { done: value, rest: true }).results[0]!.points!.deducted).toBe(deducted);
  });
});

describe('rates computed from counts in the submission', () => {
  const r = rubric([
    section('评价', [
      // 好评率 = 好评 ÷ 评价总数; 每低于95%一个百分点扣1分.
      indicator('praise', { kind: 'ratio', of: { id: 'good', label: '好评数' }, per: { id: 'total', label: '评价总数' }, threshold: { op: '>=', value: 95 } }, { points: 10, deduct: { linear: { per: 1, from: 95 } } }),
      // 好差评: 非常满意 10 / 满意 8 / 基本满意 6 / 不满意 3 / 非常不满意 0; the average must reach 9.
      indicator('stars', {
        kind: 'mean',
        levels: [{ id: 'v5', label: '非常满意', value: 10 }, { id: 'v4', label: '满意', value: 8 }, { id: 'v3', label: '基本满意', value: 6 }, { id: 'v2', label: '不满意', value: 3 }, { id: 'v1', label: '非常不满意', value: 0 }],
        threshold: { op: '>=', value: 9 },
        zero: 'not_applicable',
      }, { points: 10 }),
      // 回访率: a zero denominator is an error by default.
      indicator('callback', { kind: 'ratio', of: { id: 'called', label: '回访数' }, per: { id: 'due', label: '应回访数' }, threshold: { op: '>=', value: 100 } }, { points: 10 }),
    ]),
    section('其余', [indicator('rest', YES, { points: 70 })]),
  ]);
  const stars = (v5: number, v4: number, v3: number, v2: number, v1: number) => ({ v5, v4, v3, v2, v1 });

  it('shows the computed value and the counts, and scores on the computed value', () => {
    const a = score(r, { praise: { good: 180, total: 200 }, stars: stars(5, 3, 1, 1, 0), callback: { called: 10, due: 10 }, rest: true });
    // 180 ÷ 200 = 90%: 5 points below 95 → 5 deducted.
    expect(a.results[0]).toMatchObject({ status: 'unmet', computed: { value: 90, unit: '%', counts: { good: 180, total: 200 } }, points: { deducted: 5 } });
    // (5×10 + 3×8 + 1×6 + 1×3 + 0) ÷ 10 = 8.3 < 9: the item (no deduction rule) is lost whole.
    expect(a.results[1]).toMatchObject({ status: 'unmet', computed: { value: 8.3, unit: '分' }, points: { deducted: 10 } });
    // 100 − 5 − 10 = 85.
    expect(a.score).toBe(85);
  });

  it('a zero denominator is a clear error, or 不适用 where the rubric says so', () => {
    const none = score(r, { praise: { good: 190, total: 200 }, stars: stars(0, 0, 0, 0, 0), callback: { called: 3, due: 3 }, rest: true });
    expect(none.results[1]).toMatchObject({ status: 'not_applicable', reason_code: 'NOTHING_TO_ASSESS' });
    // stars 不适用: 90 points left, all earned → rescaled to 100.
    expect(none.score).toBe(100);
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-11', answers: { callback: { called: 0, due: 0 } } })).toMatchObject([
      { code: 'OUT_OF_RANGE', path: '/answers/callback/due', message: '指标 callback 的“应回访数”为 0，无法计算比率：请填写实际数目' },
    ]);
    // Where the indicator may be marked 不适用, the message says so.
    const withNa = rubric([section('评价', [indicator('callback', { kind: 'ratio', of: { id: 'called', label: '回访数' }, per: { id: 'due', label: '应回访数' }, threshold: { op: '>=', value: 100 } }, { points: 100, na: { allowed: true, when: '本期无应回访事项' } })])]);
    expect(problemsOf(withNa, { rubric: 'test-rubric', unit, period: '2026-11', answers: { callback: { called: 0, due: 0 } } })).toMatchObject([
      { code: 'OUT_OF_RANGE', message: '指标 callback 的“应回访数”为 0，无法计算比率：请填写实际数目，或在没有可评价事项时注明不适用' },
    ]);
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-11', answers: { praise: { good: 201, total: 200 } } })).toMatchObject([{ code: 'OUT_OF_RANGE', path: '/answers/praise/good' }]);
  });
});

describe('escalation: past a bound, one rule becomes another', () => {
  // 擅自离岗30分钟一次扣1分；1小时以上按旷工处理 (每旷工一次扣5分).
  const r = rubric([
    section('考勤', [
      indicator('leave', { kind: 'occurrences', unit: '次', measure: { label: '离岗时长', unit: '分钟', maximum: 480 } }, { deduct: { per: 1, escalate: { at: { op: '>=', value: 60 }, to: 'truant', label: '按旷工处理' } } }),
      rule('truant', COUNT, 5),
    ], { points: 20 }),
    section('其余', [indicator('rest', YES, { points: 80 })]),
  ]);

  it('moves the long absences to the truancy rule', () => {
    // 20 and 45 minutes: 2 × 1; 90 minutes is 旷工: 1 × 5. 20 − 7 = 13; score 93.
    const a = score(r, { leave: [20, 45, 90], truant: 0, rest: true });
    expect(a.results[0]!.points!.deducted).toBe(2);
    expect(a.results[0]!.reason).toContain('按旷工处理（计入指标 truant）');
    expect(a.results[1]).toMatchObject({ status: 'unmet', points: { deducted: 5 } });
    expect(a.score).toBe(93);
  });
});

describe('stars as the headline result', () => {
  // 一星–五星 by score lines (the top line passes 100 where bonus allows) and a star-specific necessary condition.
  const tiers = [
    { id: 'one', label: '一星', min_score: 60 },
    { id: 'two', label: '二星', min_score: 70 },
    { id: 'three', label: '三星', min_score: 80 },
    { id: 'four', label: '四星', min_score: 90 },
    { id: 'five', label: '五星', min_score: 103 },
  ];
  const sections = [section('服务', [rule('x', COUNT, 5, { points: 60 }), indicator('y', YES, { points: 40, necessary_for: ['four'] }), indicator('b', COUNT, { bonus: { per: 1 } })])];
  const r = rubric(sections, { max: 105 }, { tiers });

  it.each([
    // 100 + 5 (bonus) = 105 ≥ 103: 五星.
    [0, true, 5, '五星'],
    // 100 + 2 = 102: 四星 (five needs 103).
    [0, true, 2, '四星'],
    // x once: 60 − 5 = 55, and y fails: 55, below the first line.
    [1, false, 0, '未达到任何等级'],
    // 90 + 0 with y met: 四星.
    [2, true, 0, '四星'],
  ])('x=%s y=%s bonus=%s → %s', (x, y, b, label) => {
    expect(score(r, { x, y, b }).result.label).toBe(label);
  });

  it('blocks a star on its own necessary condition whatever the score', () => {
    // y unmet: 60 of 100 with a bonus of 5 → 65: 一星, and 四星 is blocked by y as well as by the score.
    const a = score(r, { x: 0, y: false, b: 5 });
    expect(a.score).toBe(65);
    expect(a.result.label).toBe('一星');
    expect(a.gaps.four).toEqual(['y']);
  });

  it('refuses a star line out of order, and a line above the highest score', () => {
    const swapped = [tiers[1]!, tiers[0]!, ...tiers.slice(2)];
    expect(() => rubric(sections, { max: 105 }, { tiers: swapped })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'THRESHOLD_ORDER', path: '/tiers/1/min_score' })] }));
    expect(() => rubric(sections, {}, { tiers })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'BOUNDS', path: '/tiers/4/min_score' })] }));
  });
});

describe('self-score beside the inspector’s', () => {
  const r = rubric([section('硬件', [indicator('x', YES, { points: 30 }), rule('y', COUNT, 2, { points: 20 })], { id: 'H', points: 50 }), section('服务', [indicator('z', YES, { points: 50 })])]);

  it('shows both and the difference, per item, per section and in all', () => {
    // x met 30, y 2 × 2 = 4 → 16, z unmet 0: 46. The unit said 30, 20, 50 = 100.
    const a = score(r, { x: true, y: 2, z: false }, { self_scores: { x: 30, y: 20, z: 50 } });
    expect(a.results.map((x) => [x.id, x.self_score, x.self_difference])).toEqual([['x', 30, 0], ['y', 20, -4], ['z', 50, -50]]);
    expect(a.self_assessment).toEqual({ total: 100, complete: true, difference: -54 });
    const bySection = score(r, { x: true, y: 2, z: false }, { self_scores: { H: 50, z: 50 } });
    expect(bySection.sections![0]).toMatchObject({ id: 'H', subtotal: 46, self_score: 50, self_difference: -4 });
    expect(bySection.self_assessment).toEqual({ total: 100, complete: true, difference: -54 });
  });

  it('totals the self-scores the way the table is scored: 不适用 rescaled, a rule taking nothing the unit did not state, a claimed section at its claim', () => {
    const t = rubric([
      section('硬件', [indicator('x', YES, { points: 30 }), rule('w', COUNT, 1)], { id: 'H', points: 50 }),
      section('服务', [indicator('z', YES, { points: 30, not_applicable: '本县不设' }), indicator('q', YES, { points: 20 })]),
    ]);
    // H: 50 − 3 = 47; z 不适用 leaves 70 to earn, 47 + 20 = 67 → 67/70 × 100 = 95.71.
    const answers = { x: true, w: 3, q: true };
    expect(score(t, answers).score).toBe(95.71);
    // x 30 and q 20 claimed, w states no loss: H 50, 70/70 → 100, 4.29 above the score.
    expect(score(t, answers, { self_scores: { x: 30, q: 20 } }).self_assessment).toEqual({ total: 100, complete: true, difference: -4.29 });
    // H claimed at 45: 45 + 20 = 65 → 92.86, and the score is 2.85 above it.
    expect(score(t, answers, { self_scores: { H: 45, q: 20 } }).self_assessment).toEqual({ total: 92.86, complete: true, difference: 2.85 });
    // q not claimed: the claims do not cover the table, so only their sum is shown and no difference.
    expect(score(t, answers, { self_scores: { x: 30 } }).self_assessment).toEqual({ total: 30, complete: false });
  });

  it('a section made only of rules is covered only when the unit scores it', () => {
    const t = rubric([section('纪律', [rule('a', COUNT, 2), rule('b', COUNT, 5)], { id: 'D', points: 20 }), section('服务', [indicator('q', YES, { points: 80 })])]);
    const answers = { a: 1, b: 0, q: true };
    // D: 20 − 1 × 2 = 18; q 80: 98.
    expect(score(t, answers).score).toBe(98);
    // Only q claimed: D is not stated, so there is no score of the unit's to compare.
    expect(score(t, answers, { self_scores: { q: 80 } }).self_assessment).toEqual({ total: 80, complete: false });
    // D claimed at 20: 20 + 80 = 100, 2 above the score.
    expect(score(t, answers, { self_scores: { D: 20, q: 80 } }).self_assessment).toEqual({ total: 100, complete: true, difference: -2 });
  });

  it('warns where a hand-written 考核分 differs from the answers, and never uses it', () => {
    const a = score(r, { x: true, y: 2, z: true }, { inspector_scores: { y: 18 } });
    expect(a.score).toBe(96);
    expect(a.warnings).toEqual([expect.objectContaining({ code: 'SCORE_MISMATCH', indicator: 'y', message: expect.stringContaining('手填的考核分 18 与按答案计算的 16 不一致') })]);
  });

  it('refuses a self-score out of range or on something without points', () => {
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-11', answers: {}, self_scores: { x: 31, H: 10, nope: 1 } }).map((p) => [p.code, p.path])).toEqual([
      ['OUT_OF_RANGE', '/self_scores/x'],
      ['UNKNOWN_INDICATOR', '/self_scores/nope'],
    ]);
  });
});

describe('periods other than a month, where the rubric says so', () => {
  const r = rubric([section('工作', [indicator('visits', { kind: 'frequency', times: 1, per: 'week', unit: '次' }, { points: 100, deduct: { per: 10 } })])], {}, { period: 'quarter' });

  it('takes a quarter, and counts its calendar weeks', () => {
    // 2026-Q3: Thursdays in July (5), August (4) and September (4) = 13 weeks; 11 visits lose 2 × 10.
    const a = score(r, { visits: 11 }, { period: '2026-Q3' });
    expect(a.results[0]!.reason).toBe('本季度 11 次，要求每周至少 1 次（本季度按 13 周计，至少 13 次），差 2 次；扣 20 分');
    expect(a.score).toBe(80);
  });

  it('refuses a month for a quarterly rubric, saying how to write the period', () => {
    expect(problemsOf(r, { rubric: 'test-rubric', unit, period: '2026-09', answers: {} })).toMatchObject([{ code: 'PERIOD_KIND', path: '/period', message: expect.stringContaining('YYYY-Qn') }]);
  });
});

describe('properties of the points model', () => {
  const r = rubric([
    section('A', [rule('a1', COUNT, 3), rule('a2', COUNT, 2)], { id: 'A', points: 30 }),
    section('B', [indicator('b1', YES, { points: 40 }), rule('b2', COUNT, 5, { points: 30 })], { id: 'B' }),
    section('其他', [rule('o1', COUNT, 10)]),
  ]);

  it('one more deduction never raises the score; the floor always holds; subtotals add up', () => {
    for (let a1 = 0; a1 <= 12; a1 += 3) {
      for (let o1 = 0; o1 <= 11; o1 += 2) {
        const base = score(r, { a1, a2: 1, b1: true, b2: 1, o1 });
        for (const id of ['a1', 'a2', 'b2', 'o1'] as const) {
          const more = score(r, { a1, a2: 1, b1: true, b2: 1, o1, [id]: ({ a1, a2: 1, b2: 1, o1 } as Record<string, number>)[id]! + 1 });
          expect(more.score!).toBeLessThanOrEqual(base.score!);
        }
        expect(base.score!).toBeGreaterThanOrEqual(0);
        const A = base.sections!.find((s) => s.id === 'A')!;
        expect(A.subtotal).toBe(Math.max(0, 30 - 3 * a1 - 2));
        // The score is the total less every deduction at the top: the sections' losses and the rules of 其他.
        const lost = base.sections!.filter((s) => s.depth === 0).reduce((x, s) => x + s.deducted, 0);
        expect(base.score).toBe(Math.max(0, 100 - lost));
      }
    }
  });
});
