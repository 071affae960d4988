// 银川市政务服务工作绩效考评办法(试行) 附件2 分厅部门考核赋分表 (real-tables.md T4): six indicators worth
// 20/20/20/20/10/10, each a budget its 赋分标准 sentences deduct from, 扣完为止. Every expected score below is worked
// out by hand from the table's own rules, in the comment beside it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { rubricKit } from '../support/kit.js';
import { passingAnswers } from '../support/rubrics.js';
import { deductionProperties, expectSectionsAddUp, transcriptionBody, withoutLayout } from '../support/tables.js';

const ID = 'yinchuan-branch-hall-departments';
const { r, md, load, sub, problemsOf } = await rubricKit(ID, { code: '640100000009', name: '测试部门（分厅）', level: 'county' });
const txt = readFileSync(join(PACKAGE_ROOT, 'standards/yinchuan-branch-hall-scoring.txt'), 'utf8');
/** Nothing found: every yes/no 是, every count 0, 评优比例 at its line (20%). */
const NONE = passingAnswers(r);
const score = (over: Record<string, unknown> = {}) => assess(r, sub({ ...NONE, ...over }));
type Scored = ReturnType<typeof score>;
const subtotals = (a: Scored) => Object.fromEntries(a.sections!.map((s) => [s.id, s.subtotal]));
const lost = (a: Scored) => Object.fromEntries(a.sections!.map((s) => [s.id, s.deducted]));
const deducted = (a: Scored) => Object.fromEntries(a.results.filter((x) => x.points?.deducted).map((x) => [x.id, x.points!.deducted]));
const FULL = { '1': 20, '2': 20, '3': 20, '4': 20, '5': 10, '6': 10 };

type Rule = [id: string, sentence: string, deduct: { per: number; max: number }, kind: string];
const TABLE: Array<[id: string, title: string, budget: number, rules: Rule[]]> = [
  ['1', '领导重视', 20, [
    ['1.1', '没有安排专题研究的扣5分。', { per: 5, max: 5 }, 'boolean'],
    ['1.2', '未纳入考核扣3分。', { per: 3, max: 3 }, 'boolean'],
    ['1.3', '评优比例低于20%的扣3分。', { per: 3, max: 3 }, 'number'],
  ]],
  ['2', '事项进厅', 20, [
    ['2.1', '每少进一项扣2分。', { per: 2, max: Infinity }, 'count'],
    ['2.2', '进厅事项未公开，每少一项扣2分。', { per: 2, max: Infinity }, 'count'],
    ['2.3', '没有办事指南等宣传单扣2分。', { per: 2, max: 2 }, 'boolean'],
  ]],
  ['3', '办事效率', 20, [
    ['3.1', '窗口应做到而没有做到的，每件扣3分。', { per: 3, max: Infinity }, 'count'],
    ['3.2', '不按要求配合工作的扣5分', { per: 5, max: 5 }, 'count'],
    ['3.3', '要求减而未减的扣3分', { per: 3, max: 3 }, 'count'],
  ]],
  ['4', '环境建设设备配置', 20, [
    ['4.1', '环境杂乱扣5分。', { per: 5, max: 5 }, 'boolean'],
    ['4.2', '服装不统一扣5分。', { per: 5, max: 5 }, 'boolean'],
    ['4.3', '没有便民设施扣2分。', { per: 2, max: 2 }, 'boolean'],
    ['4.4', '办公设施配备不全的扣5分。', { per: 5, max: 5 }, 'boolean'],
    ['4.5', '因故障(不可抗力因素外)延误三个工作日以上扣5分。', { per: 5, max: 5 }, 'count'],
  ]],
  ['5', '信息畅通', 10, [['5.1', '每少报一次扣2分。', { per: 2, max: Infinity }, 'count']]],
  ['6', '群众投诉', 10, [
    ['6.1', '投诉没有及时查处的扣2分。', { per: 2, max: 2 }, 'count'],
    ['6.2', '有效投诉没有及时改正的扣2分。', { per: 2, max: 2 }, 'count'],
    ['6.3', '被媒体曝光的每次扣5分。', { per: 5, max: Infinity }, 'count'],
  ]],
];

describe(`${ID}: the rubric as data`, () => {
  it('six indicators as budgeted sections, 20/20/20/20/10/10, adding up to the total of 100', () => {
    expect(r.sections.map((s) => [s.id, s.title, s.budget])).toEqual(TABLE.map(([id, title, budget]) => [id, title, budget]));
    expect(r.sections.reduce((sum, s) => sum + s.budget!, 0)).toBe(r.scoring.total);
    expect(r.scoring).toMatchObject({ method: 'points', total: 100, max: 100, floor: true });
    expect(r.scoring.grades.map((g) => [g.label, g.min, g.pass])).toEqual([['不分等级', 0, true]]);
  });

  it('each 分值 is what its row gives', () => {
    for (const [, title, budget] of TABLE) expect(txt).toContain(`| ${title} | ${budget} | `);
  });

  it.each(TABLE)('indicator %s %s: each 赋分标准 sentence is its own rule, quoted verbatim, deducting as it says', (id, title, _budget, rules) => {
    const section = r.sections.find((s) => s.id === id)!;
    expect(section.indicatorIds).toEqual(rules.map(([rid]) => rid));
    const row = txt.split('\n').find((l) => l.startsWith(`| ${title} |`))!;
    // The transcription lists the row's sentences under the indicator's heading, in order.
    const block = md.split(`### ${title}\n`)[1]!.split('\n###')[0]!.split('\n').filter((l) => l.startsWith('- '));
    rules.forEach(([rid, sentence, deduct, kind], i) => {
      const ind = r.byId.get(rid)!;
      expect(ind.text).toBe(sentence);
      expect(row).toContain(sentence);
      expect(block[i]!.startsWith(`- ${sentence}`), rid).toBe(true);
      expect(ind.source).toEqual({ file: 'standards/yinchuan-branch-hall-scoring.md', part: `分厅部门考核赋分表 › ${title} › 赋分标准第${i + 1}句` });
      expect(ind.check.kind, rid).toBe(kind);
      expect(ind.points).toBeUndefined();
      expect(ind.deduct).toEqual(deduct);
      expect(sentence).toContain(`扣${deduct.per}分`);
      // The reading of the table: a sentence that says 每 counts every occurrence, uncapped; one that only says 扣N分 takes N once.
      expect(sentence.includes('每'), rid).toBe(deduct.max === Infinity);
    });
  });

  it('encodes all 18 sentences, though the heading of real-tables.md says 14 rules, and says why', () => {
    expect(r.indicators).toHaveLength(18);
    expect(txt).toContain('(6 indicators / 14 rules)');
    expect(md).toMatch(/赋分标准栏共 18 句/);
    expect(r.definition.source.note).toMatch(/赋分标准栏实有 18 句/);
  });

  it('assesses half years (年中和年末考评两次), and says where that comes from', () => {
    expect(r.period).toBe('half_year');
    expect(txt).toContain('"考评分年中和年末考评两次综合考评"');
    expect(r.definition.notes!.join('\n')).toMatch(/按半年一期（period: half_year，2026-H1 为年中考评、2026-H2 为年末考评）/);
  });

  it('states its readings: each indicator floored at its 分值, once against 每, the office it cannot name, the unit level, no year', () => {
    expect(r.definition.scoring.note).toMatch(/扣完为止，该指标得分不低于 0 分，也不从别的指标中扣/);
    const notes = r.definition.notes!.join('\n');
    expect(notes).toMatch(/只写“扣N分”的规则读作一个考评期内发现即扣 N 分、只扣一次/);
    expect(notes).toMatch(/real-tables\.md 没有录入科室名称，本评分标准不编造/);
    expect(notes).toMatch(/本评分标准用 county 表示这一级/);
    expect(r.version).toBe('undated.1');
    expect(r.definition.effective.from).toBeNull();
  });

  it('the transcription only adds layout: without heading and list marks, table pipes and whitespace it is the original, character for character', () => {
    expect(withoutLayout(transcriptionBody(md))).toBe(withoutLayout(txt));
  });
});

describe(`${ID}: the fixtures score as the table's own rules give, by hand`, () => {
  it('clean: nothing found → every indicator at its 分值, 100', () => {
    const a = assess(r, load('clean'));
    expect(subtotals(a)).toEqual(FULL);
    expect(a.score).toBe(100);
  });

  it('deductions: rules in every indicator, per-item and once-only → 76', () => {
    // 领导重视 20: 1.3 评优比例 15% < 20% → 3                                  → 17
    // 事项进厅 20: 2.1 2 项 × 2 = 4; 2.2 1 项 × 2 = 2                           → 14
    // 办事效率 20: 3.1 1 件 × 3 = 3; 3.3 2 项, 扣3分 once = 3                     → 14
    // 环境建设设备配置 20: 4.2 服装不统一 → 5                                   → 15
    // 信息畅通 10: 5.1 1 次 × 2 = 2                                              →  8
    // 群众投诉 10: 6.1 2 件, 扣2分 once = 2                                      →  8
    // score = 17 + 14 + 14 + 15 + 8 + 8 = 76 (= 100 − 24).
    const a = assess(r, load('deductions'));
    expect(deducted(a)).toEqual({ '1.3': 3, '2.1': 4, '2.2': 2, '3.1': 3, '3.3': 3, '4.2': 5, '5.1': 2, '6.1': 2 });
    expect(subtotals(a)).toEqual({ '1': 17, '2': 14, '3': 14, '4': 15, '5': 8, '6': 8 });
    expect(a.score).toBe(76);
    expect(a.results.find((x) => x.id === '1.3')!.reason).toContain('15%');
    expectSectionsAddUp(r, a);
  });

  it('over-budget: four indicators lose more than their 分值, each floored at 0 → 32, not 22', () => {
    // 领导重视 20: 1.1 否 → 5; 1.2 否 → 3; 1.3 不适用 (1.2 答否)                → 20 − 8 = 12
    // 事项进厅 20: 2.1 8 × 2 = 16; 2.2 3 × 2 = 6; 2.3 否 → 2: 24 > 20            →  0
    // 办事效率 20: nothing found                                                  → 20
    // 环境建设设备配置 20: 4.1 5 + 4.2 5 + 4.3 2 + 4.4 5 + 4.5 (2 次, once) 5 = 22 →  0
    // 信息畅通 10: 5.1 5 × 2 = 10, exactly its 分值                              →  0
    // 群众投诉 10: 6.1 2 + 6.2 2 + 6.3 2 × 5 = 10: 14 > 10                        →  0
    // score = 12 + 0 + 20 + 0 + 0 + 0 = 32; without each indicator's floor it would be 100 − 78 = 22.
    const a = assess(r, load('over-budget'));
    expect(a.results.find((x) => x.id === '1.3')).toMatchObject({ status: 'not_applicable', reason_code: 'CONDITION_NOT_MET' });
    expect(subtotals(a)).toEqual({ '1': 12, '2': 0, '3': 20, '4': 0, '5': 0, '6': 0 });
    expect(lost(a)).toEqual({ '1': 8, '2': 20, '3': 0, '4': 20, '5': 10, '6': 10 });
    expect(deducted(a)).toMatchObject({ '2.1': 16, '2.2': 6, '2.3': 2, '6.3': 10 });
    expect(a.score).toBe(32);
    expectSectionsAddUp(r, a);
  });
});

describe(`${ID}: boundaries`, () => {
  it.each([
    // 每少进一项扣2分 in 事项进厅 (20): 0, 1 and many; 10 uses the 20 up exactly; one more is floored.
    [0, 20, 0],
    [1, 18, 2],
    [9, 2, 18],
    [10, 0, 20],
    [11, 0, 20],
  ])('2.1 with %s items not brought in: 事项进厅 %s (lost %s)', (n, left, taken) => {
    const a = score({ '2.1': n });
    expect(a.sections!.find((s) => s.id === '2')).toMatchObject({ budget: 20, subtotal: left, deducted: taken });
    expect(a.results.find((x) => x.id === '2.1')!.points!.deducted).toBe(2 * n);
    expect(a.score).toBe(80 + left);
  });

  it.each([
    // 每少报一次扣2分 in 信息畅通 (10).
    [4, 2],
    [5, 0],
    [6, 0],
  ])('5.1 with %s reports missed: 信息畅通 %s', (n, left) => {
    expect(subtotals(score({ '5.1': n }))['5']).toBe(left);
  });

  it.each([
    // 被媒体曝光的每次扣5分 in 群众投诉 (10).
    [0, 10],
    [1, 5],
    [2, 0],
    [3, 0],
  ])('6.3 exposed %s times by the media: 群众投诉 %s', (n, left) => {
    expect(subtotals(score({ '6.3': n }))['6']).toBe(left);
  });

  it.each([
    // 不按要求配合工作的扣5分: once in the half year.
    [0, 20],
    [1, 15],
    [4, 15],
  ])('3.2 found %s times: 办事效率 %s', (n, left) => {
    expect(subtotals(score({ '3.2': n }))['3']).toBe(left);
  });

  it.each([
    // 评优比例低于20%的扣3分: 20% itself is not below 20%.
    [20, 20],
    [100, 20],
    [19.9, 17],
    [0, 17],
  ])('1.3 at %s%%: 领导重视 %s', (rate, left) => {
    expect(subtotals(score({ '1.3': rate }))['1']).toBe(left);
  });

  it('环境建设设备配置: 5 + 5 + 5 + 5 uses the 20 up exactly; the 2 of 便民设施 more is floored, and no other indicator pays for it', () => {
    const worst = { '4.1': false, '4.2': false, '4.4': false, '4.5': 1 };
    expect(score(worst).sections!.find((s) => s.id === '4')).toMatchObject({ subtotal: 0, deducted: 20 });
    const past = score({ ...worst, '4.3': false });
    expect(past.sections!.find((s) => s.id === '4')).toMatchObject({ subtotal: 0, deducted: 20 });
    expect(subtotals(past)).toEqual({ ...FULL, '4': 0 });
    expect(past.score).toBe(80);
  });

  it('1.3 applies only where the work is in the department’s assessment (1.2): otherwise it is 不适用 and an answer to it is refused', () => {
    // 1.2 否: 3 only, not 3 + 3.
    const { '1.3': _, ...without } = NONE;
    const a = assess(r, sub({ ...without, '1.2': false }));
    expect(subtotals(a)['1']).toBe(17);
    expect(a.results.find((x) => x.id === '1.3')!.reason).toContain('指标 1.2“分厅工作纳入部门考核”答“是”时才适用');
    expect(problemsOf({ ...NONE, '1.2': false, '1.3': 10 })).toMatchObject([{ code: 'NOT_APPLICABLE_HERE', path: '/answers/1.3' }]);
    // 1.2 not yet answered: 1.3 may apply, and is scored.
    const { '1.2': __, ...open } = NONE;
    expect(assess(r, sub({ ...open, '1.3': 10 })).results.find((x) => x.id === '1.3')!.points!.deducted).toBe(3);
  });

  it('an unanswered rule without a cap takes its whole indicator, never another; a capped one its cap', () => {
    const { '2.1': _, ...no21 } = NONE;
    const a = assess(r, sub(no21));
    expect(subtotals(a)).toEqual({ ...FULL, '2': 0 });
    expect(a.score).toBe(80);
    const { '3.2': __, ...no32 } = NONE;
    expect(subtotals(assess(r, sub(no32)))).toEqual({ ...FULL, '3': 15 });
  });
});

describe(`${ID}: bad input is named at its JSON pointer, every problem at once`, () => {
  it('a rate over 100%, a yes/no written as text, a fractional count and a negative one', () => {
    expect(problemsOf({ ...NONE, '1.3': 120, '1.1': '是', '2.1': 1.5, '6.3': -1 }).map((p) => [p.code, p.path])).toEqual([
      ['WRONG_TYPE', '/answers/1.1'],
      ['OUT_OF_RANGE', '/answers/1.3'],
      ['WRONG_TYPE', '/answers/2.1'],
      ['WRONG_TYPE', '/answers/6.3'],
    ]);
  });

  it('a month is not a period of this table; a village is not a department', () => {
    expect(problemsOf(NONE, { period: '2026-06' })).toMatchObject([{ code: 'PERIOD_KIND', path: '/period', message: expect.stringContaining('按半年考核') }]);
    const village = problemsOf(NONE, { unit: { code: '640100100201', name: '某村', level: 'village' } });
    expect(village[0]).toMatchObject({ code: 'UNIT_LEVEL', path: '/unit/level' });
  });

  it('不适用 is refused where the table gives no case for it', () => {
    expect(problemsOf({ ...NONE, '4.3': { status: 'not_applicable', reason: '分厅面积小' } })).toMatchObject([{ code: 'NA_NOT_ALLOWED', path: '/answers/4.3/status' }]);
  });
});

describe(`${ID}: properties`, () => {
  deductionProperties(r, (answers) => assess(r, sub(answers)));
});
