import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { importWorkbook } from '../../src/excel/import.js';
import { buildBulkTemplate, buildTemplate } from '../../src/excel/template.js';
import { rubricFields } from '../../src/excel/fields.js';
import { rubric } from '../support/rubrics.js';
import { fieldRow, save } from '../support/workbooks.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const hall = await rubric('baishui-township-hall-2017');
const unit = { code: '330212001000', name: '东湖镇便民服务中心', level: 'township' as const };

/** Loaded with validation nodes, unlike the importer, so the rules can be inspected. */
async function full(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

describe('single inspection template', async () => {
  const wb = await full(await buildTemplate(r, { unit, period: '2026-11' }));
  const ws = wb.getWorksheet('检查表')!;

  it('has the instructions sheet, the inspection sheet and a very hidden metadata sheet with id, version and hash', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['说明', 'visible'], ['检查表', 'visible'], ['_meta', 'veryHidden']]);
    const meta = new Map<string, unknown>();
    wb.getWorksheet('_meta')!.eachRow((row) => meta.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(Object.fromEntries(meta)).toMatchObject({ rubric_id: r.id, rubric_version: r.version, rubric_hash: r.hash, kind: 'single' });
  });

  it('one row per answer field, carrying hierarchy, source number, source wording and what to check', () => {
    const fields = rubricFields(r);
    const last = ws.rowCount;
    expect(last - 5).toBe(fields.length);
    const row = ws.getRow(fieldRow(ws, '4'));
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]).toEqual(['(一)规范服务场所建设', '合理设置布局', '4']);
    expect(row.getCell(5).value).toBe(r.byId.get('4')!.text);
    expect(String(row.getCell(6).value)).toContain(r.byId.get('4')!.guidance.inspect);
    expect(String(row.getCell(9).value)).toContain('单位 m²');
    const item = ws.getRow(fieldRow(ws, '37/first_inquiry'));
    expect(item.getCell(7).value).toBe('首问责任制');
  });

  it('answer cells: a 是/否 dropdown, 不适用 only where allowed, numeric rules with unit, range and a Chinese message', () => {
    expect(ws.getCell(fieldRow(ws, '1'), 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell(fieldRow(ws, '21'), 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否,不适用"'] });
    const pct = ws.getCell(fieldRow(ws, '46'), 8).dataValidation;
    expect(pct).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100], showErrorMessage: true });
    expect(pct.error).toContain('单位：%');
    expect(pct.errorTitle!.length).toBeLessThanOrEqual(32);
    expect(ws.getCell(fieldRow(ws, '41'), 8).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    const na = ws.getCell(fieldRow(ws, '39'), 8);
    expect(na.dataValidation.type).toBe('list');
  });

  it('locked structure with unlocked answer, reason and note cells; frozen header; Chinese fonts', () => {
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    const row = fieldRow(ws, '1');
    expect([8, 10, 11].map((c) => ws.getCell(row, c).protection?.locked)).toEqual([false, false, false]);
    expect(ws.getCell(row, 5).protection?.locked).not.toBe(false);
    expect(ws.getCell('B2').protection?.locked).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getCell(row, 5).font?.name).toBe('宋体');
    expect(ws.getCell('A1').font?.name).toBe('黑体');
  });

  it('A4 landscape, fitted to width, titles repeated, page numbers in the footer; CJK-aware widths; the key column hidden', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:5' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(30);
    expect(ws.getColumn(ws.getRow(4).cellCount).hidden).toBe(true);
    expect(ws.getRow(4).hidden).toBe(true);
  });

  it('points rubrics get 分值, 自评分 and 考核分 columns, the scores validated against the item points', async () => {
    const cw = (await full(await buildTemplate(county))).getWorksheet('检查表')!;
    const head = (cw.getRow(5).values as unknown[]).slice(1);
    expect(head).toEqual(expect.arrayContaining(['分值', '自评分', '考核分']));
    const row = fieldRow(cw, '4.1');
    expect(cw.getCell(row, 12).value).toBe(10);
    expect(cw.getCell(row, 13).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 10] });
  });

  it('dimensions get one row per measure with the rubric unit; choices a dropdown of their options', async () => {
    const hw = (await full(await buildTemplate(hall))).getWorksheet('检查表')!;
    const dims = rubricFields(hall).filter((f) => f.indicator.check.kind === 'dimension');
    expect(dims.length).toBeGreaterThan(0);
    expect(String(hw.getCell(fieldRow(hw, dims[0]!.key), 9).value)).toContain('单位 cm');
    const choice = rubricFields(hall).find((f) => f.input.type === 'choice')!;
    expect(hw.getCell(fieldRow(hw, choice.key), 8).dataValidation.type).toBe('list');
  });
});

describe('bulk template', async () => {
  const units = [unit, { code: '330212002000', name: '西岭镇便民服务中心', level: 'township' as const }];
  const wb = await full(await buildBulkTemplate(r, { units, period: '2026-11' }));
  const ws = wb.getWorksheet('批量录入')!;

  it('one row per unit, one column per field, hidden ids in row 1, codes as text', () => {
    const keys = (ws.getRow(1).values as unknown[]).slice(1);
    expect(keys.slice(0, 6)).toEqual(['unit.code', 'unit.name', 'unit.level', 'period', 'inspector', 'inspected_on']);
    expect(keys.length).toBe(6 + rubricFields(r).length);
    expect(ws.getRow(1).hidden).toBe(true);
    expect([ws.getCell('A3').value, ws.getCell('A4').value, ws.getCell('C3').value, ws.getCell('D4').value]).toEqual(['330212001000', '330212002000', '镇(街道)', '2026-11']);
    expect(ws.getCell('A3').numFmt).toBe('@');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
  });

  it('the same validation as the single template, applied per column; the requirement in a header note', () => {
    const col = (ws.getRow(1).values as unknown[]).indexOf('46');
    expect(ws.getCell(3, col).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(ws.getCell(150, col).dataValidation).toMatchObject({ type: 'decimal' });
    expect(JSON.stringify(ws.getCell(2, col).note)).toContain('示范型须达到30%以上');
  });
});

describe('merged cells and header fallback', () => {
  it('imports a single sheet whose hidden key column was removed, reading merged 序号 cells and matching rows by 子项', async () => {
    const sub = { rubric: r.id, unit, period: '2026-11', answers: { '37': ['first_inquiry', 'agency'] as string[], '1': true } };
    const wb = await full(await buildTemplate(r, { prefill: sub }));
    const ws = wb.getWorksheet('检查表')!;
    const keyCol = ws.getRow(4).cellCount;
    expect(ws.getCell(fieldRow(ws, '37/first_handler'), 3).isMerged).toBe(true);
    // The hidden ids are gone (exceljs's own splice would also break the merged header cells, which Excel does not).
    for (let row = 4; row <= ws.rowCount; row++) ws.getCell(row, keyCol).value = null;
    ws.getRow(4).values = [];
    const res = await importWorkbook(await save(wb), { resolve: () => r });
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.answers).toEqual(sub.answers);
  });
});
