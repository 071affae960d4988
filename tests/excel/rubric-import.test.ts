// A county's own scoring table into a draft rubric: the real tables T2 and T4 typed as a county would, and a table
// with every shape the import must handle. Each row's words quoted verbatim from the transcription, sections and
// budgets as the table sets them, every row it could not read listed with its cell, and the draft loading with
// the rubric loader once its transcription is beside it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { importRubricTable, type TableImport } from '../../src/excel/rubric-import.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/rubric/model.js';
import { indicatorSites, sectionSites } from '../../src/rubric/walk.js';
import type { Section } from '../../src/schema/generated/rubric.js';
import { buildTable, FIXTURE_DIR, MIXED, T2, T4, type TableSpec } from '../support/county-tables.js';
import { load } from '../support/workbooks.js';

const tmp = mkdtempSync(join(tmpdir(), 'rubric-table-'));

async function imported(spec: TableSpec, id = 'my-county') {
  const bytes = await buildTable(spec);
  return { bytes, res: await importRubricTable(bytes, { id, original: spec.file }) };
}

/** Writes the draft and its transcription the way a county keeps them, and loads it with the rubric loader. */
async function loaded(res: TableImport, name: string): Promise<Rubric> {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'standards'), { recursive: true });
  writeFileSync(join(dir, res.file), res.transcription);
  const file = join(dir, `${res.definition.id}.yaml`);
  writeFileSync(file, res.yaml);
  return loadRubricFile(file);
}

/**
 * Every line of every indicator's text is a line of the transcription and lies, verbatim, in one of the cells its
 * citation names, as the workbook itself holds them.
 */
async function expectVerbatim(res: TableImport, bytes: Uint8Array): Promise<void> {
  const wb = await load(bytes);
  const misquoted: string[] = [];
  for (const { def } of indicatorSites(res.definition)) {
    const [sheet, cells] = def.source.part.replace(/（扣分标准 [A-Z]+\d+）$/, '').split('!');
    const texts = cells!.split('、').map((a) => String(wb.getWorksheet(sheet!)!.getCell(a).value ?? ''));
    for (const line of def.text.split('\n')) {
      if (!res.transcription.includes(line)) misquoted.push(`${def.id}: not in the transcription: ${line}`);
      if (!texts.some((t) => t.includes(line))) misquoted.push(`${def.id}: not in ${def.source.part}: ${line}`);
    }
    expect(def.source.file).toBe(res.file);
  }
  expect(misquoted).toEqual([]);
}

const shape = (sections: readonly Section[]): unknown[] =>
  sections.map((s) => ({ ...(s.number ? { number: s.number } : {}), title: s.title, ...(s.points !== undefined ? { points: s.points } : {}), ...(s.sections ? { sections: shape(s.sections) } : { items: s.indicators!.map((i) => i.id) }) }));

describe('the committed fixtures are the tables the builder types', () => {
  it.each([T2, T4])('$file', async (spec) => {
    const committed = await load(readFileSync(join(FIXTURE_DIR, spec.file)));
    const built = await load(await buildTable(spec));
    const cells = (wb: ExcelJS.Workbook) => {
      const out: string[] = [];
      wb.worksheets[0]!.eachRow((row, r) => row.eachCell((c, k) => out.push(`${r},${k}=${JSON.stringify(c.value)}`)));
      return out;
    };
    expect(cells(committed)).toEqual(cells(built));
    expect(Object.keys((committed.worksheets[0] as unknown as { _merges: object })._merges).sort()).toEqual(spec.merges.map((m) => m.split(':')[0]).sort());
  });
});

describe('T4 银川 分厅部门考核赋分表: several rules to a cell, each row a budget', async () => {
  const { bytes, res } = await imported(T4);
  const def = res.definition;

  it('makes each indicator row a part with its 分值 as the budget, and each sentence of its 赋分标准 a rule', () => {
    expect(shape(def.sections)).toEqual([
      { title: '领导重视', points: 20, items: ['1a', '1b', '1c'] },
      { title: '事项进厅', points: 20, items: ['2a', '2b', '2c'] },
      { title: '办事效率', points: 20, items: ['3a', '3b', '3c'] },
      { title: '环境建设设备配置', points: 20, items: ['4a', '4b', '4c', '4d', '4e'] },
      { title: '信息畅通', items: ['5'] },
      { title: '群众投诉', points: 10, items: ['6a', '6b', '6c'] },
    ]);
    expect(def.scoring).toMatchObject({ method: 'points', total: 100 });
    // A row's part is named after the row (r), apart from the parts of headings (s) it could meet.
    expect(sectionSites(def).filter((s) => s.section.points !== undefined).map((s) => s.section.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r6']);
  });

  it('reads every rule: a finding and its amount, occurrences, missing items; the one-rule row keeps its 分值', () => {
    const byId = new Map(indicatorSites(def).map((s) => [s.def.id, s.def]));
    const rules = [...byId.values()].map((d) => [d.id, d.check.kind, d.points ?? null, d.deduct]);
    expect(rules).toEqual([
      ['1a', 'boolean', null, { per: 5 }],
      ['1b', 'boolean', null, { per: 3 }],
      ['1c', 'number', null, { per: 3 }],
      ['2a', 'count', null, { per: 2 }],
      ['2b', 'count', null, { per: 2 }],
      ['2c', 'boolean', null, { per: 2 }],
      ['3a', 'count', null, { per: 3 }],
      ['3b', 'boolean', null, { per: 5 }],
      ['3c', 'boolean', null, { per: 3 }],
      ['4a', 'boolean', null, { per: 5 }],
      ['4b', 'boolean', null, { per: 5 }],
      ['4c', 'boolean', null, { per: 2 }],
      ['4d', 'boolean', null, { per: 5 }],
      ['4e', 'boolean', null, { per: 5 }],
      ['5', 'count', 10, { per: 2 }],
      ['6a', 'boolean', null, { per: 2 }],
      ['6b', 'boolean', null, { per: 2 }],
      ['6c', 'count', null, { per: 5 }],
    ]);
    expect(byId.get('1a')).toMatchObject({ title: '没有安排专题研究', text: '没有安排专题研究的扣5分。', check: { kind: 'boolean', expect: false }, source: { part: '分厅部门考核赋分表!C4' } });
    expect(byId.get('3b')!.text).toBe('不按要求配合工作的扣5分');
    expect(byId.get('6c')).toMatchObject({ title: '被媒体曝光', check: { kind: 'count', unit: '次' } });
  });

  it('quotes every row verbatim from its transcription', async () => {
    await expectVerbatim(res, bytes);
    expect(res.transcription).toContain('- C4 赋分标准：没有安排专题研究的扣5分。未纳入考核扣3分。评优比例低于20%的扣3分。');
    expect(res.transcription).toContain('- A2：分厅部门考核赋分表');
  });

  it('lists what a person must check, with its cell: the items 每少一项 counts are not listed in the table', () => {
    expect(res.unparsed.filter((u) => u.cell)).toEqual([
      { sheet: '分厅部门考核赋分表', cell: 'C5', indicator: '2a', status: 'confirm', text: '每少进一项扣2分。', reason: expect.stringContaining('清单各项没有列明') },
      { sheet: '分厅部门考核赋分表', cell: 'C5', indicator: '2b', status: 'confirm', text: '进厅事项未公开，每少一项扣2分。', reason: expect.stringContaining('清单各项没有列明') },
    ]);
    expect(res.unparsed.filter((u) => !u.cell).map((u) => u.reason)).toEqual([expect.stringMatching(/等级分档/), expect.stringMatching(/层级未指定/), expect.stringMatching(/发布单位/)]);
    expect(res.problems).toEqual([]);
  });

  it('loads with the rubric loader beside its transcription, and scores what the table’s own rules give', async () => {
    const r = await loaded(res, 't4');
    const answers = {
      '1a': true, '1b': false, '1c': 15, // 20 − 5 − 3 (评优比例 15% < 20%) = 12
      '2a': 3, '2b': 0, '2c': true, // 20 − 6 − 2 = 12
      '3a': 8, '3b': false, '3c': false, // 20 − 24 → 0 (扣完为止)
      '4a': false, '4b': false, '4c': false, '4d': false, '4e': false, // 20
      '5': 6, // 10 − 12 → 0 (the item's own points)
      '6a': true, '6b': false, '6c': 1, // 10 − 2 − 5 = 3
    };
    const a = assess(r, { rubric: 'my-county', unit: { code: '640100001', name: '某分厅', level: 'township' }, period: '2026-11', answers });
    expect(a.score).toBe(47);
    expect(a.sections!.map((s) => [s.title, s.subtotal])).toEqual([
      ['领导重视', 12],
      ['事项进厅', 12],
      ['办事效率', 0],
      ['环境建设设备配置', 20],
      ['信息畅通', 0],
      ['群众投诉', 3],
    ]);
  });

  it('does not load without its transcription beside it', async () => {
    const dir = join(tmp, 't4-alone');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'my-county.yaml'), res.yaml);
    await expect(loadRubricFile(join(dir, 'my-county.yaml'))).rejects.toMatchObject({ code: 'RUBRIC_INVALID', problems: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('standards/my-county.md') })]) });
  });

  it('writes YAML with the header the bundled rubrics have, its comments, and that parses to the definition', () => {
    const lines = res.yaml.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../src/schema/rubric.schema.json');
    expect(res.yaml).toContain('# 待确认（分厅部门考核赋分表!C5）：清单各项没有列明');
    expect(res.yaml).toContain("deduct: { per: 5 }");
    expect(res.yaml).toContain('text: |-\n          没有安排专题研究的扣5分。');
    expect(parse(res.yaml)).toEqual(def);
  });
});

describe('T2 河头镇 扣除分: numbered rules without points, rates by kind, a cut-off row', async () => {
  const { bytes, res } = await imported(T2);
  const def = res.definition;
  const ind = (id: string) => indicatorSites(def).find((s) => s.def.id === id)!.def;

  it('keeps the heading and the table’s numbers', () => {
    expect(shape(def.sections)).toEqual([{ number: '（一）', title: '扣除分(手工录入)', items: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] }]);
    expect(def.title).toBe('河头镇便民服务站建设与运行绩效考核评分暂行办法');
  });

  it.each([
    ['1', { kind: 'count', unit: '次' }, { per: 3 }],
    ['2', { kind: 'boolean', expect: false }, { per: 3 }],
    ['3', { kind: 'boolean', expect: false }, { per: 3 }],
    ['4', { kind: 'tally', unit: '件次', counts: [{ id: 'c1', label: '未实行一次性书面告知' }, { id: 'c2', label: '告知内容不全面' }] }, { rates: [{ count: 'c1', per: 3 }, { count: 'c2', per: 1 }] }],
    ['5', { kind: 'count', unit: '次' }, { per: 3 }],
    ['6', { kind: 'count', unit: '件' }, { per: 3 }],
    ['7', { kind: 'tally', unit: '个', counts: [{ id: 'c1', label: '黄牌' }, { id: 'c2', label: '红牌' }] }, { rates: [{ count: 'c1', per: 2 }, { count: 'c2', per: 3 }] }],
    ['8', { kind: 'boolean', expect: false }, { per: 2 }],
    ['9', { kind: 'boolean', expect: false }, { per: 1 }],
    ['10', { kind: 'boolean', expect: false }, { per: 3 }],
    ['11', { kind: 'boolean', expect: false }, { per: 2 }],
    ['12', { kind: 'boolean', expect: false }, { per: 2 }],
  ])('item %s', (id, check, deduct) => {
    expect(ind(id).check).toEqual(check);
    expect(ind(id).deduct).toEqual(deduct);
    expect(ind(id).points).toBeUndefined();
  });

  it('quotes the requirement verbatim, citing its cell and the cell of the rule', async () => {
    await expectVerbatim(res, bytes);
    expect(ind('1')).toMatchObject({ title: '事项办理不发给受理通知书或存在体外循环', text: '事项办理不发给受理通知书或存在体外循环的（只采用纸质办理，无录入系统）', source: { part: '扣除分!B5（扣分标准 C5）' } });
    expect(ind('4').text).toBe('未实行一次性书面告知\n告知内容不全面');
  });

  it('marks the cut-off row truncated, in place, and lists it with its cell for a person to finish', () => {
    expect(ind('13')).toMatchObject({ truncated: true, check: { kind: 'boolean' }, note: expect.stringMatching(/^待补充：原文在此截断/) });
    expect(ind('13').points).toBeUndefined();
    expect(res.unparsed.filter((u) => u.status === 'draft')).toEqual([{ sheet: '扣除分', cell: 'C17', indicator: '13', status: 'draft', text: '[截断]', reason: expect.stringMatching(/截断/) }]);
    expect(res.yaml).toMatch(/# 待补充（扣除分!C17）：原文在此截断.*\n\s+- id: '13'/);
  });

  it('says the full marks are assumed where the table gives none', () => {
    expect(def.scoring.total).toBe(100);
    expect(res.unparsed.some((u) => u.status === 'confirm' && /满分暂按 100 分/.test(u.reason))).toBe(true);
    expect(res.yaml).toContain('# 待确认：表中没有分值或合计：满分暂按 100 分');
  });

  it('loads beside its transcription and scores the month by the table’s rules, the cut-off row shown but not scored', async () => {
    const r = await loaded(res, 't2');
    const none = Object.fromEntries(['2', '3', '8', '9', '10', '11', '12'].map((id) => [id, false]));
    const answers = { ...none, '1': 2, '4': { c1: 1, c2: 2 }, '5': 0, '6': 0, '7': { c1: 2, c2: 1 }, '8': true };
    const a = assess(r, { rubric: 'my-county', unit: { code: '445321001001', name: '某村便民服务站', level: 'village' }, period: '2026-11', answers });
    // 1: 2 × 3 = 6; 4: 3 + 2 × 1 = 5; 7: 2 × 2 + 3 = 7; 8: 2 — 20 deducted from 100.
    expect(a.score).toBe(80);
    expect(a.results.find((x) => x.id === '13')!.status).toBe('not_assessed');
  });
});

describe('a table with every shape: numbering, merged cells, two header rows, bonus, totals, notes', async () => {
  const { bytes, res } = await imported(MIXED, 'mixed');
  const def = res.definition;
  const ind = (id: string) => indicatorSites(def).find((s) => s.def.id === id)!.def;

  it('finds the header over two rows in any column order, and reads the scoring words above it', () => {
    expect(def.title).toBe('XX县便民服务中心考核细则');
    expect(def.scoring).toMatchObject({ total: 100, bonus_cap: 5 });
    expect(def.notes).toEqual(['说明：本细则由县政务服务中心负责解释。']);
  });

  it('nests 一、 › （一） › rows, takes budgets from 分值 cells and from the heading words, and groups rows under a merged label', () => {
    expect(shape(def.sections)).toEqual([
      {
        number: '一',
        title: '基础建设',
        points: 30,
        sections: [
          { number: '（一）', title: '场所设施', points: 20, sections: [{ title: '名称标识', items: ['1'] }, { number: '2', title: '面积与设施', points: 10, items: ['2a', '2b'] }] },
          { number: '（二）', title: '人员管理', points: 10, sections: [{ number: '3', title: '在岗情况', points: 10, items: ['3.1', '3.2', '3.3'] }] },
        ],
      },
      { number: '二', title: '服务效能', points: 70, items: ['4', '5', '6', '7', '8'] },
      { number: '三', title: '加分项目', items: ['9', '10'] },
    ]);
    expect(def.levels).toEqual(['一级', '二级', '三级', '考核项目']);
  });

  it('reads each rule: checklist-like, several in a cell, judged, linear with a cap, a finding, bonus with a cap', () => {
    expect(ind('1')).toMatchObject({ points: 10, check: { kind: 'count', unit: '项' }, deduct: { per: 2 }, guidance: { inspect: '现场查看' } });
    expect([ind('2a').deduct, ind('2b').deduct, ind('2b').check]).toEqual([{ per: 5 }, { per: 1 }, { kind: 'count', unit: '处' }]);
    expect(ind('2a').text).toBe('便民服务大厅面积不少于300平方米。\n面积不足的扣5分。');
    expect([ind('3.1').check, ind('3.2').check, ind('3.2').deduct, ind('3.3').deduct]).toEqual([{ kind: 'count', unit: '人次' }, { kind: 'judgement', min: 2, max: 4 }, { judged: true }, { per: 0.5 }]);
    expect(ind('4')).toMatchObject({ points: 20, check: { kind: 'number', unit: '%', threshold: { op: '>=', value: 100 } }, deduct: { linear: { per: 1, from: 100 }, max: 10 } });
    expect(ind('5')).toMatchObject({ title: '首问负责：未实行首问负责制', points: 5, check: { kind: 'boolean', expect: false }, deduct: { per: 5 } });
    expect(ind('9')).toMatchObject({ check: { kind: 'count', unit: '次' }, bonus: { per: 2 } });
    expect(ind('9').points).toBeUndefined();
    expect(ind('10')).toMatchObject({ points: 3, bonus: { per: 1 } });
  });

  it('puts the row it cannot read in place as a marked draft, keeping its 分值, and lists it with its cell', () => {
    expect(ind('6')).toMatchObject({ points: 15, check: { kind: 'boolean' }, note: expect.stringMatching(/^待补充：“酌情扣分”没有写明幅度/) });
    expect(ind('6').truncated).toBeUndefined();
    expect(res.unparsed.filter((u) => u.cell).map((u) => [u.status, u.cell, u.indicator])).toEqual([
      ['confirm', 'B7', '1'],
      ['confirm', 'B14', '4'],
      ['draft', 'B16', '6'],
    ]);
  });

  it('reports the 分值 it cannot read at its cell, and keeps the rule without points', () => {
    expect(res.problems).toEqual([{ code: 'UNREADABLE_CELL', path: '', sheet: '考核细则', cell: 'E17', value: '见附件', message: expect.stringContaining('分值不是数值') }]);
    expect(ind('7')).toMatchObject({ check: { kind: 'count', unit: '件' }, deduct: { per: 3 }, text: '有效投诉每件扣3分' });
    expect(ind('7').points).toBeUndefined();
  });

  it('quotes verbatim and loads beside its transcription', async () => {
    await expectVerbatim(res, bytes);
    const r = await loaded(res, 'mixed');
    expect(r.indicators).toHaveLength(13);
  });

  it('locates the draft’s problems at the cells they came from: a budget its items overrun', async () => {
    const spec: TableSpec = { ...MIXED, rows: MIXED.rows.map((row, i) => (i === 5 ? ['（一）', null, '场所设施', null, 15] : row)) };
    const { res: bad } = await imported(spec, 'bad');
    expect(bad.problems).toContainEqual(expect.objectContaining({ code: 'POINTS', sheet: '考核细则', cell: 'E6', message: expect.stringContaining('与部分分值 15 不一致') }));
  });
});

describe('tables laid out otherwise', () => {
  const table = async (rows: TableSpec['rows'], merges: string[] = []) =>
    importRubricTable(await buildTable({ file: 'x.xlsx', sheet: 'Sheet1', rows, merges, widths: [] }), { id: 'x-table' });

  it('加分无上限 with no 最高分 reads as a score without a ceiling (scoring.max: none)', async () => {
    const res = await table([
      ['某镇便民服务中心考核细则（满分100分，加分无上限）', null, null],
      ['考核项目', '分值', '评分标准'],
      ['领导重视', 100, '没有安排专题研究的扣5分'],
    ]);
    expect(res.definition.scoring).toMatchObject({ method: 'points', total: 100, max: 'none' });
    expect(res.definition.scoring.bonus_cap).toBeUndefined();
  });

  it('continues a row whose label, number and 分值 are left blank below it (the label not merged)', async () => {
    const res = await table([
      ['考核项目', '分值', '评分标准'],
      ['领导重视', 20, '没有安排专题研究的扣5分'],
      [null, null, '未纳入考核扣3分'],
      ['信息报送', 10, '每少报一次扣2分'],
    ]);
    expect(shape(res.definition.sections)).toEqual([
      { title: '领导重视', points: 20, items: ['1.1', '1.2'] },
      { title: '信息报送', items: ['2'] },
    ]);
  });

  it('nests 一级指标 › 二级指标 columns merged down, each level a part', async () => {
    const res = await table(
      [
        ['一级指标', '二级指标', '考核内容', '分值', '扣分标准'],
        ['硬件建设', '场所', '有独立的服务场所。', 5, '没有的扣5分'],
        [null, '设施', '配备电脑、打印机。', 5, '每缺一项扣1分'],
        ['服务规范', '公开', '公开办事指南。', 10, '未公开的扣10分'],
      ],
      ['A2:A3'],
    );
    // The innermost label column names the items; the ones before it make the parts.
    expect(shape(res.definition.sections)).toEqual([
      { title: '硬件建设', items: ['1.1', '1.2'] },
      { title: '服务规范', items: ['2.1'] },
    ]);
    // A yes/no finding is titled by the fault it asks about, after the row's label.
    expect(indicatorSites(res.definition).map((s) => [s.def.title, s.def.text, s.def.points])).toEqual([
      ['场所：没有', '有独立的服务场所。', 5],
      ['设施', '配备电脑、打印机。', 5],
      ['公开：未公开', '公开办事指南。', 10],
    ]);
    expect(res.definition.scoring.total).toBe(20);
  });

  it('reads the first of two 分值 columns and says so at the other', async () => {
    const res = await table([
      ['考核项目', '分值', '标准分', '扣分标准'],
      ['信息报送', 10, 12, '每少报一次扣2分'],
    ]);
    expect(indicatorSites(res.definition).map((s) => s.def.points)).toEqual([10]);
    expect(res.problems).toEqual([]);
    expect(res.unparsed).toContainEqual({ sheet: 'Sheet1', status: 'confirm', cell: 'C1', text: '标准分', reason: '有多个“分值”列：只读第一列（B 列），此列不读' });
  });

  it('reads rules from the requirement itself when the table has no rule column', async () => {
    const res = await table([
      ['序号', '考核内容', '分值'],
      [1, '公开服务电话，未公开的扣2分', 2],
      [2, '建立首问负责制', 3],
    ]);
    const [a, b] = indicatorSites(res.definition).map((s) => s.def);
    expect(a).toMatchObject({ id: '1', points: 2, deduct: { per: 2 } });
    expect(b).toMatchObject({ id: '2', points: 3, note: expect.stringMatching(/^待补充/) });
  });
});

describe('bad files are refused with the place named', () => {
  it('an .xls (not a zip)', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    await expect(importRubricTable(xls)).rejects.toMatchObject({ code: 'IMPORT_INVALID', problems: [expect.objectContaining({ code: 'NOT_XLSX', message: expect.stringContaining('.xlsx') })] });
  });

  it('a workbook without a scoring table, naming its sheets', async () => {
    const bytes = await buildTable({ file: 'x.xlsx', sheet: '名单', rows: [['姓名', '电话'], ['张三', '123']], merges: [], widths: [] });
    const e = await importRubricTable(bytes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuditError);
    expect((e as AuditError).problems).toEqual([{ code: 'MISSING_COLUMN', path: '', sheet: '名单', message: expect.stringContaining('找不到考核表的表头') }]);
  });

  it('a sheet asked for by name that is not there', async () => {
    await expect(importRubricTable(await buildTable(T4), { sheet: '考核表' })).rejects.toMatchObject({ problems: [expect.objectContaining({ code: 'MISSING_COLUMN', message: expect.stringContaining('找不到工作表“考核表”（工作簿中有：分厅部门考核赋分表）') })] });
  });
});
