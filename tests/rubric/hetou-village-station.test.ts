// 河头镇便民服务站建设与运行绩效考核评分暂行办法 (real-tables.md T2): the 镇 scores each 村(居) station every month by
// the 13 rows of “(一) 扣除分(手工录入)”. Every expected score below is worked out by hand from the table's own rules,
// in the comment beside it, from this rubric's stated default base of 100.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { rubricKit } from '../support/kit.js';
import { passingAnswers } from '../support/rubrics.js';
import { deductionProperties, expectSectionsAddUp, transcriptionBody, withoutLayout } from '../support/tables.js';

const ID = 'hetou-village-station';
const { r, md, load, sub, problemsOf } = await rubricKit(ID, { code: '445321108209', name: '河头镇测试村便民服务站', level: 'village' });
const txt = readFileSync(join(PACKAGE_ROOT, 'standards/hetou-village-station-scoring.txt'), 'utf8');
/** Nothing found anywhere; 13 (truncated) answered 是. */
const NONE = passingAnswers(r);
const score = (over: Record<string, unknown> = {}) => assess(r, sub({ ...NONE, ...over }));
const deducted = (a: ReturnType<typeof score>) => Object.fromEntries(a.results.filter((x) => x.points!.deducted > 0).map((x) => [x.id, x.points!.deducted]));
const section = (a: ReturnType<typeof score>) => a.sections![0]!;
/** The table row of the original with this number. */
const row = (n: string) => txt.split('\n').find((l) => l.startsWith(`| ${n} |`))!;

describe(`${ID}: the rubric as data`, () => {
  it('is one section, (一) 扣除分(手工录入), without a budget of its own: the 13 rows in table order', () => {
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0]).toMatchObject({ number: '(一)', title: '扣除分(手工录入)', sections: [] });
    expect(r.sections[0]!.budget).toBeUndefined();
    expect(r.sections[0]!.indicatorIds).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
    expect(r.appliesTo).toEqual(['village']);
    expect(r.period).toBe('month');
  });

  it('deducts from a base of 100 that it states as its own default, floored at 0, with no grades the table does not give', () => {
    expect(r.scoring).toMatchObject({ method: 'points', total: 100, max: 100, floor: true, bonusCap: Infinity });
    expect(r.definition.scoring.note).toMatch(/没有基础分/);
    expect(r.definition.scoring.note).toMatch(/默认设置：基础分 100 分（total）/);
    expect(r.definition.scoring.note).toMatch(/100 分和 0 分下限都是本文件的读法/);
    expect(r.scoring.grades.map((g) => [g.label, g.min, g.pass])).toEqual([['不分等级', 0, true]]);
    expect(r.definition.scoring.note).toMatch(/原文没有等级、也没有合格线/);
  });

  it('gives no year: the page has none', () => {
    expect(ID).not.toMatch(/\d/);
    expect(r.version).toBe('undated.1');
    expect(r.definition.effective.from).toBeNull();
    expect(r.definition.effective.note).toMatch(/未载明发布日期/);
  });

  const RULES: Array<[string, string[], { per?: number; rates?: Array<{ count: string; per: number }>; max: number }]> = [
    ['1', ['事项办理不发给受理通知书或存在体外循环的（只采用纸质办理，无录入系统）', '每项每次扣3分'], { per: 3, max: Infinity }],
    ['2', ['属本部门办理的前置审批不纳入系统办理，规避电子监察的', '扣3分'], { per: 3, max: 3 }],
    ['3', ['受理评价满意度调查结果为不满意或很差的', '经核实扣3分'], { per: 3, max: 3 }],
    ['4', ['未实行一次性书面告知', '每件次扣3分', '告知内容不全面', '每件次扣1分'], { rates: [{ count: 'not_informed', per: 3 }, { count: 'incomplete', per: 1 }], max: Infinity }],
    ['5', ['公示的咨询电话在上班时间无人接听的，或接听后无跟进的', '每次扣3分'], { per: 3, max: Infinity }],
    ['6', ['出现有效投诉、有效举报的', '每件扣3分'], { per: 3, max: Infinity }],
    ['7', ['预受理或办理事项出现红黄牌的，根据调查核实具体情况，确定责任单位', '每个黄牌扣2分', '每个红牌扣3分'], { rates: [{ count: 'yellow', per: 2 }, { count: 'red', per: 3 }], max: Infinity }],
    ['8', ['服务站在工作时间没有办事人员受理业务的', '扣2分'], { per: 2, max: 2 }],
    ['9', ['服务站点设备、网络不正常并且不及时报修的', '扣1分'], { per: 1, max: 1 }],
    ['10', ['群众申办已延伸至镇村的事项拒不受理的', '扣3分'], { per: 3, max: 3 }],
    ['11', ['拒绝或不及时替群众到部门或镇服务站取回审批结果的', '扣2分'], { per: 2, max: 2 }],
    ['12', ['需要上交纸质材料不及时送达部门的', '扣2分'], { per: 2, max: 2 }],
  ];

  it.each(RULES)('row %s quotes its row sentence by sentence and deducts as it says', (id, sentences, deduct) => {
    const ind = r.byId.get(id)!;
    expect(ind.text).toBe(sentences.join('\n'));
    for (const s of sentences) {
      expect(row(id)).toContain(s);
      expect(md).toContain(s);
    }
    expect(ind.source).toEqual({ file: 'standards/hetou-village-station-scoring.md', part: `四、评分内容与标准 › (一) 扣除分(手工录入) › ${id}` });
    expect(ind.points).toBeUndefined();
    expect(ind.deduct).toEqual(deduct);
    // The reading of the table: a rule that says 每 counts every occurrence, uncapped; one that only says 扣N分 takes N once.
    const rates = sentences.filter((s) => /扣\d分/.test(s));
    expect(rates.every((s) => s.includes('每')), id).toBe(deduct.max === Infinity);
    if (deduct.per !== undefined) {
      expect(rates).toEqual([expect.stringContaining(`扣${deduct.per}分`)]);
      if (deduct.max !== Infinity) expect(ind.note, id).toMatch(new RegExp(`只扣一次|见 notes`));
    }
  });

  it('row 4 keeps its two rates apart: each count of the tally is named by its own sentence and takes its own rate', () => {
    const c = r.byId.get('4')!.check;
    if (c.kind !== 'tally') throw new Error(`4 is ${c.kind}`);
    expect(c).toMatchObject({ kind: 'tally', unit: '件次', counts: [{ id: 'not_informed', label: '未实行一次性书面告知' }, { id: 'incomplete', label: '告知内容不全面' }] });
    // The text pairs each case with its rate, in the order of the row: 未实行… 每件次扣3分, 告知内容不全面 每件次扣1分.
    const lines = r.byId.get('4')!.text.split('\n');
    expect(row('4')).toBe('| 4 | 未实行一次性书面告知 / 告知内容不全面 | 每件次扣3分 / 每件次扣1分 |');
    for (const [i, rate] of r.byId.get('4')!.deduct!.rates!.entries()) {
      expect(lines[2 * i]).toBe(c.counts[i]!.label);
      expect(lines[2 * i + 1]).toBe(`每件次扣${rate.per}分`);
    }
  });

  it('row 7 keeps the yellow and the red card apart, each at the rate its sentence gives', () => {
    expect(r.byId.get('7')!.check).toMatchObject({ kind: 'tally', unit: '个', counts: [{ id: 'yellow', label: '黄牌' }, { id: 'red', label: '红牌' }] });
    expect(r.byId.get('7')!.text.split('\n').slice(1)).toEqual(['每个黄牌扣2分', '每个红牌扣3分']);
    expect(r.byId.get('7')!.note).toMatch(/确定本服务站为责任单位/);
  });

  it('row 13 is cut off: truncated, quoted up to the cut, with neither points nor a deduction', () => {
    const ind = r.byId.get('13')!;
    expect(row('13')).toBe('| 13 | 村级服务站不具备2个以上人员熟练操作网上办事大厅便[截断] | [截断] |');
    expect(ind.text).toBe('村级服务站不具备2个以上人员熟练操作网上办事大厅便');
    expect(ind).toMatchObject({ truncated: true, veto: false, necessaryFor: [] });
    expect(ind.points).toBeUndefined();
    expect(ind.deduct).toBeUndefined();
    expect(ind.note).toMatch(/不扣分、不影响结论/);
  });

  it('states its readings: 每 against a plain 扣N分, the default base, row 13, and what an unanswered row costs', () => {
    const notes = r.definition.notes!.join('\n');
    expect(notes).toMatch(/只写“扣N分”的条目读作本月发现即扣 N 分、只扣一次/);
    expect(notes).toMatch(/第 13 条残缺/);
    expect(notes).toMatch(/未作答时本月得分为 0 分/);
    expect(notes).toMatch(/“系统自动统计”部分没有内容和分值，本评分标准不编码/);
    for (const [id] of RULES.filter(([, , d]) => d.max !== Infinity)) expect(r.byId.get(id)!.note, id).toBeDefined();
  });

  it('the transcription only adds layout: without heading marks, table pipes and whitespace it is the original, character for character', () => {
    expect(withoutLayout(transcriptionBody(md))).toBe(withoutLayout(txt));
    expect(md).toContain('### 四、评分内容与标准');
    expect(md).toContain('#### (一) 扣除分(手工录入)。');
  });
});

describe(`${ID}: the fixtures score as the table's own rules give, by hand`, () => {
  it('clean: nothing found in the month, 13 answered 是 → 100', () => {
    const a = assess(r, load('clean'));
    expect(a.score).toBe(100);
    expect(deducted(a)).toEqual({});
    expect(section(a)).toMatchObject({ max: 0, subtotal: 0, deducted: 0 });
    expect(a.result).toEqual({ passed: true, label: '不分等级' });
  });

  it('deductions: per-occurrence rows, both rates of 4 and of 7, and once-a-month rows → 73', () => {
    // 1: 2 项次 × 3 (每项每次扣3分)                 =  6
    // 3: 1 件, 经核实扣3分 (once)                    =  3
    // 4: 未书面告知 1 × 3 + 告知不全面 3 × 1          =  6
    // 5: 1 次 × 3 (每次扣3分)                         =  3
    // 7: 黄牌 2 × 2 + 红牌 1 × 3                      =  7
    // 8: 2 次, 扣2分 (once)                           =  2
    // 13: 否, truncated                               =  0
    // 扣除分 = 6 + 3 + 6 + 3 + 7 + 2 = 27; score = 100 − 27 = 73.
    const a = assess(r, load('deductions'));
    expect(deducted(a)).toEqual({ '1': 6, '3': 3, '4': 6, '5': 3, '7': 7, '8': 2 });
    expect(section(a)).toMatchObject({ max: 0, subtotal: -27, deducted: 27 });
    expect(a.score_detail).toMatchObject({ total: 100, earned: 73, possible: 100, deducted: 27 });
    expect(a.score).toBe(73);
    expect(a.results.find((x) => x.id === '13')).toMatchObject({ status: 'unmet', points: { max: 0, earned: 0, deducted: 0, bonus: 0 } });
    expectSectionsAddUp(r, a);
  });

  it('over-base: 114 points of deductions against the base of 100 → floored at 0; the section still shows all 114 for 手工录入', () => {
    // 1: 8 × 3 = 24;  2: 1 次 → 3 (once);  3: 2 件 → 3 (once);  4: 5 × 3 + 6 × 1 = 21;  5: 4 × 3 = 12;  6: 6 × 3 = 18;
    // 7: 4 × 2 + 5 × 3 = 23;  8: 3 次 → 2 (once);  9: 1 → 1;  10: 2 件 → 3 (once);  11: 1 → 2;  12: 1 → 2;  13 unanswered: 0.
    // 扣除分 = 24 + 3 + 3 + 21 + 12 + 18 + 23 + 2 + 1 + 3 + 2 + 2 = 114; score = max(0, 100 − 114) = 0.
    const a = assess(r, load('over-base'));
    expect(deducted(a)).toEqual({ '1': 24, '2': 3, '3': 3, '4': 21, '5': 12, '6': 18, '7': 23, '8': 2, '9': 1, '10': 3, '11': 2, '12': 2 });
    expect(section(a)).toMatchObject({ max: 0, subtotal: -114, deducted: 114 });
    expect(a.score).toBe(0);
    // What the score lost is the base, no more.
    expect(a.score_detail).toMatchObject({ earned: 0, possible: 100, deducted: 100 });
    expect(a.completeness.unanswered).toEqual(['13']);
    expectSectionsAddUp(r, a);
  });
});

describe(`${ID}: boundaries`, () => {
  it.each([
    // 每次扣3分: 0, 1 and 7 times.
    ['5', 0, 100],
    ['5', 1, 97],
    ['5', 7, 79],
    // 每件扣3分.
    ['6', 2, 94],
    // 扣2分 (once): 0, 1, many.
    ['8', 0, 100],
    ['8', 1, 98],
    ['8', 6, 98],
    // 扣1分 (once).
    ['9', 3, 99],
  ])('row %s found %s times → %s', (id, times, expected) => {
    expect(score({ [id]: times }).score).toBe(expected);
  });

  it.each([
    [{ not_informed: 0, incomplete: 0 }, 100],
    [{ not_informed: 1, incomplete: 0 }, 97],
    [{ not_informed: 0, incomplete: 1 }, 99],
    // 3 × 3 + 4 × 1 = 13.
    [{ not_informed: 3, incomplete: 4 }, 87],
  ])('row 4 at %j → %s', (counts, expected) => {
    expect(score({ '4': counts }).score).toBe(expected);
  });

  it.each([
    [{ yellow: 1, red: 0 }, 98],
    [{ yellow: 0, red: 1 }, 97],
    // 3 × 2 + 2 × 3 = 12.
    [{ yellow: 3, red: 2 }, 88],
  ])('row 7 at %j → %s', (cards, expected) => {
    expect(score({ '7': cards }).score).toBe(expected);
  });

  it('the base used up exactly (100 告知不全面 × 1 = 100) gives 0; one fewer leaves 1; one more stays at 0 and is still counted in the section', () => {
    const at = (incomplete: number) => score({ '4': { not_informed: 0, incomplete } });
    expect(at(99).score).toBe(1);
    expect(at(100).score).toBe(0);
    expect(section(at(100))).toMatchObject({ subtotal: -100, deducted: 100 });
    expect(at(101).score).toBe(0);
    expect(section(at(101))).toMatchObject({ subtotal: -101, deducted: 101 });
  });

  it('row 13 (truncated) never deducts and never blocks, answered 是, 否 or not at all', () => {
    const { '13': _, ...without } = NONE;
    for (const a of [score({ '13': true }), score({ '13': false }), assess(r, sub(without))]) {
      expect(a.score).toBe(100);
      expect(a.result).toEqual({ passed: true, label: '不分等级' });
      expect(a.tiers[0]).toMatchObject({ reached: true, blocking: [] });
      expect(a.gaps).toEqual({});
    }
    expect(score({ '13': false, '5': 1 }).score).toBe(score({ '13': true, '5': 1 }).score);
  });

  it('an unanswered once-a-month row costs its cap; an unanswered per-occurrence row takes the whole base, and says so', () => {
    const { '8': _, ...no8 } = NONE;
    const a = assess(r, sub(no8));
    // 扣2分 at most: 100 − 2 = 98.
    expect(a.score).toBe(98);
    expect(a.results.find((x) => x.id === '8')).toMatchObject({ status: 'not_assessed', points: { deducted: 2 } });
    const { '5': __, ...no5 } = NONE;
    const b = assess(r, sub(no5));
    expect(b.score).toBe(0);
    expect(b.results.find((x) => x.id === '5')!.reason).toContain('扣分不设上限');
    // The section says what the score lost: the whole base (it used to say 0 lost, beside a score of 0).
    expect(section(b)).toMatchObject({ max: 0, subtotal: -100, deducted: 100 });
    expect(b.score).toBe(Math.max(0, r.scoring.total - section(b).deducted));
  });
});

describe(`${ID}: bad input is named at its JSON pointer, every problem at once`, () => {
  it('a negative count, a tally without one of its counts, an unknown card colour and a count written in words', () => {
    const problems = problemsOf({ ...NONE, '1': -1, '4': { not_informed: 1 }, '7': { yellow: 0, red: 0, green: 1 }, '8': '两次' });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['WRONG_TYPE', '/answers/1'],
      ['INCOMPLETE_CHECKLIST', '/answers/4/incomplete'],
      ['UNKNOWN_ITEM', '/answers/7/green'],
      ['WRONG_TYPE', '/answers/8'],
    ]);
    expect(problems[1]!.message).toContain('告知内容不全面');
  });

  it('不适用 is refused: every row can be checked every month (0 when nothing was found)', () => {
    expect(problemsOf({ ...NONE, '5': { status: 'not_applicable', reason: '本月没有公示电话' } })).toMatchObject([{ code: 'NA_NOT_ALLOWED', path: '/answers/5/status' }]);
  });

  it('a quarter, a township and a row the table does not have', () => {
    expect(problemsOf(NONE, { period: '2026-Q4' })).toMatchObject([{ code: 'PERIOD_KIND', path: '/period' }]);
    // A township is refused, and each of its answers too (every row is for a village station).
    const township = problemsOf(NONE, { unit: { code: '445321108000', name: '河头镇', level: 'township' } });
    expect(township[0]).toMatchObject({ code: 'UNIT_LEVEL', path: '/unit/level' });
    expect(township.slice(1).map((p) => [p.code, p.path])).toEqual(r.indicators.map((i) => ['NOT_FOR_LEVEL', `/answers/${i.id}`]));
    expect(problemsOf({ ...NONE, '14': 0 })).toMatchObject([{ code: 'UNKNOWN_INDICATOR', path: '/answers/14' }]);
  });
});

describe(`${ID}: properties`, () => {
  deductionProperties(r, (answers) => assess(r, sub(answers)));
});
