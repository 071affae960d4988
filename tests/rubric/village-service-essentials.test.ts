// The three short lists of the 村级便民服务员 model texts (一证二图三卡四告知, 十有, 有房子、有牌子……) checked against
// the transcription, and the fixtures scored as a reader of the texts would score them.
// Reading (stated in the rubric notes): every item a list names is a requirement of that list, so every indicator is
// mandatory and every checklist requires all its items; a station missing one card of the 三卡 has not "实行" the
// 一证二图三卡四告知 制度 and is 未达标. Fixture unit codes are illustrative 12-digit codes in the 怀柔区 (110116…) and
// 绵竹市 (510683…) ranges, not checked against the official 统计用区划代码 list; 石桥村 is an invented name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { formatText } from '../../src/format/text.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { parseRubric } from '../../src/rubric/parse.js';
import { rubricKit } from '../support/kit.js';
import { passingAnswers } from '../support/rubrics.js';

const ID = 'village-service-essentials';
const FILE = 'standards/village-service-model-texts.md';
const unit = { code: '110116102210', name: '北房镇韦里村社会管理服务中心', level: 'village' };
const { r, md, load, sub, full } = await rubricKit(ID, unit);
const lines = md.split('\n');

const line = (start: string) => {
  const found = lines.filter((l) => l.startsWith(start));
  expect(found, start).toHaveLength(1);
  return found[0]!;
};
const labels = (id: string) => {
  const c = r.byId.get(id)!.check;
  if (c.kind !== 'checklist') throw new Error(`${id} is ${c.kind}`);
  return c.items.map((i) => i.label);
};
const quoted = (s: string) => [...s.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
const clause = (l: string, name: string) => l.match(new RegExp(`“${name}”即([^;。]+)`))![1]!;

// The two places the transcription spells out 一证二图三卡四告知.
const T5 = line('各级中心(站)都要实行“一证二图三卡四告知”制度。');
const T2 = line('镇乡便民服务中心实行“一证二图三卡四告知”制度:');

const SECTION_1 = ['T5-3.5a', 'T5-3.5b', 'T5-3.5c', 'T5-3.5d'];
const SECTION_2 = Array.from({ length: 10 }, (_, i) => `T4-2.2-${i + 1}`);
const SECTION_3 = Array.from({ length: 6 }, (_, i) => `T3-2.1-${i + 1}`);
const SECTION_4 = ['T5-3.3-2', 'T5-3.3-3', 'T5-3.3-4', 'T2-5.1-2', 'T2-4', 'T4-2.4-3'];
const SIX = '有房子、有牌子、有人员、有制度、有记录、有考核';

describe(`${ID}: the rubric as data`, () => {
  it('has four sections, one per list and one for the wall and publication duties, with 4, 10, 6 and 6 indicators', () => {
    expect(r.version).toBe('undated.2');
    expect(r.sections.map((s) => [s.number, s.title, s.indicatorIds.length])).toEqual([
      ['文本五 三(五)', '一证二图三卡四告知', 4],
      ['文本四 二2', '十有', 10],
      ['文本三 二1', SIX, 6],
      [undefined, '上墙、标识和公开', 6],
    ]);
    expect(r.sections.map((s) => s.indicatorIds)).toEqual([SECTION_1, SECTION_2, SECTION_3, SECTION_4]);
    expect(r.indicators).toHaveLength(26);
  });

  it('is judged 达标/未达标 by percent, without tiers or points; all 26 indicators are mandatory', () => {
    expect(r.implicitTier).toBe(true);
    expect(r.tiers.map((t) => t.id)).toEqual(['compliant']);
    expect(r.scoring.method).toBe('percent');
    expect(r.indicators.every((i) => i.points === undefined && !i.veto && i.weight === 1)).toBe(true);
    expect(r.indicators.filter((i) => i.requirement === 'mandatory')).toHaveLength(26);
    expect(r.indicators.filter((i) => i.requirement === 'recommended')).toHaveLength(0);
  });

  it('applies to village stations and township centres (文本二 五(二) and 文本五 三(五) give 一证二图三卡四告知 to township centres)', () => {
    expect(r.appliesTo).toEqual(['village', 'township']);
    expect(T2).toContain('镇乡便民服务中心实行');
    expect(T5).toContain('各级中心(站)都要实行');
    const notes = r.definition.notes!.join('\n');
    expect(notes).toMatch(/applies_to 为 village 和 township/);
    expect(notes).toMatch(/本评分标准认为清单点名的每一项都是该清单的要求/);
  });

  it('limits the two village-only lists to villages; no indicator allows 不适用', () => {
    expect(r.indicators.filter((i) => i.na).map((i) => i.id)).toEqual([]);
    for (const id of [...SECTION_2, ...SECTION_3]) expect(r.byId.get(id)!.levels).toEqual(['village']);
    for (const id of SECTION_1) expect(r.byId.get(id)!.levels).toEqual(['village', 'township']);
    for (const id of ['T5-3.3-2', 'T5-3.3-4', 'T2-4']) expect(r.byId.get(id)!.levels).toEqual(['village', 'township']);
    for (const id of ['T5-3.3-3', 'T2-5.1-2', 'T4-2.4-3']) expect(r.byId.get(id)!.levels).toEqual(['village']);
  });

  it('cites the transcription with its own part labels', () => {
    for (const ind of r.indicators) expect(ind.source.file).toBe(FILE);
    expect(SECTION_1.slice(0, 3).map((id) => r.byId.get(id)!.source.part)).toEqual(['文本五 三(五)', '文本五 三(五)', '文本五 三(五)']);
    expect(r.byId.get('T5-3.5d')!.source.part).toBe('文本五 三(五)；文本二 五(二)');
    for (const id of SECTION_2) expect(r.byId.get(id)!.source.part).toBe('文本四 二2');
    for (const id of SECTION_3) expect(r.byId.get(id)!.source.part).toBe('文本三 二1');
    expect(SECTION_4.map((id) => r.byId.get(id)!.source.part)).toEqual([
      '文本五 三(三)第2段', '文本五 三(三)第3段', '文本五 三(三)第4段', '文本二 五(一)第2段', '文本二 四；文本二 四(二)2', '文本四 二4',
    ]);
  });

  it('encodes no numeric thresholds; the figures of the model texts are listed in notes as deliberately not encoded', () => {
    expect(new Set(r.indicators.map((i) => i.check.kind))).toEqual(new Set(['boolean', 'checklist']));
    const notes = r.definition.notes!.join('\n');
    for (const figure of ['办结率97%以上', '满意度99%以上', '5元/件', '80%', '1500', '1200', '1000', '300---360', '约100平方米左右']) {
      expect(notes, figure).toContain(figure);
    }
    expect(notes).toMatch(/这些数字都不设阈值/);
    expect(notes).toMatch(/实际成效/);
  });

  it('never calls the 有房子…有考核 list 六有 in a title', () => {
    const titles = [...r.sections.map((s) => s.title), ...r.indicators.map((i) => i.title), r.title];
    expect(titles.filter((t) => t.includes('六有'))).toEqual([]);
    expect(md.includes(`“${SIX}”`)).toBe(true);
    expect(r.definition.notes!.join('\n')).toMatch(/没有“六有”的说法/);
  });
});

describe(`${ID}: 一证二图三卡四告知 — the items of each part are the source's`, () => {
  it('reads the four parts from both source sentences, which name the same items', () => {
    expect(clause(T5, '一证')).toBe('窗口工作人员佩证上岗');
    expect(clause(T2, '一证')).toBe('窗口工作人员佩证上岗');
    expect(quoted(clause(T5, '二图'))).toEqual(['群众办事引导图', '工作人员外出告知图']);
    expect(quoted(clause(T2, '二图'))).toEqual(['群众办事引导图', '工作人员外出告知图']);
    expect(quoted(clause(T5, '三卡'))).toEqual(['工作人员岗位卡', '代办事项明示卡', '便民服务联系卡']);
    expect(clause(T2, '三卡').split(/、|和/)).toEqual(['工作人员岗位卡', '代办事项明示卡', '便民服务联系卡']);
    expect(clause(T5, '四告知')).toBe('当初告知办事程序、条件、时限和收费');
    expect(clause(T2, '四告知')).toBe('当场告知办事程序、条件、时限和收费');
  });

  it.each([
    ['T5-3.5a', '一证', 'boolean', null],
    ['T5-3.5b', '二图', 'checklist', quoted(clause(T5, '二图'))],
    ['T5-3.5c', '三卡', 'checklist', quoted(clause(T5, '三卡'))],
    ['T5-3.5d', '四告知', 'checklist', clause(T5, '四告知').replace(/^当.告知/, '').split(/、|和/)],
  ] as const)('%s (%s): %s of exactly the named items, all required, quoting the 文本五 sentence', (id, name, kind, items) => {
    const ind = r.byId.get(id)!;
    expect(ind.check.kind).toBe(kind);
    if (items) {
      expect(labels(id)).toEqual(items);
      if (ind.check.kind === 'checklist') expect(ind.check.atLeast).toBe(items.length);
    } else expect(ind.check).toEqual({ kind: 'boolean', expect: true });
    const textLines = ind.text.split('\n');
    expect(textLines[0]).toBe('各级中心(站)都要实行“一证二图三卡四告知”制度。');
    expect(textLines[1]).toBe(`“${name}”即${clause(T5, name)}${name === '四告知' ? '。' : ';'}`);
    expect(ind.title.startsWith(name)).toBe(true);
  });

  it('四告知 quotes both 当初 (文本五) and 当场 (文本二) and says it checks 当场', () => {
    const ind = r.byId.get('T5-3.5d')!;
    expect(ind.text.split('\n').slice(1)).toEqual(['“四告知”即当初告知办事程序、条件、时限和收费。', '“四告知”即当场告知办事程序、条件、时限和收费。']);
    expect(ind.note).toMatch(/“当初”疑为“当场”之误，本评分标准按“当场告知”检查/);
    expect(ind.title).toContain('当场告知');
  });
});

describe(`${ID}: 十有 — ten items, split at 有 (not at every 、)`, () => {
  const sentence = line('2.完善配套服务设施,统一规定建设标准。');
  const list = sentence.match(/“十有”标准,即:(.+?)。/)![1]!.split(/、(?=有)/);

  // indicator, the item as the source writes it, the things a checklist item stands for (null: one thing, boolean)
  const TEN: Array<[string, string, string[] | null]> = [
    ['T4-2.2-1', '有“六站”办公场所', null],
    ['T4-2.2-2', '有会议室', null],
    ['T4-2.2-3', '有图书室和文体活动场地', ['图书室', '文体活动场地']],
    ['T4-2.2-4', '有村民培训场所', null],
    ['T4-2.2-5', '有医疗卫生服务室', null],
    ['T4-2.2-6', '有便民商业网点', null],
    ['T4-2.2-7', '有相应的区、镇、村对接信息系统', null],
    ['T4-2.2-8', '有相应的社会组织和志愿服务团队', ['社会组织', '志愿服务团队']],
    ['T4-2.2-9', '有便民服务热线和便民服务卡', ['便民服务热线', '便民服务卡']],
    ['T4-2.2-10', '有固定的驻站工作人员', null],
  ];

  it('the source lists exactly these ten items, in this order', () => {
    expect(list).toHaveLength(10);
    expect(list).toEqual(TEN.map(([, item]) => item));
  });

  it.each(TEN)('%s quotes “%s” and checks it (%j)', (id, item, things) => {
    const ind = r.byId.get(id)!;
    expect(ind.title).toBe(item);
    const [intro, quotedItem] = ind.text.split('\n');
    expect(intro).toBe('统一规定村级社会管理服务中心规范化建设“十有”标准,即:');
    expect(quotedItem!.replace(/。$/, '')).toBe(item);
    if (things) {
      expect(labels(id)).toEqual(things);
      for (const t of things) expect(item).toContain(t);
      if (ind.check.kind === 'checklist') expect(ind.check.atLeast).toBe(2);
      expect(ind.note).toMatch(/要求两样都有/);
    } else expect(ind.check).toEqual({ kind: 'boolean', expect: true });
  });

  it('keeps the 便民服务卡 of 十有 apart from the 便民服务联系卡 of 三卡', () => {
    expect(labels('T4-2.2-9')).not.toContain('便民服务联系卡');
    expect(r.byId.get('T4-2.2-9')!.note).toMatch(/出处不同/);
    expect(r.byId.get('T5-3.5c')!.note).toMatch(/出处不同/);
  });
});

describe(`${ID}: 有房子、有牌子、有人员、有制度、有记录、有考核 — six yes/no items`, () => {
  const sentence = line('1.构建服务载体。');
  const six = sentence.match(/“(有房子[^”]+)”的要求/)![1]!.split('、');

  it('the source lists exactly these six, and the section is titled by them', () => {
    expect(six).toEqual(['有房子', '有牌子', '有人员', '有制度', '有记录', '有考核']);
    expect(r.sections[2]!.title).toBe(six.join('、'));
  });

  it.each(SECTION_3.map((id, i) => [id, six[i]!] as const))('%s is the boolean “%s”, quoting the sentence', (id, item) => {
    const ind = r.byId.get(id)!;
    expect(ind.title).toBe(item);
    expect(ind.check).toEqual({ kind: 'boolean', expect: true });
    expect(ind.text).toBe('目前,全镇22个均按照“有房子、有牌子、有人员、有制度、有记录、有考核”的要求建立了村级便民服务处。');
    expect(sentence).toContain(ind.text);
  });

  it('gives the source detail in guidance: 人员 are 村干部 and 驻村指导员, 牌子 is 醒目, 场地 单独设立 原则上', () => {
    expect(sentence).toContain('服务处人员由村干部和驻村指导员共同组成,具体操作一般以村文书为主');
    expect(r.byId.get('T3-2.1-3')!.guidance.inspect).toContain('服务处人员由村干部和驻村指导员共同组成,具体操作一般以村文书为主');
    expect(r.byId.get('T3-2.1-2')!.guidance.inspect).toContain('挂有醒目的牌子');
    expect(r.byId.get('T3-2.1-1')!.guidance.inspect).toContain('办公场地原则上要求单独设立');
  });
});

describe(`${ID}: fixtures score as a reader of the model texts would expect`, () => {
  it('compliant.json (北房镇韦里村, 2026-11): 达标, 100', () => {
    const a = assess(r, load('compliant'));
    expect(a.result).toEqual({ passed: true, label: '达标' });
    expect(a.score).toBe(100);
    expect(a.gaps).toEqual({});
    expect(a.counts).toEqual({ total: 26, met: 26, unmet: 0, not_applicable: 0, not_assessed: 0 });
  });

  // Everything present except the 代办事项明示卡: one card of the 三卡 missing means the 制度 is not fully 实行.
  it('partial.json (孝德镇年画村, 2026-10): 未达标 on the 三卡 alone, naming the missing 代办事项明示卡', () => {
    const a = assess(r, load('partial'));
    expect(a.result).toEqual({ passed: false, label: '未达标' });
    expect(a.score).toBe(96.15);
    expect(a.gaps).toEqual({ compliant: ['T5-3.5c'] });
    expect(a.counts).toEqual({ total: 26, met: 25, unmet: 1, not_applicable: 0, not_assessed: 0 });
    const res = a.results.find((x) => x.id === 'T5-3.5c')!;
    expect(res.status).toBe('unmet');
    expect(res.missing_items).toEqual(['代办事项明示卡']);
    expect(a.tiers[0]!.blocking.map((b) => [b.id, b.missing_items])).toEqual([['T5-3.5c', ['代办事项明示卡']]]);
    const text = formatText(a, r);
    expect(text).toContain('结论：未达标');
    expect(text).toContain('[T5-3.5c] 三卡：岗位卡、代办事项明示卡、便民服务联系卡：未达标。缺少：代办事项明示卡');
  });

  it('noncompliant.json (土门镇石桥村, 2026-11): 未达标 on 21 items; only 会议室, 医疗卫生服务室, 房子, 牌子, 人员 met', () => {
    const a = assess(r, load('noncompliant'));
    expect(a.result).toEqual({ passed: false, label: '未达标' });
    expect(a.score).toBe(19.23);
    expect(a.results.filter((x) => x.status === 'met').map((x) => x.id)).toEqual(['T4-2.2-2', 'T4-2.2-5', 'T3-2.1-1', 'T3-2.1-2', 'T3-2.1-3']);
    expect(a.gaps.compliant).toEqual([
      ...SECTION_1,
      'T4-2.2-1', 'T4-2.2-3', 'T4-2.2-4', 'T4-2.2-6', 'T4-2.2-7', 'T4-2.2-8', 'T4-2.2-9', 'T4-2.2-10',
      'T3-2.1-4', 'T3-2.1-5', 'T3-2.1-6',
      ...SECTION_4,
    ]);
    const missing = (id: string) => a.results.find((x) => x.id === id)!.missing_items;
    expect(missing('T5-3.5b')).toEqual(['工作人员外出告知图']);
    expect(missing('T5-3.5c')).toEqual(['代办事项明示卡', '便民服务联系卡']);
    expect(missing('T5-3.5d')).toEqual(['条件', '收费']);
    expect(missing('T4-2.2-9')).toEqual(['便民服务卡']);
    expect(missing('T5-3.3-4')).toEqual(['办事流程上墙', '制度纪律上墙']);
  });

  it('township.json (九龙镇便民服务中心): 达标 on the 一证二图三卡四告知 and the three duties of both levels, the 19 village-only items 不适用', () => {
    const a = assess(r, load('township'));
    expect(a.result).toEqual({ passed: true, label: '达标' });
    expect(a.score).toBe(100);
    expect(a.counts).toEqual({ total: 26, met: 7, unmet: 0, not_applicable: 19, not_assessed: 0 });
    expect(a.results.filter((x) => x.status === 'met').map((x) => x.id)).toEqual([...SECTION_1, 'T5-3.3-2', 'T5-3.3-4', 'T2-4']);
  });
});

describe(`${ID}: each named item is required, 不适用 and unanswered`, () => {
  it('a fully passing submission is 达标 with 100', () => {
    expect(full().result.passed).toBe(true);
    expect(full().score).toBe(100);
  });

  it.each([
    ['T5-3.5a', false, []],
    ['T5-3.5b', ['guide_map'], ['工作人员外出告知图']],
    ['T5-3.5c', ['post_card', 'agency_card'], ['便民服务联系卡']],
    ['T5-3.5d', ['procedure', 'conditions', 'time_limit'], ['收费']],
    ['T4-2.2-3', ['activity_ground'], ['图书室']],
    ['T4-2.2-8', ['social_org'], ['志愿服务团队']],
    ['T4-2.2-9', ['service_card'], ['便民服务热线']],
    ['T4-2.2-7', false, []],
    ['T3-2.1-6', false, []],
  ] as const)('%s answered %j alone blocks 达标 (missing %j)', (id, answer, missing) => {
    const a = full({ [id]: answer });
    expect(a.result.passed).toBe(false);
    expect(a.gaps.compliant).toEqual([id]);
    expect(a.score).toBe(96.15);
    expect(a.results.find((x) => x.id === id)!.missing_items ?? []).toEqual(missing);
  });

  it('a village station cannot claim 不适用 on any list', () => {
    const na = { status: 'not_applicable', reason: '镇级便民服务中心' };
    for (const id of ['T4-2.2-6', 'T3-2.1-1', ...SECTION_1]) expect(() => full({ [id]: na })).toThrow(AuditError);
  });

  it('refuses a submission for a county unit', () => {
    expect(() => assess(r, sub(passingAnswers(r), { unit: { ...unit, level: 'county' } }))).toThrow(AuditError);
  });

  it('an unanswered indicator blocks: not inspected never counts as met', () => {
    const { 'T5-3.5a': _, ...rest } = passingAnswers(r);
    const a = assess(r, sub(rest));
    expect(a.result.passed).toBe(false);
    expect(a.gaps.compliant).toEqual(['T5-3.5a']);
    expect(a.completeness.unanswered).toEqual(['T5-3.5a']);
  });
});

describe(`${ID}: the wall, the signs and the telephone numbers a village station must publish`, () => {
  // indicator, the sentence it rests on (verbatim), the answer that leaves it out, the items then missing.
  const duties: Array<[string, string, unknown, string[]]> = [
    ['T5-3.3-4', '镇村两级都要做到服务事项、办事流程、制度纪律上墙。', ['service_items'], ['办事流程上墙', '制度纪律上墙']],
    ['T5-3.3-3', '各村级便民服务站应根据代办业务种类设置标识牌。', false, []],
    ['T5-3.3-2', '每个窗口要有明显的窗口标识牌。', false, []],
    ['T2-5.1-2', '公开村社干部或驻村大 学生的代办电话和监督投诉电话。', ['complaint_phone'], ['公开代办电话（村社干部或驻村大学生）']],
    ['T2-4', '分别在村(社区)便民服务室、镇乡便民服务中心和县级政务服务中心的醒目位置公开投诉电话', ['report_box'], ['在醒目位置公开投诉（监督举报）电话']],
    ['T2-4', '设立并公布监督举报电话和举报箱', ['visible_phone'], ['设立举报箱']],
    ['T4-2.4-3', '村级社会管理服务中心对受理和即办事项、程序、时限,必须通过广播、公开栏、告示等形式对村民进行公开。', ['matters', 'time_limit'], ['公开程序']],
  ];

  it.each(duties)('%s rests on “%s”; leaving it out blocks 达标', (id, sentence, answer, missing) => {
    expect(md).toContain(sentence);
    expect(r.byId.get(id)!.text).toContain(sentence);
    expect(r.byId.get(id)!.requirement).toBe('mandatory');
    const a = full({ [id]: answer });
    expect(a.result.passed).toBe(false);
    expect(a.gaps.compliant).toEqual([id]);
    expect(a.results.find((x) => x.id === id)!.missing_items).toEqual(missing);
  });

  const bareWalls = { 'T5-3.3-2': false, 'T5-3.3-3': false, 'T5-3.3-4': [], 'T2-5.1-2': [], 'T2-4': [], 'T4-2.4-3': [] };

  it('a village station with nothing on its walls, no signs and no published numbers is 未达标, naming the six', () => {
    const a = full(bareWalls);
    expect(a.result).toEqual({ passed: false, label: '未达标' });
    expect(a.gaps.compliant).toEqual(SECTION_4);
  });

  it('the same station was 达标 under undated.1, which left these duties out (kept as it was for records scored with it)', async () => {
    const old = parseRubric(readFileSync(join(PACKAGE_ROOT, 'tests/support/superseded/village-service-essentials@undated.1.yaml'), 'utf8'));
    expect(old.version).toBe('undated.1');
    const answers = Object.fromEntries(Object.entries({ ...passingAnswers(r), ...bareWalls }).filter(([id]) => old.byId.has(id)));
    expect(assess(old, sub(answers, { rubric: ID })).result).toEqual({ passed: true, label: '达标' });
    expect(old.definition.notes!.join('\n')).toContain('文本五 三(三)“服务事项、办事流程、制度纪律上墙”');
  });

  it('says in the notes what it now encodes, how it reads the two telephone sentences, and what it still leaves out and why', () => {
    const notes = r.definition.notes!.join('\n');
    expect(notes).toMatch(/undated\.1 只编码三张短清单，漏掉了同一批文本对村级站的上墙和公开要求/);
    expect(notes).toMatch(/“监督举报电话”和四\(二\)2 的“投诉电话”本评分标准视为同一部监督投诉电话/);
    expect(notes).toMatch(/两地各自的命名，互相矛盾/);
    expect(notes).toMatch(/监督检查组.*是县、镇组织的监督机制/s);
  });
});
