// Workbooks of rubrics assessed by quarter and by half year, read back cell by cell: the circular, the annual
// accumulation, the county ranking and the unit workbook print 第一季度 / 上半年, never a month; templates say how
// the rubric's period is written and read it as people type it.
import type { Worksheet } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from '../../src/excel/import.js';
import { annualWorkbook, assessmentWorkbook, countyWorkbook, quarterlyWorkbook } from '../../src/excel/report.js';
import { buildTemplate } from '../../src/excel/template.js';
import { annualAccumulation } from '../../src/periods/annual.js';
import { countySummary } from '../../src/periods/county.js';
import { quarterlyCircular } from '../../src/periods/quarter.js';
import { DEPTS, half, halfSub, halfYearly, quarterData, quarterly, quarterSub, TOWNS } from '../support/periods.js';
import { fillSingle, load, named } from '../support/workbooks.js';

const headRow = (ws: Worksheet) => (ws.views[0] as { ySplit: number }).ySplit;
const headers = (ws: Worksheet) => (ws.getRow(headRow(ws)).values as unknown[]).slice(1);
/** The table under the heading row, as arrays of cell values. */
const body = (ws: Worksheet) => {
  const out: unknown[][] = [];
  const width = headers(ws).length;
  for (let r = headRow(ws) + 1; r <= ws.rowCount; r++) {
    const values = Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value ?? null);
    if (values.some((v) => v !== null && v !== '')) out.push(values);
  }
  return out;
};
/** Everything above the heading row: title and notes. */
const above = (ws: Worksheet) => JSON.stringify([...Array(headRow(ws) - 1).keys()].map((i) => ws.getRow(i + 1).values));

const data = quarterData();

describe('a quarterly rubric', () => {
  it('the circular: the quarter’s score, no month columns; who is below standard and who dropped, by quarter in words', async () => {
    const b1 = data.find((a) => a.unit.code === TOWNS.B.code && a.period === '2026-Q1')!;
    const q = quarterlyCircular(quarterly, data, 2026, 1, { finalOnly: false, drafts: new Set([b1]) });
    const wb = await load(await quarterlyWorkbook(q));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['季度排名', '未达标与下降', '常见问题']);
    const ws = wb.getWorksheet('季度排名')!;
    expect(headers(ws)).toEqual(['名次', '单位代码', '单位名称', '季度得分', '季度等级/结论', '记录']);
    expect(body(ws)).toEqual([
      [1, TOWNS.B.code, TOWNS.B.name, 100, '优秀', '草稿'],
      [2, TOWNS.A.code, TOWNS.A.name, 85, '合格', '定稿'],
      [3, TOWNS.C.code, TOWNS.C.name, 25, '不合格', '定稿'],
    ]);
    expect(above(ws)).toContain('2026年第1季度通报');
    expect(above(ws)).toContain('季度得分为本季度的考核得分');
    expect(body(wb.getWorksheet('未达标与下降')!)).toEqual([
      ['未达标', TOWNS.C.code, TOWNS.C.name, '不合格', '2026年第一季度'],
      ['等级下降', TOWNS.A.code, TOWNS.A.name, '优秀 → 合格', '2025年第四季度 → 2026年第一季度'],
    ]);
  });

  it('the annual accumulation: a column per quarter, the missing quarters and the draft ones in words', async () => {
    const a3 = data.find((a) => a.unit.code === TOWNS.A.code && a.period === '2026-Q3')!;
    const y = annualAccumulation(quarterly, data, 2026, undefined, { finalOnly: false, drafts: new Set([a3]) });
    const ws = (await load(await annualWorkbook(y))).getWorksheet('年度累计')!;
    expect(headers(ws)).toEqual(['名次', '单位代码', '单位名称', '年平均分', '第一季度', '第二季度', '第三季度', '第四季度', '年度等级/结论', '缺考季度', '草稿季度']);
    expect(body(ws)).toEqual([
      [1, TOWNS.B.code, TOWNS.B.name, 96.25, 100, 95, 100, 90, '优秀', '—', ''],
      [2, TOWNS.A.code, TOWNS.A.name, 92.5, 85, null, 100, null, '优秀', '第二、四季度', '第三季度'],
      [3, TOWNS.C.code, TOWNS.C.name, 25, 25, null, null, null, '不合格', '第二、三、四季度', ''],
    ]);
    expect(above(ws)).toContain('各季度数值保留一位小数');
    expect(above(ws)).not.toContain('月');
  });

  it('a template says how a quarter is written, and reads one typed as people write it', async () => {
    const t = await buildTemplate(quarterly, { unit: TOWNS.A, period: '2026-Q4' });
    const wb = await load(t);
    const cell = named(wb, 'bm_period');
    expect(cell.value).toBe('2026-Q4');
    expect(cell.dataValidation).toMatchObject({ prompt: '格式 YYYY-Qn，例如 2026-Q3' });
    const resolve = (id: string) => (id === quarterly.id ? quarterly : undefined);
    for (const [typed, read] of [['2026年第一季度', '2026-Q1'], ['2026 Q2', '2026-Q2'], ['2026年3季度', '2026-Q3'], ['2026-q4', '2026-Q4']] as const) {
      const res = await importWorkbook(await fillSingle(t, { '1': '是', '2': 0, '3': 0 }, { cells: { [cell.address]: typed } }), { resolve });
      expect([typed, res.problems, res.submissions[0]?.period]).toEqual([typed, [], read]);
    }
    const empty = await importWorkbook(await fillSingle(t, { '1': '是' }, { cells: { [cell.address]: '' } }), { resolve });
    expect(empty.problems).toMatchObject([{ code: 'UNREADABLE_CELL', path: '/period', message: '缺少考核期间：请按 YYYY-Qn 填写，例如 2026-Q3' }]);
    // A month where a quarter is due is refused at the cell, as the engine says it.
    const month = await importWorkbook(await fillSingle(t, { '1': '是', '2': 0, '3': 0 }, { cells: { [cell.address]: '2026-11' } }), { resolve });
    expect(month.problems).toMatchObject([{ code: 'PERIOD_KIND', cell: cell.address, message: expect.stringContaining('按季度考核') }]);
  });
});

describe('a half-yearly rubric', () => {
  it('the annual accumulation: 上半年 and 下半年, the missing half, the draft half', async () => {
    const x1 = half('deductions', 'X', '2026-H1');
    const y1 = half('over-budget', 'Y', '2026-H1');
    const y = annualAccumulation(halfYearly, [x1, half('clean', 'X', '2026-H2'), y1], 2026, undefined, { finalOnly: false, drafts: new Set([y1]) });
    const ws = (await load(await annualWorkbook(y))).getWorksheet('年度累计')!;
    expect(headers(ws)).toEqual(['名次', '单位代码', '单位名称', '年平均分', '上半年', '下半年', '年度等级/结论', '缺考半年', '草稿半年']);
    expect(body(ws)).toEqual([
      [1, DEPTS.X.code, DEPTS.X.name, 88, 76, 100, '不分等级', '—', ''],
      [2, DEPTS.Y.code, DEPTS.Y.name, 32, 32, null, '不分等级', '下半年', '上半年'],
    ]);
    expect(above(ws)).toContain('年累计为已考核半年得分的平均分；缺考半年单列');
  });

  it('the county ranking of a half year, compared with the previous one, and the unit’s workbook, print the half year in words', async () => {
    const s = countySummary(halfYearly, [half('deductions', 'X', '2026-H1'), half('clean', 'Y', '2026-H1')], [half('clean', 'X', '2025-H2')]);
    const wb = await load(await countyWorkbook(s));
    const ranking = wb.getWorksheet('排名')!;
    expect(above(ranking)).toContain('2026年上半年 考核排名');
    expect(above(ranking)).toContain('与 2025年下半年 比较');
    expect(body(ranking).map((r) => [r[0], r[1], r[3], r[5], r[6]])).toEqual([
      [1, DEPTS.Y.code, 100, null, null],
      [2, DEPTS.X.code, 76, 100, -24],
    ]);
    expect(above(wb.getWorksheet('常见问题')!)).toContain('2026年上半年 未达标最多的指标');

    const unit = await load(await assessmentWorkbook(half('deductions', 'X', '2026-H1'), halfYearly));
    let period: unknown;
    unit.getWorksheet('汇总')!.eachRow((row) => {
      if (row.getCell(1).value === '考核期间') period = row.getCell(2).value;
    });
    expect(period).toBe('2026年上半年');
    expect(JSON.stringify(unit.getWorksheet('明细')!.getRow(1).values)).toContain('2026年上半年 逐项结果');
  });

  it('a template’s period reads 2026年上半年 as 2026-H1', async () => {
    const t = await buildTemplate(halfYearly, { unit: DEPTS.X });
    const cell = named(await load(t), 'bm_period');
    expect(cell.dataValidation).toMatchObject({ prompt: '格式 YYYY-Hn，例如 2026-H1' });
    const sub = halfSub('deductions', 'X', '2026-H1');
    const filled = await fillSingle(await buildTemplate(halfYearly, { prefill: sub }), {}, { cells: { [cell.address]: '2026年下半年' } });
    const res = await importWorkbook(filled, { resolve: (id) => (id === halfYearly.id ? halfYearly : undefined) });
    expect(res.problems).toEqual([]);
    expect(res.submissions[0]!.period).toBe('2026-H2');
  });
});
