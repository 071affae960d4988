// Deduction wording as county tables write it, read into the rubric language: every pattern the reader knows (a
// table of the wordings in real-tables.md and their kin), every pattern it refuses, and the writer it must agree with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRules, readScoringWords, ruleWording, scoringWords, toNumber } from '../../src/rubric/rule-wording.js';
import type { Check, Indicator } from '../../src/schema/generated/rubric.js';

type Expect = { subject?: string; check: Check; deduct?: Indicator['deduct']; bonus?: Indicator['bonus']; points?: number; veto?: true; allOrNothing?: true; confirm?: RegExp };

const count = (unit: string): Check => ({ kind: 'count', unit });
const fault: Check = { kind: 'boolean', expect: false };

/** [wording, rules read, in order]. */
const KNOWN: ReadonlyArray<[string, Expect[]]> = [
  // per occurrence → count + deduct.per, the unit from the measure word
  ['每次扣3分', [{ subject: '', check: count('次'), deduct: { per: 3 } }]],
  ['每件扣3分', [{ check: count('件'), deduct: { per: 3 } }]],
  ['每件次扣5分', [{ check: count('件次'), deduct: { per: 5 } }]],
  ['每项每次扣3分', [{ check: count('次'), deduct: { per: 3 } }]],
  ['发现一次扣1分', [{ subject: '', check: count('次'), deduct: { per: 1 } }]],
  ['被媒体曝光的每次扣5分。', [{ subject: '被媒体曝光', check: count('次'), deduct: { per: 5 } }]],
  ['超过承诺时限每件次扣5分', [{ subject: '超过承诺时限', check: count('件次'), deduct: { per: 5 } }]],
  ['擅自脱岗半天以上每人次每半天扣3分', [{ subject: '擅自脱岗半天以上', check: count('半天'), deduct: { per: 3 } }]],
  ['迟到、早退10分钟之内的每次扣1分', [{ subject: '迟到、早退10分钟之内', check: count('次'), deduct: { per: 1 } }]],
  ['窗口应做到而没有做到的，每件扣3分。', [{ subject: '窗口应做到而没有做到', check: count('件'), deduct: { per: 3 } }]],
  ['每少报一次扣2分。', [{ check: count('次'), deduct: { per: 2 } }]],
  ['故障不及时修理每次扣2分', [{ subject: '故障不及时修理', check: count('次'), deduct: { per: 2 } }]],
  ['每次扣０．５分', [{ check: count('次'), deduct: { per: 0.5 } }]],
  ['每次扣五分', [{ check: count('次'), deduct: { per: 5 } }]],
  // per missing item → count of missing items, flagged: the items are not listed
  ['每缺一项扣0.2分', [{ check: count('项'), deduct: { per: 0.2 }, confirm: /清单各项没有列明/ }]],
  ['每少一项扣1分', [{ check: count('项'), deduct: { per: 1 }, confirm: /清单各项/ }]],
  ['每少进一项扣2分。', [{ check: count('项'), deduct: { per: 2 }, confirm: /清单各项/ }]],
  ['进厅事项未公开，每少一项扣2分。', [{ subject: '进厅事项未公开', check: count('项'), deduct: { per: 2 }, confirm: /清单各项/ }]],
  ['每少一个项目扣5分', [{ check: count('个'), deduct: { per: 5 } }]],
  // …and with the items listed, a checklist
  [
    '每缺一项扣1分\n①组织机构\n②代办职责；代办制度',
    [{ check: { kind: 'checklist', require: 'all', items: [{ id: 'item_1', label: '组织机构' }, { id: 'item_2', label: '代办职责；代办制度' }] }, deduct: { per: 1 } }],
  ],
  // a frequency and each time short
  ['每周至少1次，每少1次扣1.25分', [{ subject: '', check: { kind: 'frequency', times: 1, per: 'week', unit: '次' }, deduct: { per: 1.25 } }]],
  ['每月至少2次，每少一次扣1分', [{ check: { kind: 'frequency', times: 2, per: 'month', unit: '次' }, deduct: { per: 1 } }]],
  // …and each week (month) short: the duty is due in every week, and what is missed is a week
  ['每周至少1次，每少1周扣1.25分', [{ subject: '', check: { kind: 'frequency', times: 1, per: 'week', unit: '次', each: true }, deduct: { per: 1.25 } }]],
  ['每月至少2次，每少一月扣1分', [{ check: { kind: 'frequency', times: 2, per: 'month', unit: '次', each: true }, deduct: { per: 1 } }]],
  // flat amounts → a yes/no finding (is it so?) + deduct.per
  ['扣3分', [{ subject: '', check: fault, deduct: { per: 3 } }]],
  ['经核实扣3分', [{ subject: '', check: fault, deduct: { per: 3 } }]],
  ['没有安排专题研究的扣5分。', [{ subject: '没有安排专题研究', check: fault, deduct: { per: 5 } }]],
  // …and a finding that is a measure below a line: the measure is the answer
  ['评优比例低于20%的扣3分。', [{ subject: '评优比例', check: { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: 20 } }, deduct: { per: 3 } }]],
  ['熟练操作的人员少于2人的，扣5分', [{ subject: '熟练操作的人员', check: { kind: 'number', unit: '人', minimum: 0, threshold: { op: '>=', value: 2 } }, deduct: { per: 5 } }]],
  ['有上述情形的，扣2分', [{ subject: '', check: fault, deduct: { per: 2 } }]],
  // …and where the wording only says "not compliant", the answer asks whether it is compliant
  ['不符合要求的，扣2分', [{ subject: '', check: { kind: 'boolean' }, deduct: { per: 2 } }]],
  ['未达标的扣4分', [{ subject: '', check: { kind: 'boolean' }, deduct: { per: 4 } }]],
  // several sentences, several rules; several flat clauses in one sentence stay apart
  [
    '没有安排专题研究的扣5分。未纳入考核扣3分。',
    [
      { subject: '没有安排专题研究', check: fault, deduct: { per: 5 } },
      { subject: '未纳入考核', check: fault, deduct: { per: 3 } },
    ],
  ],
  [
    '不按要求配合工作的扣5分，要求减而未减的扣3分',
    [
      { subject: '不按要求配合工作', check: fault, deduct: { per: 5 } },
      { subject: '要求减而未减', check: fault, deduct: { per: 3 } },
    ],
  ],
  [
    '检查发现不在岗每次扣5分；被区抽查不在岗每次扣10分；被省、市抽查不在岗扣20分',
    [
      { subject: '检查发现不在岗', check: count('次'), deduct: { per: 5 } },
      { subject: '被区抽查不在岗', check: count('次'), deduct: { per: 10 } },
      { subject: '被省、市抽查不在岗', check: fault, deduct: { per: 20 } },
    ],
  ],
  // caps, and 扣完为止 (what a budget does anyway)
  ['每次扣1分，最高扣5分', [{ check: count('次'), deduct: { per: 1, max: 5 } }]],
  ['每次扣1分，最多扣3分', [{ check: count('次'), deduct: { per: 1, max: 3 } }]],
  ['每次扣1分，扣分不超过4分', [{ check: count('次'), deduct: { per: 1, max: 4 } }]],
  ['每次扣1分，最高不超过6分', [{ check: count('次'), deduct: { per: 1, max: 6 } }]],
  ['每次扣1分，扣完5分为止', [{ check: count('次'), deduct: { per: 1, max: 5 } }]],
  ['每次扣1分，扣完为止', [{ check: count('次'), deduct: { per: 1 } }]],
  ['每次扣1分。本项最多扣5分。', [{ check: count('次'), deduct: { per: 1, max: 5 } }]],
  ['每次扣2分，扣分不封顶', [{ check: count('次'), deduct: { per: 2 }, confirm: /不封顶/ }]],
  // several rates of one finding → a tally with rates
  [
    '每个黄牌扣2分，每个红牌扣3分',
    [{ subject: '', check: { kind: 'tally', unit: '个', counts: [{ id: 'c1', label: '黄牌' }, { id: 'c2', label: '红牌' }] }, deduct: { rates: [{ count: 'c1', per: 2 }, { count: 'c2', per: 3 }] } }],
  ],
  [
    '1次扣1分，时间长的扣3分',
    [{ check: { kind: 'tally', unit: '次', counts: [{ id: 'c1', label: '一般情形' }, { id: 'c2', label: '时间长' }] }, deduct: { rates: [{ count: 'c1', per: 1 }, { count: 'c2', per: 3 }] } }],
  ],
  [
    '未告知每件次扣3分，告知不全面每件次扣1分',
    [{ check: { kind: 'tally', unit: '件次', counts: [{ id: 'c1', label: '未告知' }, { id: 'c2', label: '告知不全面' }] }, deduct: { rates: [{ count: 'c1', per: 3 }, { count: 'c2', per: 1 }] } }],
  ],
  // judgement within bounds
  ['酌情扣3-5分', [{ check: { kind: 'judgement', min: 3, max: 5 }, deduct: { judged: true } }]],
  ['工作人员不负责任出现不良后果的，酌情扣3～5分', [{ subject: '工作人员不负责任出现不良后果', check: { kind: 'judgement', min: 3, max: 5 }, deduct: { judged: true } }]],
  ['酌情扣1至2分', [{ check: { kind: 'judgement', min: 1, max: 2 }, deduct: { judged: true } }]],
  // linear on a rate
  [
    '办结率每减少1个百分点扣2分',
    [{ subject: '办结率', check: { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: 100 } }, deduct: { linear: { per: 2, from: 100 } }, confirm: /暂按 100% 起扣/ }],
  ],
  [
    '满意度低于98%的，每降低1个百分点扣1分，不足1个百分点的不扣分',
    [{ subject: '满意度', check: { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: 98 } }, deduct: { linear: { per: 1, from: 98, whole: true } } }],
  ],
  ['按时办结率低于95%的，每下降2个百分点扣1分', [{ check: { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: 95 } }, deduct: { linear: { per: 1, from: 95, step: 2 } } }]],
  // bonus
  ['每次加1分，加满5分为止', [{ check: count('次'), bonus: { per: 1 }, points: 5 }]],
  ['每项加1分，最多加3分', [{ check: count('项'), bonus: { per: 1 }, points: 3 }]],
  ['区级以上创新奖+5', [{ subject: '区级以上创新奖', check: count('次'), bonus: { per: 5 } }]],
  [
    '镇表彰+1、区部门+1、区委区政府+2、市级以上+3',
    [
      {
        check: { kind: 'tally', unit: '次', counts: [{ id: 'c1', label: '镇表彰' }, { id: 'c2', label: '区部门' }, { id: 'c3', label: '区委区政府' }, { id: 'c4', label: '市级以上' }] },
        bonus: { rates: [{ count: 'c1', per: 1 }, { count: 'c2', per: 1 }, { count: 'c3', per: 2 }, { count: 'c4', per: 3 }] },
      },
    ],
  ],
  [
    '信息每条+0.5，被区级以上媒体采用每条+1',
    [{ check: { kind: 'tally', unit: '条', counts: [{ id: 'c1', label: '信息' }, { id: 'c2', label: '被区级以上媒体采用' }] }, bonus: { rates: [{ count: 'c1', per: 0.5 }, { count: 'c2', per: 1 }] } }],
  ],
  // all or nothing, gain, veto
  ['未达到建设要求的不得分', [{ subject: '未达到建设要求', check: fault, allOrNothing: true }]],
  ['不符合要求的，不得分', [{ subject: '', check: { kind: 'boolean' }, allOrNothing: true }]],
  ['有上述情形之一的，该项不得分', [{ subject: '', check: fault, allOrNothing: true }]],
  ['事项“应领尽领”的得3分', [{ subject: '事项“应领尽领”', check: { kind: 'boolean' }, points: 3, allOrNothing: true }]],
  ['发生安全责任事故的，实行一票否决', [{ subject: '发生安全责任事故', check: fault, veto: true }]],
  ['出现1次即单项否决', [{ subject: '', check: count('次'), veto: true }]],
];

/** [wording, why it is refused]. */
const REFUSED: ReadonlyArray<[string, RegExp]> = [
  ['酌情扣分', /没有写明幅度/],
  ['办结率每减少1个百分点，扣[分]', /扣分数额没有写明/],
  ['每减少1个百分点扣分', /数额没有写明|没有写明/],
  ['半天内缺签按旷工处理，每旷工半天扣5分', /按……处理/],
  ['1小时以上按旷工处理', /按……处理/],
  ['最高扣5分', /只有上限/],
  ['加满5分为止', /只有加分上限/],
  ['扣分', /数额没有写明/],
];

describe('reading deduction wording', () => {
  it.each(KNOWN)('%j', (wording, expected) => {
    const read = readRules(wording);
    expect(read.refused).toEqual([]);
    expect(read.rules).toHaveLength(expected.length);
    read.rules.forEach((r, i) => {
      const { confirm, ...want } = expected[i]!;
      expect(r).toMatchObject(want);
      // Nothing is read that was not asked for: no cap, points or flags the wording does not state.
      for (const k of ['deduct', 'bonus', 'check'] as const) if (want[k] !== undefined) expect(r[k]).toEqual(want[k]);
      for (const k of ['points', 'veto', 'allOrNothing'] as const) expect(r[k]).toEqual(want[k]);
      if (confirm) expect(r.confirm).toMatch(confirm);
      else expect(r.confirm).toBeUndefined();
      // The words a rule was read from are the cell's own.
      for (const line of r.wording.split('\n')) expect(wording).toContain(line);
    });
  });

  it.each(REFUSED)('refuses %j', (wording, reason) => {
    const read = readRules(wording);
    expect(read.rules).toEqual([]);
    expect(read.refused).toEqual([{ wording, reason: expect.stringMatching(reason) }]);
  });

  it('reads what it can of a cell and refuses the rest, sentence by sentence', () => {
    const read = readRules('环境杂乱扣5分。酌情扣分。被媒体曝光的每次扣5分。');
    expect(read.rules.map((r) => r.wording)).toEqual(['环境杂乱扣5分。', '被媒体曝光的每次扣5分。']);
    expect(read.refused).toEqual([{ wording: '酌情扣分。', reason: expect.stringMatching(/幅度/) }]);
  });

  it('returns sentences that state no rule for a person to check, and keeps a rule whose sentence says more', () => {
    const read = readRules('根据调查核实具体情况，确定责任单位。每次扣2分，并通报批评');
    expect(read.other).toEqual(['根据调查核实具体情况，确定责任单位。', '每次扣2分，并通报批评']);
    expect(read.rules).toMatchObject([{ check: count('次'), deduct: { per: 2 } }]);
  });

  it('labels bare rates on separate lines with the requirement lines beside them (未实行一次性书面告知 / 告知内容不全面)', () => {
    const read = readRules('每件次扣3分\n每件次扣1分', { conditions: ['未实行一次性书面告知', '告知内容不全面'] });
    expect(read.rules).toEqual([
      {
        wording: '每件次扣3分\n每件次扣1分',
        subject: '',
        check: { kind: 'tally', unit: '件次', counts: [{ id: 'c1', label: '未实行一次性书面告知' }, { id: 'c2', label: '告知内容不全面' }] },
        deduct: { rates: [{ count: 'c1', per: 3 }, { count: 'c2', per: 1 }] },
      },
    ]);
    // Without matching lines they stay two rules.
    expect(readRules('每件次扣3分\n每件次扣1分', { conditions: ['一行'] }).rules).toHaveLength(2);
  });

  it('a cap in a sentence of several rules is read for the one it follows, and flagged', () => {
    const read = readRules('迟到每次扣1分，旷工每半天扣5分，最高扣10分');
    expect(read.rules.map((r) => r.deduct)).toEqual([{ per: 1 }, { per: 5, max: 10 }]);
    expect(read.rules[1]!.confirm).toMatch(/合计的上限/);
  });

  it('a cap on its own for several rules is refused: the language has no cap shared by rules but a budget', () => {
    const read = readRules('迟到扣1分。早退扣1分。本项最多扣1.5分。');
    expect(read.rules).toHaveLength(2);
    expect(read.refused).toEqual([{ wording: '本项最多扣1.5分', reason: expect.stringMatching(/合计适用/) }]);
  });

  it('does not take minutes, percentages or 参加 for points', () => {
    expect(readRules('参加培训少于3次的扣2分').rules).toEqual([{ wording: '参加培训少于3次的扣2分', subject: '参加培训', check: { kind: 'number', unit: '次', minimum: 0, threshold: { op: '>=', value: 3 } }, deduct: { per: 2 } }]);
    expect(readRules('迟到10分钟以上的扣1分').rules).toMatchObject([{ subject: '迟到10分钟以上', check: fault, deduct: { per: 1 } }]);
    expect(readRules('满意率低于90%以下的扣2分').rules).toMatchObject([{ subject: '满意率低于90%以下', check: fault, deduct: { per: 2 } }]);
  });

  it('numbers as counties write them', () => {
    expect([toNumber('3'), toNumber('0.5'), toNumber('五'), toNumber('十'), toNumber('十五'), toNumber('二十'), toNumber('二十五'), toNumber('半'), toNumber('两')]).toEqual([3, 0.5, 5, 10, 15, 20, 25, 0.5, 2]);
    expect(toNumber('百')).toBeUndefined();
  });
});

describe('the whole score in words', () => {
  it.each([
    ['满分100分', { total: 100 }],
    ['每月考核，基本分100分，最高分110分', { total: 100, max: 110 }],
    ['考评分=基础分(100,倒扣)+附加分(加满5分为止)；扣分不封顶', { bonusCap: 5, floor: false }],
    ['基础得分6分，扣完为止，加分无上限', { total: 6, bonusUncapped: true }],
    ['满分100分；加分合计最多加5分；最高分105分', { total: 100, bonusCap: 5, max: 105 }],
  ])('%j', (text, want) => expect(readScoringWords(text)).toEqual(want));

  it('writes a score without a ceiling as 加分无上限, which reads back as such', () => {
    expect(scoringWords({ total: 100, max: 'none' })).toBe('满分100分；加分无上限');
    expect(readScoringWords(scoringWords({ total: 100, max: 'none' }))).toEqual({ total: 100, bonusUncapped: true });
  });

  it('writes what it reads', () => {
    for (const s of [{ total: 100 }, { total: 100, bonusCap: 5 }, { total: 100, max: 110, bonusCap: 10, floor: false }]) {
      expect(readScoringWords(scoringWords(s))).toEqual({ total: s.total, ...('bonusCap' in s ? { bonusCap: s.bonusCap } : {}), ...('max' in s ? { max: s.max } : {}), ...('floor' in s ? { floor: false } : {}) });
    }
  });
});

describe('writing the wording back', () => {
  const units = fc.constantFrom('次', '件', '人次', '件次', '项', '个', '条', '处');
  const amount = fc.integer({ min: 1, max: 400 }).map((n) => n / 4); // 0.25 … 100
  const label = fc.constantFrom('黄牌', '红牌', '未实行一次性书面告知', '告知内容不全面', '被区抽查', '镇表彰', '市级以上');
  const labels = fc.uniqueArray(label, { minLength: 2, maxLength: 4 });
  const item = fc.constantFrom('组织机构', '代办职责', '面积符合规范（镇大厅不少于300平方米；村服务室20-30平方米）', '窗口标示牌、挂牌');
  const items = fc.uniqueArray(item, { minLength: 1, maxLength: 4 });
  /** A cap below the item's points (a cap at or above them is no cap and is not written). */
  const withCap = (points: number | undefined) =>
    points === undefined ? fc.option(amount, { nil: undefined }) : points <= 0.25 ? fc.constant(undefined) : fc.option(fc.integer({ min: 1, max: points * 4 - 1 }).map((n) => n / 4), { nil: undefined });

  /** The shapes the writer says in words: each must read back as itself. */
  const shapes: fc.Arbitrary<Pick<Indicator, 'check' | 'points' | 'deduct' | 'bonus' | 'veto'>> = fc.oneof(
    fc.record({ unit: units, per: amount, points: fc.option(amount, { nil: undefined }) }).chain(({ unit, per, points }) =>
      withCap(points).map((max) => ({ check: { kind: 'count', unit } as Check, ...(points !== undefined ? { points } : {}), deduct: { per, ...(max !== undefined ? { max } : {}) } })),
    ),
    fc.record({ expect: fc.boolean(), per: amount }).map(({ expect, per }) => ({ check: { kind: 'boolean', ...(expect ? {} : { expect: false }) } as Check, deduct: { per } })),
    fc.record({ unit: fc.constantFrom('%', '人', '个', '天'), line: fc.integer({ min: 1, max: 100 }), per: amount }).map(({ unit, line, per }) => ({
      check: { kind: 'number', unit, minimum: 0, ...(unit === '%' ? { maximum: 100 } : {}), threshold: { op: '>=', value: line } } as Check,
      deduct: { per },
    })),
    fc.record({ expect: fc.boolean(), points: amount }).map(({ expect, points }) => ({ check: { kind: 'boolean', ...(expect ? {} : { expect: false }) } as Check, points })),
    fc.record({ items, per: amount }).map(({ items, per }) => ({ check: { kind: 'checklist', require: 'all', items: items.map((label, i) => ({ id: `item_${i + 1}`, label })) } as Check, deduct: { per } })),
    fc.record({ times: fc.integer({ min: 1, max: 5 }), per: fc.constantFrom('week', 'month', 'workday'), amount }).map(({ times, per, amount }) => ({ check: { kind: 'frequency', times, per, unit: '次' } as Check, deduct: { per: amount } })),
    fc.record({ times: fc.integer({ min: 1, max: 5 }), per: fc.constantFrom('week', 'month'), amount }).map(({ times, per, amount }) => ({ check: { kind: 'frequency', times, per, unit: '次', each: true } as Check, deduct: { per: amount } })),
    fc.record({ labels, unit: units, rates: fc.array(amount, { minLength: 4, maxLength: 4 }) }).map(({ labels, unit, rates }) => ({
      check: { kind: 'tally', unit, counts: labels.map((l, i) => ({ id: `c${i + 1}`, label: l })) } as Check,
      deduct: { rates: labels.map((_, i) => ({ count: `c${i + 1}`, per: rates[i]! })) as [{ count: string; per: number }] },
    })),
    fc.record({ min: fc.integer({ min: 1, max: 5 }), span: fc.integer({ min: 0, max: 5 }) }).map(({ min, span }) => ({ check: { kind: 'judgement', min, max: min + span } as Check, deduct: { judged: true as const } })),
    fc.record({ from: fc.integer({ min: 50, max: 100 }), per: amount, step: fc.constantFrom(1, 2, 0.5), whole: fc.boolean() }).map(({ from, per, step, whole }) => ({
      check: { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: from } } as Check,
      deduct: { linear: { per, from, ...(step !== 1 ? { step } : {}), ...(whole ? { whole: true } : {}) } },
    })),
    fc.record({ unit: units, per: amount, points: fc.option(amount, { nil: undefined }) }).map(({ unit, per, points }) => ({ check: { kind: 'count', unit } as Check, ...(points !== undefined ? { points } : {}), bonus: { per } })),
    fc.record({ labels, rates: fc.array(amount, { minLength: 4, maxLength: 4 }) }).map(({ labels, rates }) => ({
      check: { kind: 'tally', unit: '次', counts: labels.map((l, i) => ({ id: `c${i + 1}`, label: l })) } as Check,
      bonus: { rates: labels.map((_, i) => ({ count: `c${i + 1}`, per: rates[i]! })) as [{ count: string; per: number }] },
    })),
    fc.record({ unit: units }).map(({ unit }) => ({ check: { kind: 'count', unit } as Check, points: 0, veto: true })),
    fc.boolean().map((expect) => ({ check: { kind: 'boolean', ...(expect ? {} : { expect: false }) } as Check, points: 0, veto: true })),
  );

  it('reads back every rule it writes as the same rule', () => {
    fc.assert(
      fc.property(shapes, (ind) => {
        const words = ruleWording(ind)!;
        const read = readRules(words);
        expect(read.refused).toEqual([]);
        expect(read.rules).toHaveLength(1);
        const r = read.rules[0]!;
        expect(r.check).toEqual(ind.check);
        expect(r.deduct).toEqual(ind.deduct);
        expect(r.bonus).toEqual(ind.bonus);
        expect(r.veto).toEqual(ind.veto);
        // Points the words fix: a bonus cap; an item's own points stay in the 分值 column.
        if (ind.bonus) expect(r.points).toEqual(ind.points);
        expect(r.allOrNothing).toEqual(!ind.deduct && !ind.bonus && !ind.veto ? true : undefined);
      }),
      { numRuns: 400 },
    );
  });

  it('says nothing it could not read back', () => {
    expect(ruleWording({ check: { kind: 'occurrences', unit: '次', measure: { label: '离岗时长', unit: '分钟' } }, deduct: { per: 1, escalate: { at: { op: '>=', value: 60 }, to: 'x' } } })).toBeUndefined();
    expect(ruleWording({ check: { kind: 'rating', bands: [{ id: 'a', label: '好', points: 5 }, { id: 'b', label: '差', points: 0 }] }, points: 5 })).toBeUndefined();
    expect(ruleWording({ check: { kind: 'count', unit: '起事件' }, deduct: { per: 1 } })).toBeUndefined();
  });
});
