// The rubric language beyond the 58-indicator standard, exercised on small synthetic rubrics.
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { formatText } from '../../src/format/text.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import { definition, indicator, pointsScoring } from '../support/definitions.js';
import { problemsOf } from '../support/rubrics.js';

const unit = { code: '610527100000', name: '测试镇', level: 'township' };
const sub = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ rubric: 'test-rubric', unit, period: '2026-11', answers, ...extra });

describe('rubrics without tiers: 达标 / 未达标, mandatory against recommended', () => {
  const r = rubricFromDefinition(
    definition([
      indicator('1', { kind: 'boolean' }),
      indicator('2', { kind: 'boolean' }, { requirement: 'recommended' }),
      indicator('3', { kind: 'range', unit: 'm²', minimum: 0, maximum: 5000, min: 20, max: 30 }),
    ]),
  );

  it('is 达标 when every mandatory indicator is met, whatever the recommended ones', () => {
    const a = assess(r, sub({ '1': true, '2': false, '3': 25 }));
    expect(a.result).toEqual({ passed: true, label: '达标' });
    expect(a.tier).toBe('compliant');
    expect(a.score).toBeCloseTo(66.67, 2);
  });

  it('is 未达标 with the blocking mandatory indicators named', () => {
    const a = assess(r, sub({ '1': true, '2': true, '3': 31 }));
    expect(a.result).toEqual({ passed: false, label: '未达标' });
    expect(a.gaps).toEqual({ compliant: ['3'] });
    expect(a.tiers[0]!.blocking[0]!.shortfall).toMatchObject({ op: '<=', required: 30, value: 31, difference: 1 });
    const text = formatText(a, r);
    expect(text).toContain('结论：未达标');
    expect(text).toContain('未达标原因');
  });

  it('refuses a truncated indicator left mandatory', () => {
    const bad = definition([indicator('1', { kind: 'boolean' }, { truncated: true })]);
    expect(() => rubricFromDefinition(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'CONFLICT', path: '/sections/0/indicators/0/requirement' })] }));
    expect(() => rubricFromDefinition(definition([indicator('1', { kind: 'boolean' }, { truncated: true, requirement: 'recommended' })]))).not.toThrow();
  });

  it('refuses a recommended indicator marked necessary', () => {
    expect(() => rubricFromDefinition(definition([indicator('1', { kind: 'boolean' }, { requirement: 'recommended', necessary_for: ['x'] })], { tiers: [{ id: 'x', label: 'X' }] }))).toThrow(AuditError);
  });
});

describe('thresholds derived from facts in the submission', () => {
  const r = rubricFromDefinition(
    definition(
      [indicator('1', { kind: 'number', unit: 'm²', minimum: 0, maximum: 100000, threshold: { op: '>=', derived: { fact: 'population', per: 1000, value: 300 } } })],
      { facts: { population: { label: '户籍人口', unit: '人', integer: true, minimum: 0 } } },
    ),
  );

  it.each([
    [1000, 300, 'met'],
    [1000, 299.5, 'unmet'],
    [2500, 750, 'met'],
    [2500, 700, 'unmet'],
  ])('population %s with %s m² is %s (300 m² per 1000, inclusive)', (population, area, status) => {
    const a = assess(r, sub({ '1': area }, { facts: { population } }));
    expect(a.results[0]!.status).toBe(status);
    expect(a.facts).toEqual({ population });
  });

  it('names the missing fact when the submission lacks it', () => {
    expect(problemsOf(r, sub({ '1': 300 }))).toMatchObject([{ code: 'FACT_MISSING', path: '/facts/population', message: expect.stringContaining('户籍人口') }]);
  });

  it('does not need the fact when the indicator is not answered', () => {
    expect(problemsOf(r, sub({}))).toEqual([]);
  });

  it('refuses unknown and out-of-range facts', () => {
    expect(problemsOf(r, sub({ '1': 1 }, { facts: { population: -1, households: 3 } })).map((p) => [p.code, p.path])).toEqual([
      ['OUT_OF_RANGE', '/facts/population'],
      ['UNKNOWN_FACT', '/facts/households'],
    ]);
  });

  it('refuses a rubric whose threshold uses an undeclared fact', () => {
    const bad = definition([indicator('1', { kind: 'number', unit: 'm²', minimum: 0, maximum: 100000, threshold: { op: '>=', derived: { fact: 'people', per: 1000, value: 300 } } })]);
    expect(() => rubricFromDefinition(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'UNKNOWN_FACT', path: '/sections/0/indicators/0/check/threshold/derived/fact' })] }));
  });
});

describe('dimensions, enumerations, frequencies and composites', () => {
  const counter = indicator('1', { kind: 'dimension', unit: 'cm', tolerance: 1, dims: [{ id: 'height', label: '高', value: 80 }, { id: 'depth', label: '台面宽', value: 70 }] });
  const sign = indicator('2', {
    kind: 'composite',
    parts: [
      { id: 'size', label: '尺寸', check: { kind: 'dimension', unit: 'cm', dims: [{ id: 'width', label: '宽', value: 45 }, { id: 'height', label: '高', value: 20 }] } },
      { id: 'colour', label: '颜色', check: { kind: 'choice', options: [{ id: 'blue_white', label: '蓝底白字' }, { id: 'red_white', label: '红底白字' }], accept: ['blue_white'] } },
    ],
  });
  const visits = indicator('3', { kind: 'frequency', times: 1, per: 'week', unit: '次' });
  const r = rubricFromDefinition(definition([counter, sign, visits]));
  const ok = { '1': { unit: 'cm', height: 80, depth: 70 }, '2': { size: { unit: 'cm', width: 45, height: 20 }, colour: '蓝底白字' }, '3': 4 };

  it('accepts exact, within-tolerance and converted dimensions', () => {
    for (const d of [{ unit: 'cm', height: 81, depth: 69 }, { unit: 'mm', height: 800, depth: 700 }, { unit: 'm', height: 0.8, depth: 0.705 }]) {
      expect(assess(r, sub({ ...ok, '1': d })).results[0]!.status).toBe('met');
    }
  });

  it('reports a dimension out of tolerance, with the difference', () => {
    const res = assess(r, sub({ ...ok, '1': { unit: 'cm', height: 82, depth: 70 } })).results[0]!;
    expect(res.status).toBe('unmet');
    expect(res.reason).toBe('实测 高 82、台面宽 70 厘米；高应为 80 厘米，相差 2 厘米');
    expect(res.missing_items).toEqual(['高']);
  });

  it('refuses a dimension in a wrong unit or as text, naming the field', () => {
    expect(problemsOf(r, sub({ ...ok, '1': { unit: '寸', height: 24, depth: 21 } }))).toMatchObject([{ code: 'WRONG_UNIT', path: '/answers/1/unit', message: expect.stringContaining('只接受长度单位') }]);
    expect(problemsOf(r, sub({ ...ok, '1': { unit: 'cm', height: '80厘米', depth: 70 } }))).toMatchObject([{ code: 'WRONG_TYPE', path: '/answers/1/height' }]);
    expect(problemsOf(r, sub({ ...ok, '1': { height: 80, depth: 70 } }))).toMatchObject([{ code: 'WRONG_UNIT', path: '/answers/1/unit' }]);
    expect(problemsOf(r, sub({ ...ok, '1': '80×70' }))).toMatchObject([{ code: 'WRONG_TYPE', path: '/answers/1' }]);
  });

  it('checks a composite part by part, with errors located inside it', () => {
    const a = assess(r, sub({ ...ok, '2': { size: { unit: 'cm', width: 45, height: 20 }, colour: 'red_white' } }));
    expect(a.results[1]).toMatchObject({ status: 'unmet', missing_items: ['颜色'] });
    expect(problemsOf(r, sub({ ...ok, '2': { size: { unit: 'cm', width: 45, height: '二十' }, colour: '绿' } })).map((p) => p.path)).toEqual(['/answers/2/size/height', '/answers/2/colour']);
    expect(problemsOf(r, sub({ ...ok, '2': { size: { unit: 'cm', width: 45, height: 20 } } }))).toMatchObject([{ code: 'INCOMPLETE_CHECKLIST', path: '/answers/2/colour' }]);
  });

  it('counts a weekly duty as four times in the month', () => {
    expect(assess(r, sub({ ...ok, '3': 4 })).results[2]!.status).toBe('met');
    const res = assess(r, sub({ ...ok, '3': 3 })).results[2]!;
    expect(res.status).toBe('unmet');
    expect(res.reason).toBe('本月 3 次，要求每周至少 1 次（本月按 4 周计，至少 4 次），差 1 次');
    expect(problemsOf(r, sub({ ...ok, '3': 2.5 }))).toMatchObject([{ code: 'WRONG_TYPE', path: '/answers/3' }]);
  });
});

describe('a duty due in each week (each): answered in weeks done, never more than the period has', () => {
  const weekly = indicator('1', { kind: 'frequency', times: 1, per: 'week', unit: '次', each: true }, { points: 5, deduct: { per: 1.25 } });
  const twice = indicator('2', { kind: 'frequency', times: 2, per: 'week', unit: '次', each: true }, { points: 3 });
  const inPart = indicator('3', { kind: 'composite', parts: [{ id: 'visits', label: '走访', check: { kind: 'frequency', times: 1, per: 'week', unit: '次', each: true } }, { id: 'book', label: '台账', check: { kind: 'boolean' } }] }, { points: 2 });
  const r = rubricFromDefinition(definition([weekly, twice, inPart], { scoring: pointsScoring }));
  const ok = { '1': 4, '2': 4, '3': { visits: 4, book: true } };

  it('every week of the month must be done; each week missed costs its share, and the result says weeks', () => {
    const a = assess(r, sub(ok));
    expect(a.results.map((x) => x.status)).toEqual(['met', 'met', 'met']);
    const short = assess(r, sub({ ...ok, '1': 3, '2': 1 }));
    expect(short.results[0]).toMatchObject({ status: 'unmet', reason: '本月做到的 3 周，要求每周至少 1 次，每周都要做到（本月按 4 周计，4 周都要做到），差 1 周；扣 1.25 分', shortfalls: [{ required: 4, value: 3, difference: 1, unit: '周' }] });
    expect(short.results[0]!.points).toEqual({ max: 5, earned: 3.75, deducted: 1.25, bonus: 0 });
    // Twice a week: the answer still counts weeks (those with two visits), not visits.
    expect(short.results[1]).toMatchObject({ status: 'unmet', shortfalls: [{ required: 4, value: 1, difference: 3, unit: '周' }] });
    expect(short.results[1]!.reason).toContain('每周至少 2 次，每周都要做到');
  });

  it('a month of five weeks (October 2026) asks five', () => {
    expect(assess(r, sub({ '1': 5, '2': 5, '3': { visits: 5, book: true } }, { period: '2026-10' })).results.map((x) => x.status)).toEqual(['met', 'met', 'met']);
    expect(assess(r, sub(ok, { period: '2026-10' })).results.map((x) => x.status)).toEqual(['unmet', 'unmet', 'unmet']);
  });

  it('more weeks than the period has is refused at the answer (a total of visits given for weeks), inside a composite too', () => {
    const problems = problemsOf(r, sub({ '1': 5, '2': { value: 8, note: '共走访 8 次' }, '3': { visits: 6, book: true } }));
    expect(problems).toMatchObject([
      { code: 'OUT_OF_RANGE', path: '/answers/1', indicator: '1' },
      { code: 'OUT_OF_RANGE', path: '/answers/2/value', indicator: '2' },
      { code: 'OUT_OF_RANGE', path: '/answers/3/visits', indicator: '3' },
    ]);
    expect(problems[0]!.message).toBe('指标 1 填的是做到的周数：2026-11 只有 4 周（一周从周一到周日，跨期的一周算在包含其周四的那一期），不能填 5；如填的是次数，请改为做到的周数');
  });

  it('a part counted in working days needs the year\'s holiday calendar as a whole answer does', () => {
    const duty = indicator('1', { kind: 'composite', parts: [{ id: 'days', label: '坐班', check: { kind: 'frequency', times: 1, per: 'workday', unit: '天' } }, { id: 'book', label: '台账', check: { kind: 'boolean' } }] }, { points: 10 });
    const rr = rubricFromDefinition(definition([duty], { scoring: pointsScoring }));
    expect(problemsOf(rr, sub({ '1': { days: 20, book: true } }, { period: '2024-10' }))).toMatchObject([{ code: 'CALENDAR_MISSING', path: '/period' }]);
    expect(assess(rr, sub({ '1': { days: 21, book: true } })).results[0]!.status).toBe('met'); // November 2026: 21 working days
  });

  it('each is refused with named weekdays, which are already due day by day', () => {
    expect(() => rubricFromDefinition(definition([indicator('1', { kind: 'frequency', on: ['tue'], unit: '天', each: true })]))).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: 'CONFLICT', path: '/sections/0/indicators/0/check/each' })] }),
    );
  });
});

describe('points: deductions, caps, bonuses, veto and grade bands', () => {
  const r = rubricFromDefinition(
    definition(
      [
        indicator('1', { kind: 'checklist', require: 'all', items: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }, { id: 'c', label: '丙' }] }, { points: 1, deduct: { per: 0.2 } }),
        indicator('2', { kind: 'count', unit: '次' }, { points: 3, deduct: { per: 1 } }),
        indicator('3', { kind: 'boolean' }, { points: 6 }),
        indicator('4', { kind: 'count', unit: '次' }, { points: 0, veto: true }),
        indicator('5', { kind: 'count', unit: '项' }, { points: 3, bonus: { per: 1 } }),
      ],
      { scoring: pointsScoring },
    ),
  );
  const full = { '1': ['a', 'b', 'c'], '2': 0, '3': true, '4': 0, '5': 0 };

  it('full marks give the top grade; a bonus with nothing to add is not applicable', () => {
    const a = assess(r, sub(full));
    expect(a.score).toBe(10);
    expect(a.grade).toMatchObject({ id: 'excellent', label: '优秀', vetoed: false, pass: true });
    expect(a.result).toEqual({ passed: true, label: '优秀' });
    expect(a.results[4]).toMatchObject({ status: 'not_applicable', reason: '本期无加分事项' });
  });

  it('每缺一项扣0.2分 and 发现一次扣1分, each capped at the item points', () => {
    const a = assess(r, sub({ ...full, '1': ['a'], '2': 7 }));
    expect(a.results[0]!.points).toEqual({ max: 1, earned: 0.6, deducted: 0.4, bonus: 0 });
    expect(a.results[1]!.points).toEqual({ max: 3, earned: 0, deducted: 3, bonus: 0 });
    expect(a.results[1]!.reason).toContain('扣 3 分');
    expect(a.score).toBe(6.6);
    expect(a.grade).toMatchObject({ id: 'pass', next: { id: 'good', points_short: 1.4 } });
  });

  it('bonuses add up to the item cap and the rubric bonus_cap, never above the total', () => {
    const withBonus = assess(r, sub({ ...full, '3': false, '5': 5 }));
    expect(withBonus.results[4]!.points).toMatchObject({ bonus: 3 });
    expect(withBonus.score_detail).toMatchObject({ bonus: 2, max: 10 });
    expect(withBonus.score).toBe(6);
    expect(assess(r, sub({ ...full, '5': 2 })).score).toBe(10);
  });

  it('a failed veto item gives 不合格 whatever the points, and says so', () => {
    const a = assess(r, sub({ ...full, '4': 1 }));
    expect(a.score).toBe(10);
    expect(a.grade).toMatchObject({ id: 'fail', label: '不合格', vetoed: true, veto_items: ['4'], by_score: 'excellent', pass: false });
    expect(a.result.passed).toBe(false);
    expect(a.gaps.compliant).toEqual(['4']);
    expect(formatText(a, r)).toContain('考核等级：不合格（单项否决：4；按得分应为优秀）');
  });

  it('an unanswered veto item gives no grade (未评定, VETO_NOT_ASSESSED): not passing, and never a veto', () => {
    const { '4': _, ...rest } = full;
    const a = assess(r, sub(rest));
    expect(a.score).toBe(10);
    expect(a.grade).toMatchObject({ id: 'not_assessed', label: '未评定', pass: false, vetoed: false, veto_items: [], by_score: 'excellent' });
    expect(a.grade!.not_assessed).toEqual({ code: 'VETO_NOT_ASSESSED', items: ['4'], reason: expect.stringContaining('否决项 4“指标4”未检查，不能评定等级（不是单项否决；按得分为优秀）') });
    expect(a.grade!.next).toBeUndefined();
    expect(a.result).toEqual({ passed: false, label: '未评定' });
    // Still what blocks 达标, as an unanswered item, not as a failed one.
    expect(a.tiers[0]!.blocking).toMatchObject([{ id: '4', status: 'not_assessed' }]);
    const text = formatText(a, r);
    expect(text).toContain('考核等级：未评定（否决项未检查：4；按得分应为优秀）');
    expect(text).not.toContain('单项否决：');
  });

  it('a failed veto item decides even when another is unanswered, and only the failed one is listed as the veto', () => {
    const two = rubricFromDefinition(
      definition(
        [
          indicator('1', { kind: 'boolean' }, { points: 10 }),
          indicator('v1', { kind: 'count', unit: '次' }, { points: 0, veto: true }),
          indicator('v2', { kind: 'count', unit: '次' }, { points: 0, veto: true }),
        ],
        { scoring: pointsScoring },
      ),
    );
    const a = assess(two, sub({ '1': true, v1: 1 }));
    expect(a.grade).toMatchObject({ id: 'fail', vetoed: true, veto_items: ['v1'] });
    expect(a.grade!.not_assessed).toBeUndefined();
    expect(assess(two, sub({ '1': true, v1: 0, v2: 0 })).grade).toMatchObject({ id: 'excellent', vetoed: false, pass: true });
  });

  it('keeps the grade id of 未评定 free: a rubric may not name a band not_assessed', () => {
    const [excellent, good, pass] = pointsScoring.grades!;
    const scoring = { ...pointsScoring, grades: [excellent, good!, pass!, { id: 'not_assessed', label: '差', min: 0, pass: false }] as typeof pointsScoring.grades };
    const bad = definition([indicator('1', { kind: 'boolean' }, { points: 10 })], { scoring });
    expect(() => rubricFromDefinition(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'POINTS', path: '/scoring/grades', message: expect.stringContaining('留给“未评定”') })] }));
  });

  it('refuses points that do not add up to the total, and points in a percent rubric', () => {
    const bad = definition([indicator('1', { kind: 'boolean' }, { points: 4 })], { scoring: pointsScoring });
    expect(() => rubricFromDefinition(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'POINTS', path: '/scoring/total' })] }));
    const mixed = definition([indicator('1', { kind: 'boolean' }, { points: 4 })]);
    expect(() => rubricFromDefinition(mixed)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'POINTS', path: '/sections/0/indicators/0/points' })] }));
  });
});

describe('points: the bonus and the rescaling for 不适用 items (scoring.bonus_order)', () => {
  // 6 points 不适用, 2 of the other 4 earned, 1 bonus point: rescaled 2/4 × 10 = 5.
  const rubricWith = (order?: 'after_rescaling' | 'before_rescaling') =>
    rubricFromDefinition(
      definition(
        [
          indicator('1', { kind: 'boolean' }, { points: 6, na: { allowed: true, when: '没有该设施' } }),
          indicator('2', { kind: 'count', unit: '次' }, { points: 4, deduct: { per: 1 } }),
          indicator('3', { kind: 'count', unit: '项' }, { points: 3, bonus: { per: 1 } }),
        ],
        { scoring: { ...pointsScoring, ...(order ? { bonus_order: order } : {}) } },
      ),
    );
  const answers = { '1': { status: 'not_applicable', reason: '没有该设施' }, '2': 2, '3': 1 };

  it.each([
    [undefined, 6, 'by default the bonus is added after the rescaling: 2/4 × 10 + 1'],
    ['after_rescaling', 6, 'after_rescaling: 2/4 × 10 + 1'],
    ['before_rescaling', 7.5, 'before_rescaling: (2 + 1)/4 × 10'],
  ] as const)('%s → %s (%s)', (order, score, _why) => {
    const a = assess(rubricWith(order), sub(answers));
    expect(a.score).toBe(score);
    expect(a.score_detail).toMatchObject({ earned: 2, possible: 4, bonus: 1, max: 10 });
  });

  it('both orders give the same score when nothing is 不适用, and neither goes above the total', () => {
    const all = { ...answers, '1': true };
    expect(assess(rubricWith('after_rescaling'), sub(all)).score).toBe(assess(rubricWith('before_rescaling'), sub(all)).score);
    for (const order of ['after_rescaling', 'before_rescaling'] as const) expect(assess(rubricWith(order), sub({ ...answers, '2': 0, '3': 3 })).score).toBe(10);
  });

  it('is a points option: a percent rubric that sets it is refused', () => {
    const bad = definition([indicator('1', { kind: 'boolean' })], { scoring: { method: 'percent', bonus_order: 'before_rescaling' } });
    expect(() => rubricFromDefinition(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'POINTS', path: '/scoring/bonus_order' })] }));
  });
});

describe('indicators for one level of unit (applies_to)', () => {
  const r = rubricFromDefinition(
    definition([indicator('1', { kind: 'boolean' }), indicator('2', { kind: 'boolean' }, { applies_to: ['village'] })]),
  );
  const township = { code: '610527100000', name: '测试镇', level: 'township' };

  it('are 不适用 for other levels without being answered, and do not block 达标', () => {
    const a = assess(r, sub({ '1': true }));
    expect(a.results[1]).toMatchObject({ status: 'not_applicable', reason_code: 'LEVEL_NOT_APPLICABLE', reason: '不适用：本指标只适用于村(社区)，本单位为镇(街道)' });
    expect(a.result).toEqual({ passed: true, label: '达标' });
  });

  it('are required as usual at their own level', () => {
    const a = assess(r, sub({ '1': true }, { unit: { ...township, level: 'village' } }));
    expect(a.gaps).toEqual({ compliant: ['2'] });
  });

  it('refuse an answer from another level, naming the indicator; an explicit 不适用 is accepted', () => {
    expect(problemsOf(r, sub({ '1': true, '2': true }))).toMatchObject([{ code: 'NOT_FOR_LEVEL', path: '/answers/2', message: expect.stringContaining('只适用于村(社区)') }]);
    expect(problemsOf(r, sub({ '1': true, '2': { status: 'not_applicable', reason: '镇级中心' } }))).toEqual([]);
    expect(problemsOf(r, sub({ '1': true, '2': { status: 'not_applicable', reason: '无' } }, { unit: { ...township, level: 'village' } }))).toMatchObject([{ code: 'NA_NOT_ALLOWED' }]);
  });

  it('a rubric cannot give an indicator a level the rubric itself does not cover', () => {
    const bad = definition([indicator('1', { kind: 'boolean' }, { applies_to: ['county'] })]);
    expect(() => rubricFromDefinition(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'CONFLICT', path: '/sections/0/indicators/0/applies_to/0' })] }));
  });
});
