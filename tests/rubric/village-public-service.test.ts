// The village public-service rubric checked against its source (乡村振兴村级公共服务规范): every clause of [4]–[12]
// encoded, 应 → mandatory and 宜/可/陈述/乱码/残缺 → recommended, the derived floor area, and the fixtures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { formatText } from '../../src/format/text.js';
import { arbAnswers } from '../support/arbitraries.js';
import { rubricKit } from '../support/kit.js';
import { passingAnswers } from '../support/rubrics.js';

const FILE = 'standards/village-public-service-standard.md';
const { r, md, load, sub, problemsOf } = await rubricKit('village-public-service', { code: '330212104203', name: '大岙村党群服务中心', level: 'village' });

/** Clause lines of the transcription: editorial number → text. */
const clauses = new Map([...md.matchAll(/^\[(\d+(?:\.\d+)*-\d+)\] (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
/** The editorial clause number an indicator id derives from (5.1-1a → 5.1-1). */
const clauseOf = (id: string) => id.replace(/[a-z]$/, '');


// The counts, mapped from the inventory (/tmp/inventory-village-public-service.md, section D):
//   应 39 split units, plus 7.2-3 split into a (资料) and b (费用) so each can be 不适用 on its own → 40 mandatory;
//   宜 13 + 可 3 + 乱码 2 + 陈述 13 + the cut-off [12.1-5] 1 → 32 recommended.
const MANDATORY = [
  '5.1-1b', '5.1-1c', '5.1-1d', '5.2-1', '5.3-1a', '5.3-1b', '5.3-1c', '5.3-2b', '5.3-5a', '5.3-5b', '5.3-6',
  '5.4-1a', '5.4-1b', '5.4-2a', '5.4-3', '7.1-1a', '7.1-1b', '7.2-1', '7.2-2', '7.2-3a', '7.2-3b', '7.4-1', '8-1',
  '9.1-1', '9.1-3b', '9.1-4', '9.2-1a', '9.2-1b', '9.3-1', '9.3-2', '9.3-3', '9.4-1', '9.4-2', '9.4-3',
  '10.1-1', '10.1-2', '10.2-1', '10.2-2', '11-1a', '11-2',
];
const YI = ['5.3-2a', '5.3-3', '5.3-4', '6.3.2-1', '6.3.3-1', '6.3.4-1', '6.3.5-1', '6.3.6-1', '6.3.7-1', '9.1-3a', '11-1b', '12.1-1', '12.1-2'];
const KE = ['5.1-1a', '5.4-2b', '5.4-4'];
const GARBLED = ['9.1-2a', '9.1-2b'];
const STATEMENTS = ['4-1', '6.1.1-1', '6.1.2-1', '6.1.3-1', '6.2-1', '6.2-2', '6.3.1-1', '6.3.8-1', '7.3-1', '7.3-2', '10.1-3', '12.1-3', '12.1-4'];
const TRUNCATED = ['12.1-5'];
/** Fragments without their own 应 that sit inside a 应 sentence, so are mandatory. */
const IMPLICIT_YING = ['5.1-1c', '5.4-1b', '9.2-1b'];

/** The modal 应 in a text, ignoring 相应 and 应急 (words, not modal verbs). */
const hasYing = (t: string) => /应/.test(t.replace(/相应|应急/g, ''));
const sorted = (ids: string[]) => [...ids].sort();

describe('village-public-service: the rubric as data', () => {
  it('is a village rubric judged 达标/未达标 by percent, with the population fact', () => {
    expect(r.appliesTo).toEqual(['village']);
    expect(r.implicitTier).toBe(true);
    expect(r.tiers.map((t) => t.id)).toEqual(['compliant']);
    expect(r.scoring.method).toBe('percent');
    expect(r.definition.scoring.grades).toBeUndefined();
    expect(r.facts).toEqual({ population: { label: '户籍人口', unit: '人', integer: true, minimum: 0 } });
    expect(r.indicators.every((i) => i.points === undefined && !i.veto && i.weight === 1)).toBe(true);
  });

  it('covers chapters [4]–[12] in source order and nothing from 范围, 规范性引用文件, 术语和定义', () => {
    expect(r.sections.map((s) => [s.number, s.title])).toEqual([
      ['[4]', '服务原则'], ['[5]', '服务组织'], ['[6]', '服务内容'], ['[7]', '服务流程'], ['[8]', '制度建设'],
      ['[9]', '管理要求'], ['[10]', '监督考核'], ['[11]', '投诉处理'], ['[12]', '服务评价与改进'],
    ]);
    expect(r.indicators.filter((i) => /^[123][-.]/.test(i.id))).toEqual([]);
    const notes = r.definition.notes!.join('\n');
    for (const skipped of ['[1] 范围', '[2] 规范性引用文件', '[3] 术语和定义']) expect(notes).toContain(skipped);
  });

  it('encodes every clause of [4]–[12] at least once, and only clauses that exist', () => {
    const wanted = [...clauses.keys()].filter((n) => !/^[123][-.]/.test(n));
    const encoded = new Set(r.indicators.map((i) => clauseOf(i.id)));
    expect(wanted.filter((n) => !encoded.has(n))).toEqual([]);
    expect([...encoded].filter((n) => !clauses.has(n))).toEqual([]);
    // 56 clauses with a requirement or statement (the inventory's count) plus the cut-off [12.1-5].
    expect(wanted).toHaveLength(57);
  });

  it('has 72 indicators: 40 mandatory and 32 recommended, as mapped from the inventory', () => {
    expect(r.indicators).toHaveLength(72);
    const mandatory = r.indicators.filter((i) => i.requirement === 'mandatory').map((i) => i.id);
    const recommended = r.indicators.filter((i) => i.requirement === 'recommended').map((i) => i.id);
    expect(sorted(mandatory)).toEqual(sorted(MANDATORY));
    expect(mandatory).toHaveLength(40);
    expect(sorted(recommended)).toEqual(sorted([...YI, ...KE, ...GARBLED, ...STATEMENTS, ...TRUNCATED]));
    expect([YI.length, KE.length, GARBLED.length, STATEMENTS.length, TRUNCATED.length]).toEqual([13, 3, 2, 13, 1]);
    expect(recommended).toHaveLength(32);
    // Mandatory means necessary for 达标; recommended never is.
    for (const i of r.indicators) expect(i.necessaryFor).toEqual(i.requirement === 'mandatory' ? ['compliant'] : []);
  });

  it.each(r.indicators.map((i) => [i.id, i] as const))('%s quotes its own editorial clause verbatim and cites it', (id, ind) => {
    const n = clauseOf(id);
    const clause = clauses.get(n)!;
    for (const line of ind.text.split('\n')) expect(clause).toContain(line);
    expect(ind.source.file).toBe(FILE);
    expect(ind.source.part.endsWith(`› [${n}]`)).toBe(true);
    expect(ind.guidance.inspect.length).toBeGreaterThan(0);
    expect(ind.guidance.evidence.length).toBeGreaterThan(0);
  });

  it('follows the modal verb of the quoted text: 应 → mandatory; 宜/可 → recommended', () => {
    for (const id of MANDATORY) {
      const t = r.byId.get(id)!.text;
      if (IMPLICIT_YING.includes(id)) {
        expect(hasYing(t), id).toBe(false);
        expect(hasYing(clauses.get(clauseOf(id))!), id).toBe(true);
      } else expect(hasYing(t), id).toBe(true);
    }
    for (const id of YI) expect(r.byId.get(id)!.text, id).toContain('宜');
    for (const id of KE) expect(r.byId.get(id)!.text, id).toContain('可');
    for (const id of [...YI, ...KE, ...GARBLED, ...STATEMENTS, ...TRUNCATED]) expect(hasYing(r.byId.get(id)!.text), id).toBe(false);
    for (const id of STATEMENTS) {
      const ind = r.byId.get(id)!;
      expect(/[宜可]/.test(ind.text) || hasYing(ind.text), id).toBe(false);
      expect(ind.note, id).toMatch(/原文无情态词/);
    }
  });

  it('splits mixed-modality sentences into one indicator per modality, each quoting its own part', () => {
    const pairs: Array<[string, string]> = [['5.1-1a', '5.1-1b'], ['5.3-2a', '5.3-2b'], ['5.4-2b', '5.4-2a'], ['9.1-3a', '9.1-3b'], ['11-1b', '11-1a']];
    for (const [rec, man] of pairs) {
      expect(r.byId.get(rec)!.requirement).toBe('recommended');
      expect(r.byId.get(man)!.requirement).toBe('mandatory');
      expect(clauseOf(rec)).toBe(clauseOf(man));
      expect(r.byId.get(rec)!.text).not.toBe(r.byId.get(man)!.text);
    }
  });

  it('says in notes and indicator notes how the source was read: editorial ids, 陈述, 等, 有条件的机构, garbled spans', () => {
    const notes = r.definition.notes!.join('\n');
    expect(notes).toMatch(/编辑编号/);
    expect(notes).toMatch(/GB\/T 1\.1/);
    expect(notes).toMatch(/包括但不限于/);
    expect(notes).toMatch(/“…等”结尾/);
    expect(notes).toMatch(/有条件的机构/);
    expect(r.definition.source.note).toMatch(/编辑编号/);
    expect(r.byId.get('9.1-2a')!.note).toMatch(/乱码.*疑为“可实行集中办公”/);
    expect(r.byId.get('9.1-2b')!.note).toMatch(/情态无法确定/);
    expect(r.byId.get('10.2-1')!.note).toMatch(/日常考核与/);
    expect(r.byId.get('10.2-1')!.text).toContain('日??己伺c');
    expect(r.byId.get('9.1-2a')!.text).toContain('??蓪嵭屑修k公');
    expect(r.sections[1]!.sections.find((s) => s.number === '[5.3]')!.title).toMatch(/^\?;A设施.*基础设施/);
  });

  it('marks only the cut-off [12.1-5] as truncated, recommended, never blocking', () => {
    expect(r.indicators.filter((i) => i.truncated).map((i) => i.id)).toEqual(['12.1-5']);
    const ind = r.byId.get('12.1-5')!;
    expect(ind.text).toBe('村级公共服务机构');
    expect(md).toContain('[12.1-5] 村级公共服务机构\n');
    expect(ind.requirement).toBe('recommended');
    expect(ind.necessaryFor).toEqual([]);
    expect(ind.note).toMatch(/中断/);
  });

  it('allows 不适用 only where the source states a condition; 有条件的机构 宜/可 items are plain recommended', () => {
    const withNa = r.indicators.filter((i) => i.na).map((i) => i.id);
    expect(withNa).toEqual(['7.2-1', '7.2-2', '7.2-3a', '7.2-3b', '7.3-1', '7.3-2', '7.4-1', '10.1-3', '11-1a', '11-1b', '11-2', '12.1-4', '12.1-5']);
    for (const id of ['5.3-2a', '5.3-3', '5.3-4', '5.4-4']) {
      expect(r.byId.get(id)!.requirement, id).toBe('recommended');
      expect(r.byId.get(id)!.na, id).toBeNull();
    }
    expect(r.byId.get('5.3-2b')!.requirement).toBe('mandatory');
  });

  it('7.2-1 对申报人提出的办理事项申请: a period without applications is 不适用 with its reason, like 7.2-2 对申报资料不全的', () => {
    const quiet = { ...passingAnswers(r), '7.2-1': { status: 'not_applicable', reason: '本月没有村民提出办理事项申请' } };
    const a = assess(r, sub(quiet, { facts: { population: 1000 } }));
    expect(a.results.find((x) => x.id === '7.2-1')).toMatchObject({ status: 'not_applicable', reason: '不适用：本月没有村民提出办理事项申请' });
    expect(a.result).toEqual({ passed: true, label: '达标' });
    expect(problemsOf({ ...quiet, '7.2-1': { status: 'not_applicable', reason: ' ' } }, { facts: { population: 1000 } })).toMatchObject([{ path: '/answers/7.2-1/reason' }]);
  });

  // 有条件的机构,办事大厅宜采用信息化手段进行服务事项的办理 … 信息和网络安全应符合GB/T22081、GB/T20270、GB/T20271等相关标准的规定;
  // 有条件的机构,可结合实际需要,可聘请专职或兼职村公共服务人员 … 村级公共服务机构聘请的专职或兼职村公共服务人员应按照统一要求开展工作。
  it.each([
    ['5.3-2b', '5.3-2a'],
    ['9.1-4', '5.4-4'],
  ])('%s applies only when %s is answered 是: otherwise 不适用 by itself, and then it may not be marked 不适用', (id, source) => {
    expect(r.byId.get(id)!.when).toEqual({ indicator: source, test: { is: true } });
    const { [id]: _, ...rest } = passingAnswers(r);
    const off = assess(r, sub({ ...rest, [source]: false }, { facts: { population: 1000 } }));
    expect(off.results.find((x) => x.id === id)).toMatchObject({ status: 'not_applicable', reason_code: 'CONDITION_NOT_MET' });
    expect(off.result.passed).toBe(true);
    const on = problemsOf({ ...passingAnswers(r), [source]: true, [id]: { status: 'not_applicable', reason: '不想查' } }, { facts: { population: 1000 } });
    expect(on).toEqual([expect.objectContaining({ code: 'NA_NOT_ALLOWED', path: `/answers/${id}/status` })]);
    const unanswered = assess(r, sub({ ...rest, [source]: true }, { facts: { population: 1000 } }));
    expect(unanswered.gaps.compliant).toEqual([id]);
  });
});

describe('checklists and choices encode the items the source names', () => {
  // [id, the named items as they appear in the text]; every one must be a required checklist item.
  const lists: Array<[string, string[]]> = [
    ['4-1', ['以群众为中心', '依法依规', '务实高效', '公正公开', '便民利民']],
    ['5.2-1', ['对外服务', '办公会议', '窗口服务', '组织生活', '文体活动', '综合协调', '宣传教育', '娱乐休闲']],
    ['5.3-1a', ['服务', '活动', '办公']],
    ['5.3-1b', ['办事大厅', '办公室', '综合服务室', '多功能会议室', '便民活动室', '党群活动室', '委员办公室', '两委办公室', '人民调解室', '宣传教育区', '办事休息区']],
    ['5.3-1c', ['办公设备', '活动设施']],
    ['5.3-2b', ['GB/T22081', 'GB/T20270', 'GB/T20271']],
    ['5.3-3', ['电子显示屏', '触摸查询仪(器)', '自助服务终端']],
    ['5.3-4', ['监控室', '视频监控终端', '硬盘录像机', '覆盖全部办公、公共区域']],
    ['5.3-5b', ['GB50016', 'GB13495.1', 'GB15630', 'GB51309']],
    ['5.4-1a', ['思想政治素质', '沟通协调能力', '综合业务水平', '为民服务态度']],
    ['6.1.1-1', ['组织建设', '党务培训', '发展党员', '党组织关系接转', '党费收缴', '民主评议党员', '志愿帮扶']],
    ['6.1.2-1', ['“三会一课”', '主题党日', '远程教育', '微党课']],
    ['6.1.3-1', ['文明守法', '节庆礼仪', '教育培训', '文体娱乐']],
    ['6.2-1', ['咨询', '办理', '代办']],
    ['6.2-2', ['开具证明', '信息登记与确认', '补贴申报与发放']],
    ['6.3.2-1', ['预防保健', '健康教育', '计划生育技术指导', '常见病、多发病、诊断明确的慢性病的康复']],
    ['6.3.4-1', ['生活照料', '卫生保健', '精神慰藉', '家政服务', '文化娱乐']],
    ['6.3.5-1', ['科普', '技能教育培训']],
    ['6.3.6-1', ['低保救助', '法律救助', '临时救助']],
    ['6.3.7-1', ['婚姻', '家庭', '劳动', '申请法律援助']],
    ['6.3.8-1', ['防震减灾知识宣传', '技能培训', '应急演练']],
    ['7.1-1b', ['态度热情', '答复明确', '信息准确', '引导正确']],
    ['7.2-1', ['确定办理方式(直接办理或代办)', '查验申请材料', '告知办结时限', '做好台账记录']],
    ['8-1', ['首接负责制', '服务承诺制', '限时办结制', '一次性告知制', '值班负责人制度', '值班日志制度', '重要情况汇报制度']],
    ['9.1-1', ['政治', '业务']],
    ['9.2-1b', ['账物相符', '账目清楚', '保管完好']],
    ['9.3-1', ['检查', '评估', '修缮', '维护']],
    ['9.4-1', ['服务办理台账', '印章使用台账', '管理记录台账']],
    ['10.1-1', ['公示监督台', '投诉举报箱', '服务投诉电话', '纪检(监察)部门电话']],
    ['10.1-2', ['公示监督', '社会监督', '评价监督', '察访监督']],
    ['12.1-1', ['建立服务评估机制', '公开意见反馈渠道', '收集服务评价信息', '定期分析和汇总服务评价结果']],
    ['12.1-3', ['访谈', '座谈会', '满意度调查']],
  ];

  it.each(lists)('%s requires every named item', (id, named) => {
    const ind = r.byId.get(id)!;
    const c = ind.check;
    if (c.kind !== 'checklist') throw new Error(`${id} is ${c.kind}`);
    expect(c.atLeast).toBe(c.items.length);
    for (const term of named) {
      expect(ind.text, term).toContain(term);
      expect(c.items.some((item) => item.label.includes(term)), term).toBe(true);
    }
  });

  it('every checklist in the rubric is require-all (包括但不限于 and …等 both require the named items)', () => {
    for (const ind of r.indicators) if (ind.check.kind === 'checklist') expect(ind.check.atLeast, ind.id).toBe(ind.check.items.length);
  });

  it('the 可 choices accept every way the source permits', () => {
    const a = r.byId.get('5.1-1a')!.check;
    const b = r.byId.get('5.4-2b')!.check;
    if (a.kind !== 'choice' || b.kind !== 'choice') throw new Error('not a choice');
    expect(a.options.map((o) => o.label)).toEqual(['单独建设', '依托村(社区)党群服务中心建设']);
    expect(a.accept).toEqual(['standalone', 'party_centre']);
    expect(b.options.map((o) => o.id)).toEqual(['concurrent', 'hired', 'both', 'other']);
    expect(b.accept).toEqual(['concurrent', 'hired', 'both']);
  });
});

describe('the floor area: 最低300㎡/千人 of the registered population, inclusive', () => {
  const base = passingAnswers(r);
  const area = (population: number, value: number) => assess(r, sub({ ...base, '5.1-1c': value }, { facts: { population } }));

  it('is a number in m² derived from facts.population', () => {
    const c = r.byId.get('5.1-1c')!.check;
    expect(c).toMatchObject({ kind: 'number', unit: 'm²', minimum: 0, requirements: [{ tier: null, op: '>=', derived: { fact: 'population', per: 1000, value: 300 } }] });
    expect(r.byId.get('5.1-1c')!.text).toBe('建筑面积按照最低300㎡/千人的标准建设');
    expect(r.byId.get('5.1-1c')!.requirement).toBe('mandatory');
  });

  it.each([
    [1850, 555],
    [1000, 300],
    [2430, 729],
    [960, 288],
    [333, 99.9],
    [1, 0.3],
    [12000, 3600],
  ])('population %s: exactly %s m² passes, 0.01 m² less fails', (population, required) => {
    expect(required).toBeCloseTo((300 * population) / 1000, 9);
    const at = area(population, required);
    expect(at.results.find((x) => x.id === '5.1-1c')!.status).toBe('met');
    expect(at.result).toEqual({ passed: true, label: '达标' });
    const below = area(population, Number((required - 0.01).toFixed(2)));
    expect(below.results.find((x) => x.id === '5.1-1c')!.status).toBe('unmet');
    expect(below.result).toEqual({ passed: false, label: '未达标' });
    expect(below.gaps).toEqual({ compliant: ['5.1-1c'] });
    expect(below.tiers[0]!.blocking[0]!.shortfall).toMatchObject({ op: '>=', value: Number((required - 0.01).toFixed(2)) });
    expect(below.tiers[0]!.blocking[0]!.shortfall!.required).toBeCloseTo(required, 9);
    expect(below.tiers[0]!.blocking[0]!.shortfall!.difference).toBeCloseTo(0.01, 9);
  });

  it('a village of 0 registered residents needs 0 m²', () => {
    expect(area(0, 0).results.find((x) => x.id === '5.1-1c')!.status).toBe('met');
  });

  it('refuses an answered area without facts.population (FACT_MISSING at /facts/population)', () => {
    expect(problemsOf({ ...base, '5.1-1c': 600 })).toMatchObject([
      { code: 'FACT_MISSING', path: '/facts/population', message: expect.stringContaining('户籍人口') },
    ]);
    expect(problemsOf({ '5.1-1c': 600 })).toMatchObject([{ code: 'FACT_MISSING', path: '/facts/population' }]);
  });

  it('does not need the population when the area is not answered, and refuses 不适用 for the area', () => {
    const { '5.1-1c': _, ...rest } = base;
    expect(problemsOf(rest)).toEqual([]);
    expect(problemsOf({ ...base, '5.1-1c': { status: 'not_applicable', reason: '租用场地' } }, { facts: { population: 900 } }).map((p) => p.code)).toEqual(['NA_NOT_ALLOWED']);
  });

  it('refuses a fractional or negative population', () => {
    expect(problemsOf(base, { facts: { population: 1850.5 } }).map((p) => [p.code, p.path])).toEqual([['NOT_INTEGER', '/facts/population']]);
    expect(problemsOf(base, { facts: { population: -1 } }).map((p) => [p.code, p.path])).toEqual([['OUT_OF_RANGE', '/facts/population']]);
  });
});

describe('village-public-service fixtures score as a reader of the standard would expect', () => {
  // compliant: 大岙村 meets every 应; lacks a self-service terminal, home housekeeping for the elderly and interviews (all 宜/陈述).
  // basic: 南井头村 meets every 应 at exactly 300 m² for 1000 people but little of the 宜/可 → still 达标, low score.
  // partial: 童村 meets almost everything, but 680 m² < 729 m² for 2430 people, two of the 11 named rooms are missing and
  //          badges are not worn — three 应 failures, so 未达标 although the score is high.
  // noncompliant: 西河村 fails most 应 clauses and three were not inspected.
  it.each([
    ['compliant', true, '达标', 95.59, [], { met: 65, unmet: 3, not_applicable: 4, not_assessed: 0 }],
    ['basic', true, '达标', 72.31, [], { met: 47, unmet: 18, not_applicable: 7, not_assessed: 0 }],
    ['partial', false, '未达标', 85.29, ['5.1-1c', '5.3-1b', '9.1-3b'], { met: 58, unmet: 10, not_applicable: 4, not_assessed: 0 }],
    [
      'noncompliant', false, '未达标', 10.77,
      ['5.1-1b', '5.1-1c', '5.1-1d', '5.2-1', '5.3-1a', '5.3-1b', '5.3-1c', '5.3-5a', '5.3-5b', '5.3-6', '5.4-1a', '5.4-1b',
        '7.1-1a', '7.1-1b', '7.2-1', '7.2-2', '7.4-1', '8-1', '9.1-1', '9.1-3b', '9.2-1a', '9.2-1b', '9.3-1', '9.3-3',
        '9.4-1', '9.4-2', '9.4-3', '10.1-1', '10.1-2', '10.2-1', '10.2-2', '11-1a'],
      { met: 7, unmet: 55, not_applicable: 7, not_assessed: 3 },
    ],
  ] as const)('%s → %s (%s), score %s', (name, passed, label, score, gaps, counts) => {
    const f = load(name);
    expect(f.unit.level).toBe('village');
    expect(f.unit.code).toMatch(/^\d{12}$/);
    expect(Number.isInteger(f.facts.population)).toBe(true);
    const a = assess(r, f);
    expect(a.result).toEqual({ passed, label });
    expect(a.score).toBe(score);
    // gaps lists only tiers not reached: a 达标 submission has none.
    expect(a.gaps).toEqual(passed ? {} : { compliant: gaps });
    expect(a.counts).toMatchObject(counts);
  });

  it('compliant: 1850 people need 555 m²; 560 m² is enough; the unmet items are all recommended', () => {
    const a = assess(r, load('compliant'));
    expect(a.facts).toEqual({ population: 1850 });
    expect(a.results.find((x) => x.id === '5.1-1c')!.reason).toContain('≥555 m²');
    const unmet = a.results.filter((x) => x.status === 'unmet');
    expect(unmet.map((x) => x.id)).toEqual(['5.3-3', '6.3.4-1', '12.1-3']);
    expect(unmet.every((x) => x.requirement === 'recommended')).toBe(true);
    expect(a.results.find((x) => x.id === '12.1-5')!.status).toBe('not_applicable');
  });

  it('partial: names the shortfall in m² and the missing rooms', () => {
    const a = assess(r, load('partial'));
    const block = new Map(a.tiers[0]!.blocking.map((b) => [b.id, b]));
    expect(block.get('5.1-1c')!.shortfall).toMatchObject({ op: '>=', value: 680, required: 729, difference: 49, unit: 'm²' });
    expect(block.get('5.3-1b')!.missing_items).toEqual(['委员办公室', '人民调解室']);
    const text = formatText(a, r);
    expect(text).toContain('结论：未达标');
    expect(text).toContain('[5.1-1c] 服务场所建筑面积（300㎡/千人）：未达标。实际 680 m²，要求 ≥729 m²，差 49 m²');
    expect(text).toContain('[5.3-1b] 功能室设置（包括但不限于 11 项）：未达标。缺少：委员办公室、人民调解室');
    // Seven recommended items are unmet too, and none of them is a reason for 未达标.
    const unmetRecommended = a.results.filter((x) => x.status === 'unmet' && x.requirement === 'recommended').map((x) => x.id);
    expect(unmetRecommended).toEqual(['5.3-3', '5.3-4', '6.3.4-1', '6.3.7-1', '9.1-3a', '12.1-2', '12.1-3']);
  });

  it('noncompliant: the unanswered items count against it and are listed', () => {
    const a = assess(r, load('noncompliant'));
    expect(a.completeness.unanswered).toEqual(['5.4-1a', '7.1-1b', '7.3-1']);
    expect(a.completeness.unanswered_necessary).toEqual(['5.4-1a', '7.1-1b']);
    expect(a.results.find((x) => x.id === '5.1-1c')!.reason).toContain('≥288 m²');
  });
});

describe('recommended indicators never block 达标', () => {
  const recommended = new Set(r.indicators.filter((i) => i.requirement === 'recommended').map((i) => i.id));

  it('never appear in gaps.compliant, whatever the answers', () => {
    fc.assert(
      fc.property(arbAnswers(r), fc.integer({ min: 0, max: 20000 }), (answers, population) => {
        const a = assess(r, sub(answers, { facts: { population } }));
        for (const id of a.gaps.compliant ?? []) expect(recommended.has(id), id).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('all mandatory met and every recommended one failed or unanswered is still 达标', () => {
    const answers: Record<string, unknown> = {};
    for (const ind of r.indicators) {
      if (ind.requirement === 'mandatory') answers[ind.id] = passingAnswers(r)[ind.id];
      else if (ind.check.kind === 'boolean') answers[ind.id] = !ind.check.expect;
      else if (ind.check.kind === 'checklist') answers[ind.id] = [];
      else if (ind.check.kind === 'choice') {
        const accept = ind.check.accept;
        answers[ind.id] = ind.check.options.find((o) => !accept.includes(o.id))?.id; // 5.1-1a accepts both: left unanswered
      }
      if (answers[ind.id] === undefined) delete answers[ind.id];
    }
    // A recommended 否 that another indicator depends on (5.3-2a, 5.4-4) makes that one 不适用: it is not answered.
    for (const ind of r.indicators) if (ind.when && answers[ind.when.indicator] === false) delete answers[ind.id];
    const a = assess(r, sub(answers, { facts: { population: 1000 } }));
    expect(a.result).toEqual({ passed: true, label: '达标' });
    expect(a.gaps).toEqual({});
    expect(a.results.filter((x) => x.requirement === 'recommended' && x.status === 'met')).toEqual([]);
    // 40 mandatory indicators, of which 5.3-2b and 9.1-4 do not apply here: 38 met of 70 applicable.
    expect(a.score).toBeCloseTo((100 * 38) / 70, 2);
  });

  it('failing any single mandatory indicator gives 未达标 with exactly that indicator in gaps', () => {
    const base = passingAnswers(r);
    for (const id of MANDATORY) {
      const ind = r.byId.get(id)!;
      const c = ind.check;
      const bad = c.kind === 'boolean' ? !c.expect : c.kind === 'checklist' ? [] : c.kind === 'number' ? 0.1 : undefined;
      const a = assess(r, sub({ ...base, [id]: bad }, { facts: { population: 1000 } }));
      expect(a.result.passed, id).toBe(false);
      expect(a.gaps, id).toEqual({ compliant: [id] });
    }
  });
});
