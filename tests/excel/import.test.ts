import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { importWorkbook } from '../../src/excel/import.js';
import { listRubrics } from '../../src/rubric/load.js';
import { buildBulkTemplate, buildPrintWorkbook, buildTemplate } from '../../src/excel/template.js';
import { rubricFields } from '../../src/excel/fields.js';
import { normalisePackage } from '../../src/excel/open.js';
import { arbAnswers } from '../support/arbitraries.js';
import { fixture, rubric, submission } from '../support/rubrics.js';
import { column, fieldRow, fillSingle, hasLibreOffice, keyRow, load, named, save, throughLibreOffice } from '../support/workbooks.js';

const ALL = (await listRubrics()).flatMap((l) => (l.rubric ? [l.rubric] : []));
const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const bundled = (id: string) => (id === r.id ? r : id === county.id ? county : undefined);
const json = (rubricId: string, name: string) => JSON.parse(readFileSync(fixture(rubricId, `${name}.json`), 'utf8'));
const unit = { code: '330212001000', name: '测试镇便民服务中心', level: 'township' as const };
const blank = () => buildTemplate(r, { unit, period: '2026-11' });
const importOne = async (bytes: Uint8Array, opts: { onlyValid?: boolean } = {}) => importWorkbook(bytes, { resolve: bundled, ...opts });
/** Where the header values of the blank single template are (found by their defined names). */
const HEAD = await (async () => {
  const wb = await load(await blank());
  return { code: named(wb, 'bm_unit_code').address, period: named(wb, 'bm_period').address };
})();

describe('round trip: template → fill → import gives back exactly the submission written', () => {
  it.each([
    ['township-center-2022', 'demonstration'],
    ['township-center-2022', 'standard'],
    ['township-center-2022', 'neither'],
    ['county-monthly-assessment', 'good'],
    ['county-monthly-assessment', 'poor'],
  ])('%s / %s (single template)', async (id, name) => {
    const sub = json(id, name);
    const res = await importOne(await buildTemplate(bundled(id)!, { prefill: sub }));
    expect(res.problems).toEqual([]);
    expect(res.kind).toBe('single');
    expect(res.submissions).toEqual([sub]);
  });

  it('bulk: one row per unit, every unit back (notes are not part of the bulk sheet)', async () => {
    const subs = ['demonstration', 'standard', 'neither'].map((n) => json('township-center-2022', n));
    const res = await importOne(await buildBulkTemplate(r, { prefill: subs }));
    expect(res.problems).toEqual([]);
    expect(res.kind).toBe('bulk');
    const withoutNotes = (s: { answers: Record<string, unknown> }) => ({
      ...s,
      answers: Object.fromEntries(Object.entries(s.answers).map(([k, v]) => [k, v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v])),
    });
    expect(res.submissions).toEqual(subs.map(withoutNotes));
  });

  // Every bundled rubric, so every check kind (composite, choice, dimension, range, facts) makes the trip.
  it.each(ALL.map((x) => [x.id, x] as const))('property: %s — random valid submissions come back exactly, through the single and the bulk sheet', async (_, rr) => {
    const level = rr.appliesTo[0]!;
    const facts = Object.keys(rr.facts).length ? { facts: Object.fromEntries(Object.keys(rr.facts).map((k) => [k, 1000])) } : {};
    await fc.assert(
      fc.asyncProperty(arbAnswers(rr, level), fc.boolean(), async (answers, bulk) => {
        const sub = { ...submission(rr, answers, facts), unit: { ...unit, level }, inspector: '检查员', inspected_on: '2026-11-20' };
        const bytes = bulk ? await buildBulkTemplate(rr, { prefill: [sub] }) : await buildTemplate(rr, { prefill: sub });
        const res = await importWorkbook(bytes, { resolve: (id) => (id === rr.id ? rr : undefined) });
        expect(res.problems).toEqual([]);
        expect(res.submissions).toEqual([sub]);
        expect(assess(rr, res.submissions[0])).toEqual(assess(rr, sub));
      }),
      { numRuns: rr.id === r.id ? 25 : 8 },
    );
  }, 120_000);

  it('a dimension given in another unit (厘米, 公分, 米) is pre-filled converted, and scores the same after the trip', async () => {
    const hall = ALL.find((x) => x.id === 'baishui-township-hall-2017')!;
    const sub = json('baishui-township-hall-2017', 'compliant');
    const dim = hall.indicators.find((i) => i.check.kind === 'dimension')!;
    const c = dim.check as Extract<typeof dim.check, { kind: 'dimension' }>;
    for (const [spelling, factor] of [['厘米', 10], ['公分', 10], ['米', 1000], ['毫米', 1]] as const) {
      const to = { mm: 1, cm: 10, m: 1000 }[c.unit];
      const given = { ...sub, answers: { ...sub.answers, [dim.id]: { unit: spelling, ...Object.fromEntries(c.dims.map((d) => [d.id, (d.value * to) / factor])) } } };
      const res = await importWorkbook(await buildTemplate(hall, { prefill: given }), { resolve: () => hall });
      expect(res.problems, spelling).toEqual([]);
      expect(res.submissions[0]!.answers[dim.id], spelling).toEqual({ unit: c.unit, ...Object.fromEntries(c.dims.map((d) => [d.id, d.value])) });
      expect(assess(hall, res.submissions[0]).results.find((x) => x.id === dim.id)!.status, spelling).toBe('met');
    }
  });
});

describe('what people actually type', () => {
  const yesNo = [
    ['是', true], ['否', false], ['√', true], ['×', false], ['✓', true], ['✗', false], ['Y', true], ['n', false], ['有', true], ['无', false],
    [' 是 ', true], ['\u3000否\u3000', false], [true, true], [1, true], [0, false],
  ] as const;
  it.each(yesNo)('yes/no: %j reads as %s', async (typed, expected) => {
    const res = await importOne(await fillSingle(await blank(), { '1': typed }));
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.answers['1']).toBe(expected);
  });

  const numbers = [
    ['4', 120, 120], ['4', '120', 120], ['4', '１２０', 120], ['4', '120㎡', 120], ['4', '120平方米', 120], ['4', '120 m2', 120], ['4', "'150", 150], ['4', '150 ', 150],
    ['4', '1,200', 1200], ['46', '30%', 30], ['46', '２５％', 25], ['41', '30天', 30],
  ] as const;
  it.each(numbers)('number: indicator %s typed %j reads as %s', async (id, typed, expected) => {
    const res = await importOne(await fillSingle(await blank(), { [id]: typed }));
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.answers[id]).toBe(expected);
  });

  it('a percentage stored as 0.3 in a percent-formatted cell reads as 30', async () => {
    const wb = await load(await blank());
    const ws = wb.getWorksheet('检查表')!;
    const cell = ws.getCell(fieldRow(ws, '46'), column(ws, 'answer'));
    cell.value = 0.3;
    cell.numFmt = '0%';
    const res = await importOne(await save(wb));
    expect(res.submissions[0]!.answers['46']).toBe(30);
  });

  it('formula cells use their cached result; one without a result is reported', async () => {
    const wb = await load(await blank());
    const ws = wb.getWorksheet('检查表')!;
    ws.getCell(fieldRow(ws, '4'), column(ws, 'answer')).value = { formula: '100+20', result: 120 };
    ws.getCell(fieldRow(ws, '47'), column(ws, 'answer')).value = { formula: 'A1*2' } as never;
    const res = await importOne(await save(wb));
    expect(res.problems).toMatchObject([{ code: 'UNREADABLE_CELL', sheet: '检查表', indicator: '47', message: expect.stringContaining('公式没有计算结果') }]);
    const ok = await importOne(await fillSingle(await blank(), { '4': { formula: '100+20', result: 120 } }));
    expect(ok.submissions[0]!.answers['4']).toBe(120);
  });

  it('不适用 with a reason, in the answer or the reason column', async () => {
    const inline = await importOne(await fillSingle(await blank(), { '39': '不适用：纯居住型街道' }));
    expect(inline.submissions[0]!.answers['39']).toEqual({ status: 'not_applicable', reason: '纯居住型街道' });
    const column = await importOne(await fillSingle(await blank(), { '39': '不适用' }, { na: { '39': '辖区内没有投资项目，经县审批局确认' } }));
    expect(column.submissions[0]!.answers['39']).toEqual({ status: 'not_applicable', reason: '辖区内没有投资项目，经县审批局确认' });
  });

  it('notes keep their Chinese punctuation', async () => {
    const res = await importOne(await fillSingle(await blank(), { '4': 120 }, { note: { '4': '以竣工图为准，含走廊。' } }));
    expect(res.submissions[0]!.answers['4']).toEqual({ value: 120, note: '以竣工图为准，含走廊。' });
  });

  it('unit codes keep their leading zeros, typed as text or as a zero-padded number', async () => {
    const text = await importOne(await fillSingle(await buildTemplate(r, { unit: { ...unit, code: '012345678901' }, period: '2026-11' }), { '1': '是' }));
    expect(text.submissions[0]!.unit.code).toBe('012345678901');
    const wb = await load(await fillSingle(await blank(), { '1': '是' }));
    const cell = wb.getWorksheet('检查表')!.getCell(HEAD.code);
    cell.value = 12345678901;
    cell.numFmt = '000000000000';
    expect((await importOne(await save(wb))).submissions[0]!.unit.code).toBe('012345678901');
  });

  it.each([['2026-11'], ['2026年11月'], ['2026/11'], [new Date(Date.UTC(2026, 10, 1))]])('period typed as %j reads as 2026-11', async (typed) => {
    const res = await importOne(await fillSingle(await blank(), { '1': '是' }, { cells: { [HEAD.period]: typed } }));
    expect(res.submissions[0]!.period).toBe('2026-11');
  });

  it('a period whose year the rubric defines no values for is reported at the period cell, not left to fail when scored', async () => {
    const res = await importOne(await fillSingle(await blank(), { '1': '是' }, { cells: { [HEAD.period]: '2021-12' } }));
    expect(res.submissions).toEqual([]);
    expect(res.problems).toMatchObject([{ code: 'PARAMETER_UNDEFINED', sheet: '检查表', cell: HEAD.period, message: expect.stringContaining('2021 年') }]);
  });

  it('checklists answered item by item; a partly answered checklist is reported, naming the missing items', async () => {
    const all = await importOne(await fillSingle(await blank(), { '42/onsite': '是', '42/phone': '√', '42/online': '否' }));
    expect(all.submissions[0]!.answers['42']).toEqual(['onsite', 'phone']);
    const part = await importOne(await fillSingle(await blank(), { '42/onsite': '是' }));
    expect(part.submissions).toEqual([]);
    expect(part.problems).toMatchObject([{ code: 'INCOMPLETE_CHECKLIST', indicator: '42', sheet: '检查表', message: expect.stringContaining('电话投诉、网络投诉') }]);
  });
});

describe('every problem is reported at once, with sheet, cell, indicator and value', () => {
  it('bad cells in a single template', async () => {
    const res = await importOne(await fillSingle(await blank(), { '1': '可能', '4': '约120', '46': 120, '41': '30周', '39': '不适用' }));
    expect(res.submissions).toEqual([]);
    const byId = Object.fromEntries(res.problems.map((p) => [p.indicator, p]));
    expect(Object.keys(byId).sort()).toEqual(['1', '39', '4', '41', '46']);
    const ws = (await load(await blank())).getWorksheet('检查表')!;
    expect(byId['1']).toMatchObject({ sheet: '检查表', cell: ws.getCell(fieldRow(ws, '1'), column(ws, 'answer')).address, value: '可能', message: expect.stringContaining('“是”或“否”') });
    expect(byId['4']).toMatchObject({ value: '约120', message: expect.stringContaining('数值') });
    expect(byId['46']).toMatchObject({ code: 'OUT_OF_RANGE', value: '120', message: expect.stringContaining('不能大于 100%') });
    expect(byId['41']).toMatchObject({ message: expect.stringContaining('单位“周”与要求的单位“天”不符') });
    expect(byId['39']).toMatchObject({ code: 'NA_REASON_MISSING', path: '/answers/39/reason', message: expect.stringContaining('没有写明原因') });
  });

  it('不适用 where the rubric does not allow it', async () => {
    const res = await importOne(await fillSingle(await blank(), { '4': '不适用：面积未测' }));
    expect(res.problems).toMatchObject([{ code: 'NA_NOT_ALLOWED', indicator: '4', sheet: '检查表' }]);
  });

  it('a bulk sheet: problems on several rows; only valid rows are imported when asked', async () => {
    const subs = ['demonstration', 'standard', 'neither'].map((n) => json('township-center-2022', n));
    const wb = await load(await buildBulkTemplate(r, { prefill: subs }));
    const ws = wb.getWorksheet('批量录入')!;
    const col = (key: string) => (ws.getRow(2).values as unknown[]).indexOf(key);
    ws.getCell(5, col('4')).value = '很大';
    ws.getCell(6, col('46')).value = -3;
    ws.getCell(6, col('unit.code')).value = subs[0].unit.code;
    const bytes = await save(wb);
    const all = await importOne(bytes);
    expect(all.submissions).toEqual([]);
    expect(all.rejected).toBe(2);
    // Row by row, and left to right within a row.
    expect(all.problems.map((p) => [p.cell, p.code])).toEqual([
      [`${ws.getCell(5, col('4')).address}`, 'UNREADABLE_CELL'],
      [`${ws.getCell(6, col('unit.code')).address}`, 'DUPLICATE_ROW'],
      [`${ws.getCell(6, col('46')).address}`, 'OUT_OF_RANGE'],
    ]);
    const valid = await importOne(bytes, { onlyValid: true });
    expect(valid.submissions.map((s) => s.unit.code)).toEqual([subs[0].unit.code]);
  });
});

describe('columns are found by hidden ids first and by header text second', () => {
  it('a bulk sheet whose columns were reordered and hidden key row removed still imports by header text', async () => {
    const sub = json('township-center-2022', 'standard');
    const wb = await load(await buildBulkTemplate(r, { prefill: [sub] }));
    const ws = wb.getWorksheet('批量录入')!;
    ws.spliceRows(2, 1); // the hidden key row is gone
    // Swap two answer columns, header and data.
    const a = 8;
    const b = 12;
    for (const row of [2, 3]) {
      const x = ws.getCell(row, a).value;
      ws.getCell(row, a).value = ws.getCell(row, b).value;
      ws.getCell(row, b).value = x;
    }
    const res = await importOne(await save(wb));
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.answers).toEqual(Object.fromEntries(Object.entries(sub.answers).map(([k, v]) => [k, v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v])));
  });

  it('a single template survives reordered rows: rows are found by their hidden field key', async () => {
    const sub = json('township-center-2022', 'standard');
    const wb = await load(await buildTemplate(r, { prefill: sub }));
    const ws = wb.getWorksheet('检查表')!;
    // Swap the answers and keys of two single-row indicators (1 and 3).
    const r1 = fieldRow(ws, '1');
    const r3 = fieldRow(ws, '3');
    for (const c of [column(ws, 'id'), column(ws, 'answer'), column(ws, 'field')]) {
      const x = ws.getCell(r1, c).value;
      ws.getCell(r1, c).value = ws.getCell(r3, c).value;
      ws.getCell(r3, c).value = x;
    }
    expect((await importOne(await save(wb))).submissions).toEqual([sub]);
  });
});

describe('import judgement', () => {
  it('a template with nothing filled in is refused: 未填写任何答案, and what to do', async () => {
    const res = await importOne(await blank());
    expect(res.submissions).toEqual([]);
    expect(res.problems).toEqual([{ code: 'EMPTY_TEMPLATE', path: '/answers', sheet: '检查表', message: expect.stringMatching(/^未填写任何答案：请在“答案”列填写/) }]);
  });

  it('a bulk row with a unit but no answers, and a bulk sheet with no rows at all, are refused', async () => {
    const units = [unit, { code: '330212002000', name: '西岭镇便民服务中心', level: 'township' as const }];
    const wb = await load(await buildBulkTemplate(r, { units, period: '2026-11' }));
    const ws = wb.getWorksheet('批量录入')!;
    ws.getCell(4, (ws.getRow(2).values as unknown[]).indexOf('1')).value = '是';
    const res = await importOne(await save(wb), { onlyValid: true });
    expect(res.submissions.map((x) => x.unit.code)).toEqual([unit.code]);
    expect(res.problems).toEqual([{ code: 'EMPTY_TEMPLATE', path: '/answers', sheet: '批量录入', cell: 'A5', value: '330212002000', message: '第 5 行（西岭镇便民服务中心）未填写任何答案：请填写该单位的检查结果，或删除这一行' }]);
    const none = await importOne(await buildBulkTemplate(r, {}));
    expect(none.problems).toEqual([{ code: 'EMPTY_TEMPLATE', path: '', sheet: '批量录入', message: '批量录入表中没有任何单位的数据：请每个单位填写一行后再导入' }]);
  });

  it.each([
    [0.6, 60], ['0.6', 60], ['.95', 95], [0.975, 97.5],
  ] as const)('a bare %j under 1 in a General percentage cell is read as a fraction (%s%), with a warning naming the cell', async (typed, expected) => {
    const bytes = await fillSingle(await blank(), { '46': typed });
    const res = await importOne(bytes);
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.answers['46']).toBe(expected);
    const ws = (await load(bytes)).getWorksheet('检查表')!;
    expect(res.warnings).toEqual([{ code: 'PERCENT_AS_FRACTION', path: '/answers/46', indicator: '46', sheet: '检查表', cell: ws.getCell(fieldRow(ws, '46'), column(ws, 'answer')).address, value: String(typed), message: `指标 46：百分比填的是 ${Number(typed)}，已按比例读作 ${expected}%：如实际是 ${Number(typed)}%，请改填“${Number(typed)}%”后重新导入` }]);
  });

  it.each([['0.6%', 0.6], [1, 1], [0, 0], [60, 60]] as const)('%j with its sign, 1 or more, or 0 is read as written, without a warning', async (typed, expected) => {
    const res = await importOne(await fillSingle(await blank(), { '46': typed }));
    expect(res.submissions[0]!.answers['46']).toBe(expected);
    expect(res.warnings).toEqual([]);
  });

  it('a fraction in a field that is not a percentage is read as written', async () => {
    const res = await importOne(await fillSingle(await blank(), { '4': 0.5 }));
    expect([res.submissions[0]!.answers['4'], res.warnings]).toEqual([0.5, []]);
  });

  it('不适用 on an indicator that never allows it says so first, whether or not a reason is given', async () => {
    for (const [answer, reason] of [['不适用', undefined], ['不适用：面积未测', undefined], ['不适用', '正在装修']] as const) {
      const res = await importOne(await fillSingle(await blank(), { '4': answer }, reason ? { na: { '4': reason } } : {}));
      expect(res.problems).toMatchObject([{ code: 'NA_NOT_ALLOWED', indicator: '4', message: expect.stringMatching(/^指标 4“办事大厅面积”不允许填“不适用”：请按实际情况填写/) }]);
    }
  });

  it('every message says what is wrong, then what to do', async () => {
    const res = await importOne(await fillSingle(await blank(), { '1': '可能', '4': '约120', '46': 120, '41': '30周', '39': '不适用', '42/onsite': '是' }, { cells: { [HEAD.period]: '' } }));
    expect(res.problems.length).toBeGreaterThanOrEqual(6);
    for (const p of res.problems) expect(p.message, p.message).toMatch(/[：:].*请/);
  });

  it('problems come sheet by sheet, then row by row', async () => {
    const res = await importOne(await fillSingle(await blank(), { '46': 120, '1': '可能', '41': '30周', '4': '约120' }, { cells: { [HEAD.period]: '' } }));
    const rows = res.problems.map((p) => Number(/\d+$/.exec(p.cell ?? '0')![0]));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(res.problems[0]!.cell).toBe(HEAD.period);
  });

  it('an unrecognised workbook is refused without naming the hidden settings sheet', async () => {
    const wb = await load(await blank());
    wb.removeWorksheet(wb.getWorksheet('_meta')!.id);
    const e = (await importOne(await save(wb)).catch((x) => x)) as AuditError;
    expect(JSON.stringify({ m: e.message, p: e.problems })).not.toContain('_meta');
    const other = await load(await blank());
    other.getWorksheet('_meta')!.getCell('B5').value = '2021.9';
    const v = (await importOne(await save(other)).catch((x) => x)) as AuditError;
    expect(JSON.stringify({ m: v.message, p: v.problems })).not.toContain('_meta');
  });

  it('the per-unit print workbook is refused, saying where answers go', async () => {
    const e = (await importOne(await buildPrintWorkbook(r, { units: [unit] })).catch((x) => x)) as AuditError;
    expect(e.problems[0]).toMatchObject({ code: 'FOREIGN_TEMPLATE', message: expect.stringContaining('逐单位打印表，只用于打印') });
  });

  it('a township template of a rubric for both levels locks the village-only indicators; a township imports without them', async () => {
    const town = { code: '330299101000', name: '东湖镇便民服务中心', level: 'township' as const };
    const bytes = await buildTemplate(county, { unit: town, period: '2026-11' });
    const ws = (await load(bytes)).getWorksheet('检查表')!;
    for (const id of ['1.3', '5.1', '5.2']) {
      const row = ws.getRow(fieldRow(ws, rubricFields(county).find((f) => f.indicator.id === id)!.key));
      expect(row.getCell(column(ws, 'answer')).protection?.locked, id).not.toBe(false);
      expect(row.getCell(column(ws, 'answer')).dataValidation, id).toBeUndefined();
      expect(row.getCell(column(ws, 'item')).value, id).toBe('不适用于镇(街道)，不必填写');
    }
    const res = await importWorkbook(await fillSingle(bytes, { '1.1/name': '是', '1.1/sign': '是', '1.1/area': '否' }), { resolve: bundled });
    expect(res.problems).toEqual([]);
    expect(Object.keys(res.submissions[0]!.answers)).toEqual(['1.1']);
  });
});

describe('files other programs write', () => {
  it('absolute relationship targets (as openpyxl writes them) are made relative, and comments exceljs cannot read are dropped', async () => {
    const zip = await JSZip.loadAsync(await buildBulkTemplate(r, { prefill: [json('township-center-2022', 'standard')] }));
    // Move the notes where openpyxl puts them, and point at them, and everything else, by absolute part names.
    const comments = Object.keys(zip.files).find((n) => /^xl\/comments\d+\.xml$/.test(n))!;
    zip.file('xl/comments/comment1.xml', await zip.file(comments)!.async('string'));
    zip.remove(comments);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.rels'))) {
      const base = name.replace(/_rels\/[^/]+$/, '').replace(/\/$/, '');
      const xml = (await zip.file(name)!.async('string')).replace(/Target="(?!\/)([^"]+)"/g, (_, t: string) => `Target="/${posix.normalize(posix.join(base, t))}"`).replace(/\/xl\/comments\d+\.xml/, '/xl/comments/comment1.xml');
      zip.file(name, xml);
    }
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    expect(await zip.file('xl/worksheets/_rels/sheet2.xml.rels')!.async('string')).toContain('Target="/xl/comments/comment1.xml"');
    const res = await importOne(bytes);
    expect(res.problems).toEqual([]);
    expect(res.submissions.map((x) => x.unit.code)).toEqual(['330212102000']);
    const normalised = await JSZip.loadAsync(await normalisePackage(bytes));
    expect(await normalised.file('xl/_rels/workbook.xml.rels')!.async('string')).toContain('Target="worksheets/sheet1.xml"');
    expect(await normalised.file('xl/worksheets/_rels/sheet2.xml.rels')!.async('string')).not.toContain('comments');
  });

  it('a file without absolute targets is passed on untouched', async () => {
    const bytes = await blank();
    expect(await normalisePackage(bytes)).toBe(bytes);
  });
});

describe('refusals', () => {
  const refusal = async (bytes: Uint8Array) => {
    const e = await importOne(bytes).catch((x) => x as AuditError);
    expect(e).toBeInstanceOf(AuditError);
    return (e as AuditError).problems[0]!;
  };

  it('.xls, WPS .et and encrypted files (OLE compound files): 请另存为 .xlsx', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await refusal(ole)).toMatchObject({ code: 'NOT_XLSX', message: expect.stringContaining('另存为” .xlsx') });
  });

  it('a text file or random bytes', async () => {
    expect(await refusal(Buffer.from('单位代码,单位名称\n'))).toMatchObject({ code: 'NOT_XLSX', message: expect.stringContaining('请另存为 .xlsx') });
  });

  it('a macro workbook', async () => {
    const zip = await JSZip.loadAsync(await blank());
    zip.file('xl/vbaProject.bin', 'macro');
    expect(await refusal(await zip.generateAsync({ type: 'nodebuffer' }))).toMatchObject({ code: 'MACRO', message: expect.stringContaining('宏') });
  });

  it('a corrupt zip', async () => {
    const bytes = await blank();
    expect(await refusal(bytes.subarray(0, 2000))).toMatchObject({ code: 'NOT_XLSX' });
  });

  it('a template of another rubric', async () => {
    const e = await importWorkbook(await buildTemplate(county), { resolve: bundled, rubric: r }).catch((x) => x as AuditError);
    expect((e as AuditError).problems[0]).toMatchObject({ code: 'TEMPLATE_MISMATCH', message: expect.stringContaining('county-monthly-assessment') });
  });

  it('a template of another version of the same rubric', async () => {
    const wb = await load(await blank());
    wb.getWorksheet('_meta')!.getCell('B5').value = '2021.9';
    expect(await refusal(await save(wb))).toMatchObject({ code: 'TEMPLATE_MISMATCH', message: expect.stringContaining('请重新下载模板') });
  });

  it('a workbook that is not our template, when no rubric is named', async () => {
    const wb = await load(await blank());
    wb.removeWorksheet(wb.getWorksheet('_meta')!.id);
    expect(await refusal(await save(wb))).toMatchObject({ code: 'FOREIGN_TEMPLATE' });
  });
});

describe.skipIf(!hasLibreOffice)('cross-program: a file saved by LibreOffice Calc imports with the same outcome', () => {
  it('single template filled in code, re-saved by LibreOffice', async () => {
    const sub = json('township-center-2022', 'standard');
    const bytes = throughLibreOffice(await fillSingle(await buildTemplate(r, { prefill: sub }), { '46': '25%' }));
    const res = await importOne(bytes);
    expect(res.problems).toEqual([]);
    expect(res.submissions).toEqual([sub]);
    expect(assess(r, res.submissions[0]).tier).toBe('standard');
  }, 180_000);

  it('bulk sheet re-saved by LibreOffice', async () => {
    const subs = ['demonstration', 'neither'].map((n) => json('township-center-2022', n));
    const res = await importOne(throughLibreOffice(await buildBulkTemplate(r, { prefill: subs })));
    expect(res.problems).toEqual([]);
    expect(res.submissions.map((s) => assess(r, s).tier)).toEqual(['demonstration', null]);
  }, 180_000);
});
if (!hasLibreOffice) console.warn('NOTICE: LibreOffice (soffice) not found: the cross-program import tests are skipped. apt-get install libreoffice-calc to run them.');

const yinchuan = await rubric('yinchuan-branch-hall-departments');

describe('自评分 and 考核分 cells are read, never ignored', () => {
  const both = (id: string) => (id === yinchuan.id ? yinchuan : bundled(id));
  const importAny = (bytes: Uint8Array) => importWorkbook(bytes, { resolve: both });

  it('a section scored whole has its points and score cells on its heading row, and they come back exactly', async () => {
    const sub = { ...json('yinchuan-branch-hall-departments', 'deductions'), self_scores: { '1': 17, '2': 20 }, inspector_scores: { '1': 15 } };
    const bytes = await buildTemplate(yinchuan, { prefill: sub });
    const ws = (await load(bytes)).getWorksheet('检查表')!;
    const row = fieldRow(ws, 'section:1');
    expect(ws.getCell(row, column(ws, 'id')).value).toBe('领导重视');
    expect(ws.getCell(row, column(ws, 'points')).value).toBe(20);
    expect(ws.getCell(row, column(ws, 'self')).value).toBe(17);
    expect(ws.getCell(row, column(ws, 'self')).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 20] });
    // A deduction rule has no points of its own: no score cells, greyed out, 分值 shown as —.
    const rule = fieldRow(ws, '1.1');
    expect(ws.getCell(rule, column(ws, 'points')).value).toBe('—');
    expect(ws.getCell(rule, column(ws, 'self')).dataValidation).toBeFalsy();
    expect(ws.getCell(rule, column(ws, 'self')).protection?.locked).not.toBe(false);
    const res = await importAny(bytes);
    expect(res.problems).toEqual([]);
    expect(res.submissions).toEqual([sub]);
    expect(assess(yinchuan, res.submissions[0]).sections![0]).toMatchObject({ id: '1', self_score: 17 });
  });

  it('an item’s scores typed by hand: “9分” reads as 9; words, a score above the points and a score on a rule are refused at their cells', async () => {
    const sub = json('county-monthly-assessment', 'good');
    const wb = await load(await buildTemplate(county, { prefill: sub }));
    const ws = wb.getWorksheet('检查表')!;
    const [self, assessed] = [column(ws, 'self'), column(ws, 'assessed')];
    const scored = county.indicators.filter((i) => (i.points ?? 0) > 0);
    const [a, b, c] = scored.map((i) => ws.getCell(fieldRow(ws, rubricFields(county).find((f) => f.indicator === i && f.first)!.key), self));
    a!.value = '9分';
    b!.value = '九分';
    c!.value = 999;
    ws.getCell(fieldRow(ws, rubricFields(county).find((f) => f.indicator === scored[0] && f.first)!.key), assessed).value = 1;
    const res = await importAny(await save(wb));
    expect(res.problems.map((p) => [p.code, p.path, p.cell])).toEqual([
      ['UNREADABLE_CELL', `/self_scores/${scored[1]!.id}`, b!.address],
      ['OUT_OF_RANGE', `/self_scores/${scored[2]!.id}`, c!.address],
    ]);
    expect(res.problems[0]!.message).toContain('不是分数');
  });

  it('without the hidden keys, the score columns and a section’s row are found by their headings', async () => {
    const sub = { ...json('yinchuan-branch-hall-departments', 'deductions'), self_scores: { '3': 12 } };
    const wb = await load(await buildTemplate(yinchuan, { prefill: sub }));
    const ws = wb.getWorksheet('检查表')!;
    // Keys cleared as someone copying the sheet into a workbook of their own would lose them.
    const fieldCol = column(ws, 'field');
    const keys = keyRow(ws);
    for (let r = 1; r <= ws.rowCount; r++) ws.getCell(r, fieldCol).value = null;
    ws.getRow(keys).eachCell((c) => (c.value = null));
    const res = await importAny(await save(wb));
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.self_scores).toEqual({ '3': 12 });
  });
});
