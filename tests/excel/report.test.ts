import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { assessmentWorkbook, countyWorkbook, SIGNATURES } from '../../src/excel/report.js';
import { countySummary } from '../../src/periods/county.js';
import { fixture, rubric } from '../support/rubrics.js';
import { hasLibreOffice, load, throughLibreOffice } from '../support/workbooks.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const json = (id: string, name: string) => JSON.parse(readFileSync(fixture(id, `${name}.json`), 'utf8'));
const scored = (name: string) => assess(r, json('township-center-2022', name));

/** Label in column A -> the cell beside it, on the summary sheet. */
function summaryMap(ws: import('exceljs').Worksheet) {
  const out = new Map<string, import('exceljs').Cell>();
  ws.eachRow((row) => out.set(String(row.getCell(1).value ?? ''), row.getCell(2)));
  return out;
}

describe('graded workbook per assessment', async () => {
  const a = scored('standard');
  const wb = await load(await assessmentWorkbook(a, r, { generatedAt: new Date(Date.UTC(2026, 10, 23, 8)), chainHead: 'sha256:abc' }));

  it('has the summary, detail and gaps sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '差距']);
  });

  it('summary: unit, period, inspector, tier, score as a real number, counts, chain head and signature lines', () => {
    const s = summaryMap(wb.getWorksheet('汇总')!);
    expect(s.get('被检查单位')!.value).toBe('西岭镇便民服务中心');
    expect(s.get('单位代码')!.value).toBe('330212102000');
    expect(s.get('单位代码')!.numFmt).toBe('@');
    expect(s.get('考核期间')!.value).toBe('2026-11');
    expect(s.get('检查人')!.value).toBe('县政务服务办 王敏');
    expect(s.get('达到等级')!.value).toBe('标准型');
    expect(s.get('达到等级')!.fill).toMatchObject({ fgColor: { argb: 'FFC6EFCE' } });
    expect(s.get('得分')!.value).toBe(a.score);
    expect(typeof s.get('得分')!.value).toBe('number');
    expect(s.get('得分')!.numFmt).toBe('0.00');
    expect([s.get('达标项')!.value, s.get('未达标项')!.value, s.get('不适用项')!.value, s.get('未检查项')!.value]).toEqual([48, 10, 0, 0]);
    expect(s.get('记录链头')!.value).toBe('sha256:abc');
    for (const label of SIGNATURES) expect(s.has(label)).toBe(true);
  });

  it('detail: every indicator, its requirement, answer as a number with its unit format, and a coloured outcome', () => {
    const ws = wb.getWorksheet('明细')!;
    expect(ws.rowCount).toBe(2 + 58);
    const row4 = ws.getRow(3 + 3);
    expect(row4.getCell(3).value).toBe('4');
    expect(row4.getCell(5).value).toBe(r.byId.get('4')!.text);
    expect(row4.getCell(6).value).toBe(120);
    expect(row4.getCell(6).numFmt).toBe('0.##" m²"');
    expect(row4.getCell(7).value).toBe('未达标');
    expect(row4.getCell(7).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const row1 = ws.getRow(3);
    expect([row1.getCell(6).value, row1.getCell(7).value]).toEqual(['是', '达标']);
    expect(row1.getCell(7).fill).toMatchObject({ fgColor: { argb: 'FFC6EFCE' } });
    const row41 = ws.getRow(3 + 40);
    expect([row41.getCell(6).value, row41.getCell(9).value]).toEqual([20, '硬盘容量不足，已申请扩容']);
  });

  it('gaps: what blocks 示范型, with numeric distances', () => {
    const ws = wb.getWorksheet('差距')!;
    const rows = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(3 + i));
    expect(rows.map((x) => x.getCell(2).value)).toEqual(['4', '7', '12', '27', '36', '46']);
    expect(rows.every((x) => x.getCell(1).value === '示范型')).toBe(true);
    expect(rows[0]!.getCell(7).value).toBe(30);
    expect(rows[0]!.getCell(8).value).toBe('m²');
    expect(rows[2]!.getCell(6).value).toBe('缺少：急救设施');
  });

  it('prints on A4 landscape, fitted to width, with repeated titles and page numbers', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter).toContain('&P');
    }
    expect(wb.getWorksheet('明细')!.pageSetup.printTitlesRow).toBe('2:2');
  });

  it('a points assessment shows grade, veto and deductions, largest first', async () => {
    const v = assess(county, json('county-monthly-assessment', 'vetoed'));
    const book = await load(await assessmentWorkbook(v, county));
    expect(summaryMap(book.getWorksheet('汇总')!).get('考核等级')!.value).toBe('不合格（单项否决：7.4）');
    const gaps = book.getWorksheet('差距')!;
    expect([gaps.getCell('B3').value, gaps.getCell('D3').value]).toEqual(['7.4', '单项否决']);
    const deductions: unknown[] = [];
    gaps.eachRow((row) => row.getCell(1).value === '扣分项' && deductions.push(row.getCell(7).value));
    expect(deductions).toEqual([2, 1]);
  });

  it('an unanswered veto item reads 未评定（否决项未检查）, never 单项否决: on the summary, and as a 否决项 未检查 on the gaps sheet', async () => {
    const { '7.4': _, ...answers } = json('county-monthly-assessment', 'vetoed').answers;
    const u = assess(county, { ...json('county-monthly-assessment', 'vetoed'), answers });
    const book = await load(await assessmentWorkbook(u, county));
    const standing = summaryMap(book.getWorksheet('汇总')!).get('考核等级')!;
    expect(standing.value).toBe('未评定（否决项未检查：7.4）');
    expect(standing.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const gaps = book.getWorksheet('差距')!;
    expect([gaps.getCell('B3').value, gaps.getCell('D3').value, gaps.getCell('E3').value]).toEqual(['7.4', '否决项', '未检查']);
    const cells: string[] = [];
    for (const ws of book.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.filter((c) => c.includes('单项否决') && !c.includes('未因进展缓慢'))).toEqual([]);
  });
});

describe('county workbook for a period', async () => {
  const now = ['demonstration', 'standard', 'neither'].map(scored);
  // Last month: 西岭镇 was demonstration with a higher score, 南山街道 lower.
  const before = [
    assess(r, { ...json('township-center-2022', 'demonstration'), unit: now[1]!.unit, period: '2026-10' }),
    assess(r, { ...json('township-center-2022', 'neither'), unit: now[2]!.unit, period: '2026-10', answers: { ...json('township-center-2022', 'neither').answers, '47': 20 } }),
  ];
  const summary = countySummary(r, now, before);
  const wb = await load(await countyWorkbook(summary));

  it('one row per unit, ranked by score, with tier and the change since the previous period', () => {
    const ws = wb.getWorksheet('排名')!;
    const rows = [4, 5, 6].map((n) => ws.getRow(n));
    expect(rows.map((x) => x.getCell(3).value)).toEqual(['东湖镇便民服务中心', '西岭镇便民服务中心', '南山街道便民服务中心']);
    expect(rows.map((x) => x.getCell(1).value)).toEqual([1, 2, 3]);
    expect(rows.map((x) => x.getCell(6).value)).toEqual(['示范型', '标准型', '未达到任何等级']);
    expect(rows[1]!.getCell(5).value).toBe(now[1]!.score);
    expect(rows[1]!.getCell(8).value).toBe(Math.round((now[1]!.score! - before[0]!.score!) * 100) / 100);
    expect(rows[1]!.getCell(8).numFmt).toBe('+0.00;-0.00;0.00');
    expect(rows[1]!.getCell(10).value).toBe('↓ 下降');
    expect(rows[0]!.getCell(10).value).toBe('—');
    expect(rows[2]!.getCell(10).value).toBe('持平');
    expect(rows[0]!.getCell(2).value).toBe('330212101000');
  });

  it('a sheet of the indicators most often unmet, with shares as percentages', () => {
    const ws = wb.getWorksheet('常见问题')!;
    const top = ws.getRow(3);
    expect(top.getCell(3).value).toBe(2);
    expect(top.getCell(4).numFmt).toBe('0.0%');
    const ids: unknown[] = [];
    ws.eachRow((row, n) => n >= 3 && ids.push(row.getCell(1).value));
    expect(ids.slice(0, 4)).toEqual(['4', '7', '36', '46']);
  });

  it('ties share a rank and are listed by unit code', () => {
    const twin = assess(r, { ...json('township-center-2022', 'standard'), unit: { code: '330212000001', name: '甲镇', level: 'township' } });
    const s = countySummary(r, [...now, twin]);
    expect(s.units.map((u) => [u.rank, u.unit.code])).toEqual([[1, '330212101000'], [2, '330212000001'], [2, '330212102000'], [4, '330212003000']]);
  });
});

describe.skipIf(!hasLibreOffice)('reports open in LibreOffice', () => {
  it('the graded and county workbooks survive a LibreOffice round trip with their numbers intact', async () => {
    const a = scored('standard');
    const back = await load(throughLibreOffice(await assessmentWorkbook(a, r), 'report.xlsx'));
    expect(summaryMap(back.getWorksheet('汇总')!).get('得分')!.value).toBe(a.score);
    const c = await load(throughLibreOffice(await countyWorkbook(countySummary(r, ['demonstration', 'standard'].map(scored))), 'county.xlsx'));
    expect(c.getWorksheet('排名')!.getCell('E4').value).toBe(100);
  }, 180_000);
});
