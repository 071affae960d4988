import { describe, expect, it } from 'vitest';
import ExcelJS, { type Worksheet } from 'exceljs';
import { importWorkbook } from '../../src/excel/import.js';
import { buildBulkTemplate, buildPrintWorkbook, buildTemplate, NOT_FOR_PRINTING } from '../../src/excel/template.js';
import { requirementText, rubricFields } from '../../src/excel/fields.js';
import { rubric } from '../support/rubrics.js';
import { column, fieldRow, fillSingle, keyRow, named, save } from '../support/workbooks.js';

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

/** The rows of an indicator: from its first field's row through its last. */
function rowsOf(ws: Worksheet, keys: readonly string[]): number[] {
  return keys.map((k) => fieldRow(ws, k));
}

/** The sheet's row breaks as written in its XML (exceljs does not read them back). */
async function rowBreaks(bytes: Uint8Array, sheet: number): Promise<number[]> {
  const JSZip = (await import('jszip')).default;
  const xml = await (await JSZip.loadAsync(bytes)).file(`xl/worksheets/sheet${sheet}.xml`)!.async('string');
  return [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
}

describe('single inspection template', async () => {
  const bytes = await buildTemplate(r, { unit, period: '2026-11' });
  const wb = await full(bytes);
  const ws = wb.getWorksheet('检查表')!;

  it('has the instructions sheet, the inspection sheet and a very hidden metadata sheet with id, version and hash', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['说明', 'visible'], ['检查表', 'visible'], ['_meta', 'veryHidden']]);
    const meta = new Map<string, unknown>();
    wb.getWorksheet('_meta')!.eachRow((row) => meta.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(Object.fromEntries(meta)).toMatchObject({ rubric_id: r.id, rubric_version: r.version, rubric_hash: r.hash, kind: 'single' });
  });

  it('one row per answer field, under a heading row for each section; the source number, title, wording and what to check once per indicator', () => {
    const fields = rubricFields(r);
    const sections = new Set(r.indicators.map((i) => i.section.join(' › ')));
    const body: string[] = [];
    for (let row = keyRow(ws) + 2; row <= ws.rowCount; row++) body.push(String(ws.getCell(row, column(ws, 'field')).value ?? ''));
    expect(body.filter((k) => k !== 'section' && k !== 'signature' && k !== '')).toEqual(fields.map((f) => f.key));
    expect(body.filter((k) => k === 'section')).toHaveLength(sections.size);
    const heading = ws.getRow(fieldRow(ws, '1') - 1);
    expect(heading.getCell(1).value).toBe('(一)规范服务场所建设 › 统一名称规范');
    const row4 = ws.getRow(fieldRow(ws, '4'));
    expect(row4.getCell(column(ws, 'id')).value).toBe('4');
    expect(row4.getCell(column(ws, 'text')).value).toBe(`${r.byId.get('4')!.text}\n判定：${requirementText(r, r.byId.get('4')!)}`);
    expect(String(row4.getCell(column(ws, 'inspect')).value)).toContain(r.byId.get('4')!.guidance.inspect);
    expect(row4.getCell(column(ws, 'item')).value).toBe('填数值（m²）');
    expect(ws.getRow(fieldRow(ws, '37/first_inquiry')).getCell(column(ws, 'item')).value).toBe('首问责任制');
  });

  it('the requirement is written once per indicator: sub-item rows carry only their item, and the descriptive cells are merged', () => {
    const keys = rubricFields(r).filter((f) => f.indicator.id === '37').map((f) => f.key);
    const rows = rowsOf(ws, keys);
    const texts = rows.map((n) => ws.getCell(n, column(ws, 'text')));
    expect(texts[0]!.value).toContain(r.byId.get('37')!.text);
    expect(texts.slice(1).every((c) => c.isMerged && c.master === texts[0])).toBe(true);
    for (const key of ['id', 'title', 'inspect', 'na', 'note']) expect(ws.getCell(rows.at(-1)!, column(ws, key)).master.address, key).toBe(ws.getCell(rows[0]!, column(ws, key)).address);
    expect(rows.map((n) => ws.getCell(n, column(ws, 'item')).value)).toEqual(rubricFields(r).filter((f) => f.indicator.id === '37').map((f) => f.label));
  });

  it('row heights come from the CJK text they hold: a long requirement gets a tall row, a short one a short row', () => {
    const height = (id: string) => rowsOf(ws, rubricFields(r).filter((f) => f.indicator.id === id).map((f) => f.key)).reduce((s, n) => s + ws.getRow(n).height!, 0);
    const long = r.indicators.reduce((a, b) => (a.text.length + a.guidance.inspect.length > b.text.length + b.guidance.inspect.length ? a : b));
    expect(height(long.id)).toBeGreaterThan(height('8') * 1.5);
    for (const f of rubricFields(r)) expect(ws.getRow(fieldRow(ws, f.key)).height, f.key).toBeGreaterThanOrEqual(15);
  });

  it('answer cells: a 是/否 dropdown, 不适用 only where allowed, numeric rules with unit, range and a Chinese message; no errorStyle outside the schema', async () => {
    const answer = (key: string) => ws.getCell(fieldRow(ws, key), column(ws, 'answer')).dataValidation;
    expect(answer('1')).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(answer('21')).toMatchObject({ type: 'list', formulae: ['"是,否,不适用"'] });
    const pct = answer('46');
    expect(pct).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100], showErrorMessage: true });
    expect(pct.error).toContain('单位：%');
    expect(pct.errorTitle!.length).toBeLessThanOrEqual(32);
    // A count has its floor and the rubric's plausible ceiling, so a typing error is stopped in the cell.
    expect(answer('41')).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 3650] });
    expect(answer('39').type).toBe('list');
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet2.xml')!.async('string');
    expect([...xml.matchAll(/errorStyle="([^"]*)"/g)].map((m) => m[1]).filter((v) => !['stop', 'warning', 'information'].includes(v!))).toEqual([]);
  });

  it('locked structure with unlocked answer, reason and note cells; header values found by defined names; frozen header; Chinese fonts', () => {
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    const row = fieldRow(ws, '1');
    expect(['answer', 'na', 'note'].map((k) => ws.getCell(row, column(ws, k)).protection?.locked)).toEqual([false, false, false]);
    expect(ws.getCell(row, column(ws, 'text')).protection?.locked).not.toBe(false);
    expect([named(wb, 'bm_unit_code').value, named(wb, 'bm_unit_name').value, named(wb, 'bm_period').value]).toEqual(['330212001000', '东湖镇便民服务中心', '2026-11']);
    expect(named(wb, 'bm_inspector').protection?.locked).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: keyRow(ws) + 1 });
    expect(ws.getCell(row, column(ws, 'text')).font?.name).toBe('宋体');
    expect(ws.getCell('A1').font?.name).toBe('黑体');
  });

  it('A4 landscape at a fixed scale of at least 90% (no fit-to-page, which makes Excel ignore page breaks), the heading row repeated, page numbers, the key column hidden', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false, printTitlesRow: `${keyRow(ws) + 1}:${keyRow(ws) + 1}` });
    expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(90);
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ws.getColumn(column(ws, 'field')).hidden).toBe(true);
    expect(ws.getRow(keyRow(ws)).hidden).toBe(true);
  });

  it('page breaks fall between indicators, never inside one, and after a heading only when it is the last row of the previous page', async () => {
    const breaks = await rowBreaks(bytes, 2);
    expect(breaks.length).toBeGreaterThan(3);
    const byRow = new Map(rubricFields(r).map((f) => [fieldRow(ws, f.key), f.indicator.id]));
    for (const b of breaks) {
      const here = byRow.get(b);
      const next = byRow.get(b + 1);
      if (here !== undefined && next !== undefined) expect(next, `break after row ${b}`).not.toBe(here);
      expect(ws.getCell(b, column(ws, 'field')).value, `a heading is not left at the foot of a page (row ${b})`).not.toBe('section');
    }
  });

  it('signature lines for the inspector and the unit, kept together at the end', () => {
    const labels: string[] = [];
    const last = Math.max(...rubricFields(r).map((f) => fieldRow(ws, f.key)));
    ws.eachRow((row, n) => n > last && row.eachCell((c, col) => typeof c.value === 'string' && c.master === c && col !== column(ws, 'field') && labels.push(c.value)));
    expect(labels).toEqual(['检查人（签字）：', '被检查单位负责人（签字）：', '检查日期：', '日期：']);
  });

  it('points rubrics get 分值, 自评分 and 考核分 once per item, not per sub-item, so 分值 adds up to the total', async () => {
    const cw = (await full(await buildTemplate(county, { unit }))).getWorksheet('检查表')!;
    const head = (cw.getRow(keyRow(cw) + 1).values as unknown[]).slice(1);
    expect(head).toEqual(expect.arrayContaining(['分值', '自评分', '考核分']));
    const rows = rowsOf(cw, rubricFields(county).filter((f) => f.indicator.id === '4.1').map((f) => f.key));
    expect(cw.getCell(rows[0]!, column(cw, 'points')).value).toBe(county.byId.get('4.1')!.points);
    expect(cw.getCell(rows[0]!, column(cw, 'self')).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, county.byId.get('4.1')!.points] });
    for (const n of rows.slice(1)) for (const key of ['points', 'self', 'assessed']) expect(cw.getCell(n, column(cw, key)).master.row, key).toBe(rows[0]);
    let sum = 0;
    cw.eachRow((row, n) => {
      const c = row.getCell(column(cw, 'points'));
      if (n > keyRow(cw) + 1 && typeof c.value === 'number' && !(c.isMerged && c.master !== c)) sum += c.value;
    });
    const bonus = county.indicators.filter((i) => i.bonus).reduce((s, i) => s + (i.points ?? 0), 0);
    expect(sum - bonus).toBe(county.scoring.total);
  });

  it('dimensions get one row per measure with the rubric unit; choices a dropdown of their options', async () => {
    const hw = (await full(await buildTemplate(hall))).getWorksheet('检查表')!;
    const dims = rubricFields(hall).filter((f) => f.indicator.check.kind === 'dimension');
    expect(dims.length).toBeGreaterThan(0);
    expect(String(hw.getCell(fieldRow(hw, dims[0]!.key), column(hw, 'item')).value)).toContain('（cm）');
    const choice = rubricFields(hall).find((f) => f.input.type === 'choice')!;
    expect(hw.getCell(fieldRow(hw, choice.key), column(hw, 'answer')).dataValidation.type).toBe('list');
  });

  it('a unit named alongside a pre-fill wins: last month’s answers for this unit', async () => {
    const sub = { rubric: r.id, unit: { code: '330212102000', name: '西岭镇', level: 'township' as const }, period: '2026-10', answers: { '1': true } };
    const res = await importWorkbook(await buildTemplate(r, { unit, period: '2026-11', prefill: sub }), { resolve: () => r });
    expect(res.submissions[0]).toMatchObject({ unit, period: '2026-11', answers: { '1': true } });
  });
});

describe('bulk template', async () => {
  const units = [unit, { code: '330212002000', name: '西岭镇便民服务中心', level: 'township' as const }];
  const wb = await full(await buildBulkTemplate(r, { units, period: '2026-11' }));
  const ws = wb.getWorksheet('批量录入')!;

  it('one row per unit from row 4, one column per field, hidden ids in row 2, codes as text', () => {
    const keys = (ws.getRow(2).values as unknown[]).slice(1);
    expect(keys.slice(0, 6)).toEqual(['unit.code', 'unit.name', 'unit.level', 'period', 'inspector', 'inspected_on']);
    expect(keys.length).toBe(6 + rubricFields(r).length);
    expect(ws.getRow(2).hidden).toBe(true);
    expect([ws.getCell('A4').value, ws.getCell('A5').value, ws.getCell('C4').value, ws.getCell('D5').value]).toEqual(['330212001000', '330212002000', '镇(街道)', '2026-11']);
    expect(ws.getCell('A4').numFmt).toBe('@');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
  });

  it('says on the sheet, and as its whole print area, that it is not for printing and what to print instead', () => {
    expect(ws.getCell('A1').value).toBe(NOT_FOR_PRINTING);
    expect(NOT_FOR_PRINTING).toContain('不用于打印');
    expect(NOT_FOR_PRINTING).toContain('template --print');
    expect(ws.pageSetup.printArea).toMatch(/^A\$?1:[A-Z]+\$?1$/);
    expect(String(wb.getWorksheet('说明')!.getColumn(2).values.join(''))).toContain('逐单位打印表');
  });

  it('the same validation as the single template, applied per column; the requirement in a header note', () => {
    const col = (ws.getRow(2).values as unknown[]).indexOf('46');
    expect(ws.getCell(4, col).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(ws.getCell(150, col).dataValidation).toMatchObject({ type: 'decimal' });
    expect(JSON.stringify(ws.getCell(3, col).note)).toContain('示范型须达到30%以上');
  });

  it('a column of an indicator for another level says so in its note', async () => {
    const cw = (await full(await buildBulkTemplate(county))).getWorksheet('批量录入')!;
    const col = (cw.getRow(2).values as unknown[]).indexOf('5.1');
    expect(JSON.stringify(cw.getCell(3, col).note)).toContain('仅适用于村(社区)');
  });
});

describe('the per-unit print workbook', async () => {
  const units = [
    { code: '330299101000', name: '东湖镇便民服务中心', level: 'township' as const },
    { code: '330299101201', name: '东湖村便民服务室', level: 'village' as const },
  ];
  const wb = await full(await buildPrintWorkbook(county, { units, period: '2026-11' }));

  it('one printable sheet per unit in the single template’s layout, each for its own level, and nothing to fill in on screen', () => {
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['1 东湖镇便民服务中心', '2 东湖村便民服务室']);
    const town = wb.getWorksheet('1 东湖镇便民服务中心')!;
    const village = wb.getWorksheet('2 东湖村便民服务室')!;
    const text = (w: Worksheet) => JSON.stringify(w.getSheetValues());
    expect(text(town)).toContain('不适用于镇(街道)，不必填写');
    expect(text(village)).not.toContain('不适用于');
    expect(text(village)).toContain('东湖村便民服务室');
    expect(town.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false });
    expect(town.getColumn(town.columnCount).hidden).not.toBe(true);
  });

  it('pre-filled from a filled bulk sheet, one sheet per submission', async () => {
    const sub = { rubric: county.id, unit: units[1]!, period: '2026-11', answers: { '1.1': ['name'] } };
    const one = await full(await buildPrintWorkbook(county, { prefill: [sub] }));
    expect(JSON.stringify(one.worksheets[0]!.getSheetValues())).toContain('"是"');
  });

  it('a template filled from the print layout imports: the layout rows are not mistaken for answers', async () => {
    const bytes = await fillSingle(await buildTemplate(county, { unit: units[0], period: '2026-11' }), { '1.1/name': '是', '1.1/sign': '是', '1.1/area': '是' });
    const res = await importWorkbook(bytes, { resolve: () => county });
    expect(res.problems).toEqual([]);
  });
});

describe('merged cells and header fallback', () => {
  it('imports a single sheet whose hidden key column was removed, reading merged 序号 cells, heading rows and matching rows by 检查项', async () => {
    const sub = { rubric: r.id, unit, period: '2026-11', answers: { '37': ['first_inquiry', 'agency'] as string[], '1': true } };
    const wb = await full(await buildTemplate(r, { prefill: sub }));
    const ws = wb.getWorksheet('检查表')!;
    const keyCol = column(ws, 'field');
    expect(ws.getCell(fieldRow(ws, '37/first_handler'), column(ws, 'id')).isMerged).toBe(true);
    // The hidden ids are gone (exceljs's own splice would also break the merged header cells, which Excel does not).
    const keys = keyRow(ws);
    for (let row = keys; row <= ws.rowCount; row++) ws.getCell(row, keyCol).value = null;
    ws.getRow(keys).values = [];
    const res = await importWorkbook(await save(wb), { resolve: () => r });
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.answers).toEqual(sub.answers);
  });
});
