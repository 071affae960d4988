import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Worksheet } from 'exceljs';
import { assess } from '../../src/engine/evaluate.js';
import { annualWorkbook, assessmentWorkbook, countyWorkbook, quarterlyWorkbook, recordsText, SIGNATURES } from '../../src/excel/report.js';
import { annualAccumulation } from '../../src/periods/annual.js';
import { countySummary } from '../../src/periods/county.js';
import { quarterlyCircular } from '../../src/periods/quarter.js';
import type { Assessment } from '../../src/schema/generated/assessment.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import { definition, indicator, pointsScoring } from '../support/definitions.js';
import { answersFor, fixture, rubric } from '../support/rubrics.js';
import { hasLibreOffice, load, throughLibreOffice } from '../support/workbooks.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const json = (id: string, name: string) => JSON.parse(readFileSync(fixture(id, `${name}.json`), 'utf8'));
const unit = { code: '330212001000', name: '测试镇便民服务中心', level: 'township' };
const scored = (name: string) => assess(r, json('township-center-2022', name));

/** Label in column A -> the cell beside it, on the summary sheet. */
function summaryMap(ws: Worksheet) {
  const out = new Map<string, import('exceljs').Cell>();
  ws.eachRow((row) => out.set(String(row.getCell(1).value ?? ''), row.getCell(2)));
  return out;
}

/** The row of a table whose given column holds `value` (the tables start under a title and notes). */
function rowWith(ws: Worksheet, col: number, value: unknown): import('exceljs').Row {
  let found: import('exceljs').Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(col).value === value) found = row;
  });
  if (!found) throw new Error(`no row with ${String(value)} in column ${col} of ${ws.name}`);
  return found;
}

/** The heading row of a table sheet: the row frozen at the top. */
const headRow = (ws: Worksheet) => (ws.views[0] as { ySplit: number }).ySplit;
const headers = (ws: Worksheet) => (ws.getRow(headRow(ws)).values as unknown[]).slice(1);
const col = (ws: Worksheet, label: string) => headers(ws).indexOf(label) + 1;
/** Every non-empty text of a sheet, for what it says. */
const text = (ws: Worksheet) => JSON.stringify(ws.getSheetValues());

describe('graded workbook per assessment', async () => {
  const a = scored('standard');
  const wb = await load(await assessmentWorkbook(a, r, { generatedAt: new Date(Date.UTC(2026, 10, 23, 17, 5)), chainHead: 'sha256:abc' }));

  it('has the summary, detail and gaps sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '差距']);
  });

  it('summary: unit, period, inspector, tier, score as a real number, counts, chain head, the time in China, and signature lines', () => {
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
    // 17:05 UTC on the 23rd is 01:05 on the 24th in China.
    expect(s.get('生成时间')!.value).toBe('2026-11-24 01:05（北京时间）');
    for (const label of SIGNATURES) expect(s.has(label)).toBe(true);
  });

  it('detail: a heading row per section, then every indicator with its requirement, answer as a number with its unit format, and a coloured outcome', () => {
    const ws = wb.getWorksheet('明细')!;
    const heading = rowWith(ws, 1, '(一)规范服务场所建设 › 统一名称规范');
    expect(heading.getCell(1).isMerged).toBe(true);
    const row4 = rowWith(ws, 1, '4');
    expect(row4.getCell(col(ws, '要求（原文）')).value).toBe(r.byId.get('4')!.text);
    expect(row4.getCell(col(ws, '答案')).value).toBe(120);
    expect(row4.getCell(col(ws, '答案')).numFmt).toBe('0.##" m²"');
    expect(row4.getCell(col(ws, '结果')).value).toBe('未达标');
    expect(row4.getCell(col(ws, '结果')).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const row1 = rowWith(ws, 1, '1');
    expect([row1.getCell(col(ws, '答案')).value, row1.getCell(col(ws, '结果')).value]).toEqual(['是', '达标']);
    const row41 = rowWith(ws, 1, '41');
    expect([row41.getCell(col(ws, '答案')).value, row41.getCell(col(ws, '备注')).value]).toEqual([20, '硬盘容量不足，已申请扩容']);
    let ids = 0;
    ws.eachRow((row, n) => n > headRow(ws) && r.byId.has(String(row.getCell(1).value)) && ids++);
    expect(ids).toBe(58);
  });

  it('gaps: what blocks 示范型, with numeric distances', () => {
    const ws = wb.getWorksheet('差距')!;
    const rows = Array.from({ length: ws.rowCount - headRow(ws) }, (_, i) => ws.getRow(headRow(ws) + 1 + i));
    expect(rows.map((x) => x.getCell(2).value)).toEqual(['4', '7', '12', '27', '36', '46']);
    expect(rows.every((x) => x.getCell(1).value === '示范型')).toBe(true);
    expect(rows[0]!.getCell(7).value).toBe(30);
    expect(rows[0]!.getCell(8).value).toBe('m²');
    expect(rows[2]!.getCell(6).value).toBe('缺少：急救设施');
  });

  it('prints on A4 at a fixed scale of at least 90%, with repeated headings and page numbers', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: false });
      expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(90);
      expect(ws.headerFooter.oddFooter).toContain('&P');
    }
    expect(wb.getWorksheet('汇总')!.pageSetup.orientation).toBe('portrait');
    expect(wb.getWorksheet('明细')!.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: `${headRow(wb.getWorksheet('明细')!)}:${headRow(wb.getWorksheet('明细')!)}` });
  });

  it('a points assessment shows grade, veto and deductions, largest first', async () => {
    const v = assess(county, json('county-monthly-assessment', 'vetoed'));
    const book = await load(await assessmentWorkbook(v, county));
    expect(summaryMap(book.getWorksheet('汇总')!).get('考核等级')!.value).toBe('不合格（单项否决：7.4）');
    const gaps = book.getWorksheet('差距')!;
    const first = gaps.getRow(headRow(gaps) + 1);
    expect([first.getCell(2).value, first.getCell(4).value]).toEqual(['7.4', '单项否决']);
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

  it('a draft says so on every sheet and at the top of every printed page; a finalized record says it is official', async () => {
    const draft = await load(await assessmentWorkbook(a, r, { status: 'draft' }));
    for (const ws of draft.worksheets) {
      expect(text(ws), ws.name).toContain('草稿');
      expect(ws.headerFooter.oddHeader, ws.name).toContain('草稿');
    }
    expect(summaryMap(draft.getWorksheet('汇总')!).get('记录状态')!.value).toContain('尚未定稿');
    const final = await load(await assessmentWorkbook(a, r, { status: 'final' }));
    expect(summaryMap(final.getWorksheet('汇总')!).get('记录状态')!.value).toBe('已定稿的正式考核记录。');
    for (const ws of final.worksheets) expect(text(ws), ws.name).not.toContain('草稿');
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

  it('one row per unit, ranked by tier then score, with the change since the previous period', () => {
    const ws = wb.getWorksheet('排名')!;
    const rows = [1, 2, 3].map((n) => ws.getRow(headRow(ws) + n));
    expect(rows.map((x) => x.getCell(col(ws, '单位名称')).value)).toEqual(['东湖镇便民服务中心', '西岭镇便民服务中心', '南山街道便民服务中心']);
    expect(rows.map((x) => x.getCell(col(ws, '名次')).value)).toEqual([1, 2, 3]);
    expect(rows.map((x) => x.getCell(col(ws, '等级/结论')).value)).toEqual(['示范型', '标准型', '未达到任何等级']);
    expect(rows[1]!.getCell(col(ws, '得分')).value).toBe(now[1]!.score);
    expect(rows[1]!.getCell(col(ws, '得分变化')).value).toBe(Math.round((now[1]!.score! - before[0]!.score!) * 100) / 100);
    expect(rows[1]!.getCell(col(ws, '得分变化')).numFmt).toBe('+0.00;-0.00;0.00');
    expect(rows[1]!.getCell(col(ws, '等级变化')).value).toBe('↓ 下降');
    expect(rows[0]!.getCell(col(ws, '等级变化')).value).toBe('—');
    expect(rows[2]!.getCell(col(ws, '等级变化')).value).toBe('持平');
    expect(rows[0]!.getCell(col(ws, '单位代码')).value).toBe('330212101000');
  });

  it('says its rule and that it was computed from files, not stored records', () => {
    const ws = wb.getWorksheet('排名')!;
    expect(text(ws)).toContain(summary.rule);
    expect(text(ws)).toContain(recordsText(null));
    expect(summary.rule).toBe('名次先按达到的等级，同等级内再按得分从高到低排列，等级和得分都相同者名次相同，按单位代码排列。');
  });

  it('a sheet of the indicators most often unmet, with shares as percentages and the units by name', () => {
    const ws = wb.getWorksheet('常见问题')!;
    const top = ws.getRow(headRow(ws) + 1);
    expect(top.getCell(3).value).toBe(2);
    expect(top.getCell(4).numFmt).toBe('0.0%');
    expect(top.getCell(5).value).toBe('西岭镇便民服务中心、南山街道便民服务中心');
    const ids: unknown[] = [];
    ws.eachRow((row, n) => n > headRow(ws) && ids.push(row.getCell(1).value));
    expect(ids.slice(0, 4)).toEqual(['4', '7', '36', '46']);
  });

  it('names two units that share a name with their codes, and every other unit by its name alone', async () => {
    // Two villages both called 新村 (in different townships), and 南山 alone: all three unmet on the same items.
    const neither = json('township-center-2022', 'neither');
    const units = [
      { code: '330212101201', name: '新村便民服务站', level: 'township' as const },
      { code: '330212102201', name: '新村便民服务站', level: 'township' as const },
      { code: '330212103000', name: '南山街道便民服务中心', level: 'township' as const },
    ];
    const sheet = (await load(await countyWorkbook(countySummary(r, units.map((unit) => assess(r, { ...neither, unit })))))).getWorksheet('常见问题')!;
    expect(sheet.getRow(headRow(sheet) + 1).getCell(5).value).toBe('新村便民服务站（330212101201）、新村便民服务站（330212102201）、南山街道便民服务中心');
  });
});

describe('rankings from stored records say what the records are', async () => {
  const units = [
    { code: '330299101000', name: '东湖镇便民服务中心', level: 'township', f: 'good' },
    { code: '330299102000', name: '西岭镇便民服务中心', level: 'township', f: 'vetoed' },
    { code: '330299101201', name: '东湖村便民服务室', level: 'village', f: 'excellent' },
    { code: '330299101202', name: '湖滨村便民服务室', level: 'village', f: 'poor' },
  ];
  const villageOnly = ['1.3', '5.1', '5.2'];
  const make = (period: string): Assessment[] =>
    units.map((u) => {
      const s = json('county-monthly-assessment', u.f);
      const answers = Object.fromEntries(Object.entries(s.answers as Record<string, unknown>).filter(([k]) => u.level === 'village' || !villageOnly.includes(k)));
      return assess(county, { ...s, unit: { code: u.code, name: u.name, level: u.level }, period, answers: answersFor(county, answers, period) });
    });
  const months = ['2026-10', '2026-11', '2026-12'].map(make);
  const current = months[1]!;

  it('drafts: marked in every row and on every sheet, and at the top of every printed page', async () => {
    const wb = await load(await countyWorkbook(countySummary(county, current, months[0], { finalOnly: false, drafts: new Set([current[0]!]) })));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['镇(街道)排名', '村(社区)排名', '常见问题']);
    for (const ws of wb.worksheets) {
      expect(text(ws), ws.name).toContain('其中 1 条为未定稿的草稿');
      expect(ws.headerFooter.oddHeader, ws.name).toContain('草稿');
    }
    const town = wb.getWorksheet('镇(街道)排名')!;
    expect(rowWith(town, col(town, '单位代码'), '330299101000').getCell(col(town, '记录')).value).toBe('草稿');
    expect(rowWith(town, col(town, '单位代码'), '330299102000').getCell(col(town, '记录')).value).toBe('定稿');
  });

  it('only drafts: the whole ranking says it is provisional', async () => {
    const wb = await load(await countyWorkbook(countySummary(county, current, [], { finalOnly: false, drafts: new Set(current) })));
    for (const ws of wb.worksheets) expect(text(ws), ws.name).toContain('均为未定稿的草稿记录：本表为临时结果');
  });

  it('limited to finalized records: says so, and has no draft column or mark', async () => {
    const wb = await load(await countyWorkbook(countySummary(county, current, [], { finalOnly: true, drafts: new Set() })));
    for (const ws of wb.worksheets) {
      expect(text(ws), ws.name).toContain('仅统计已定稿的正式考核记录（共 4 条）');
      expect(ws.headerFooter.oddHeader ?? '', ws.name).not.toContain('草稿');
    }
    expect(headers(wb.getWorksheet('镇(街道)排名')!)).not.toContain('记录');
  });

  it('levels ranked apart, a veto ranked as its grade below any unit that was not vetoed, and a 单项否决 column', async () => {
    const wb = await load(await countyWorkbook(countySummary(county, current)));
    const town = wb.getWorksheet('镇(街道)排名')!;
    const rows = [1, 2].map((n) => town.getRow(headRow(town) + n));
    expect(rows.map((x) => [x.getCell(col(town, '名次')).value, x.getCell(col(town, '单位名称')).value, x.getCell(col(town, '等级/结论')).value, x.getCell(col(town, '单项否决')).value])).toEqual([
      [1, '东湖镇便民服务中心', '良好', ''],
      [2, '西岭镇便民服务中心', '不合格', '否决：7.4'],
    ]);
    expect((rows[1]!.getCell(col(town, '得分')).value as number) > (rows[0]!.getCell(col(town, '得分')).value as number)).toBe(true);
    const village = wb.getWorksheet('村(社区)排名')!;
    expect(village.getRow(headRow(village) + 1).getCell(col(village, '名次')).value).toBe(1);
  });

  it('the quarterly circular: per level, the quarter’s standing and vetoed months, drafts marked', async () => {
    const all = months.flat();
    const q = quarterlyCircular(county, all, 2026, 4, { finalOnly: false, drafts: new Set([months[2]![0]!]) });
    const wb = await load(await quarterlyWorkbook(q));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['镇(街道)季度排名', '村(社区)季度排名', '未达标与下降', '常见问题']);
    const town = wb.getWorksheet('镇(街道)季度排名')!;
    const vetoed = rowWith(town, col(town, '单位代码'), '330299102000');
    expect([vetoed.getCell(col(town, '名次')).value, vetoed.getCell(col(town, '季度等级/结论')).value, vetoed.getCell(col(town, '单项否决')).value]).toEqual([2, '不合格', '7.4（10、11、12月）']);
    expect(rowWith(town, col(town, '单位代码'), '330299101000').getCell(col(town, '草稿月份')).value).toBe('12月');
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddHeader, ws.name).toContain('草稿');
  });

  it('the annual sheet lists every missing month, and the year’s standing', async () => {
    const y = annualAccumulation(county, months.flat(), 2026, undefined, { finalOnly: true, drafts: new Set() });
    const wb = await load(await annualWorkbook(y));
    const village = wb.getWorksheet('村(社区)年度累计')!;
    const row = rowWith(village, col(village, '单位代码'), '330299101202');
    expect(row.getCell(col(village, '缺考月份')).value).toBe('1、2、3、4、5、6、7、8、9月');
    expect(row.getCell(col(village, '年度等级/结论')).value).toBe('不合格');
    expect(row.getCell(col(village, '10月')).value).toBe(months[0]![3]!.score);
    // Tall enough for every month it lists, at its column's width.
    expect(row.height).toBeGreaterThan(15);
  });
});

describe.skipIf(!hasLibreOffice)('reports open in LibreOffice', () => {
  it('the graded and county workbooks survive a LibreOffice round trip with their numbers intact', async () => {
    const a = scored('standard');
    const back = await load(throughLibreOffice(await assessmentWorkbook(a, r), 'report.xlsx'));
    expect(summaryMap(back.getWorksheet('汇总')!).get('得分')!.value).toBe(a.score);
    const c = await load(throughLibreOffice(await countyWorkbook(countySummary(r, ['demonstration', 'standard'].map(scored))), 'county.xlsx'));
    const ws = c.getWorksheet('排名')!;
    expect(rowWith(ws, 2, '330212101000').getCell(4).value).toBe(100);
  }, 180_000);
});

describe('a points workbook shows what each part came to, the unit’s own scores and the county’s changes', async () => {
  const yinchuan = await rubric('yinchuan-branch-hall-departments');
  const sub = json('yinchuan-branch-hall-departments', 'deductions');
  const own = { '1': 17, '2': 20, '3': 20, '4': 20, '5': 10, '6': 10 };
  const a = assess(yinchuan, { ...sub, self_scores: own });
  const wb = await load(await assessmentWorkbook(a, yinchuan));

  it('a 分项得分 sheet: every section’s points, what it could earn, its deductions and subtotal, the self-score and the difference', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分项得分', '明细', '差距']);
    const ws = wb.getWorksheet('分项得分')!;
    expect(headers(ws)).toEqual(['部分', '分值', '可得分', '扣分', '小计', '自评', '差额']);
    for (const s of a.sections!) {
      const row = rowWith(ws, 1, s.title);
      expect((row.values as unknown[]).slice(2, 8)).toEqual([s.budget, s.max, s.deducted, s.subtotal, own[s.id as keyof typeof own], s.self_difference]);
      expect(row.getCell(7).numFmt).toBe('+0.##;-0.##;0');
    }
    // The subtotals add up to what the table earned (no 不适用 here, so to the score).
    expect(a.sections!.reduce((t, s) => t + s.subtotal, 0)).toBe(a.score);
  });

  it('the detail sheet’s section headings carry their subtotals, and each item its self-score columns', () => {
    const ws = wb.getWorksheet('明细')!;
    const first = a.sections![0]!;
    expect(text(ws)).toContain(`${first.title}（小计 ${first.subtotal}/${first.max} 分，扣完为止）`);
    expect(headers(ws).slice(-2)).toEqual(['自评', '差额']);
  });

  it('the summary: 满分, 扣分 and 加分, the self-assessed total and its difference from the score', () => {
    const s = summaryMap(wb.getWorksheet('汇总')!);
    expect(s.get('满分')!.value).toBe(100);
    expect(s.get('扣分')!.value).toBe(a.score_detail.deducted);
    expect(s.get('单位自评分')!.value).toBe(97);
    expect(s.get('考核与自评差额')!.value).toBe(a.score! - 97);
    expect(s.has('最高分')).toBe(false);
  });

  it('a score that bonus can take past full marks shows its 最高分, or that there is none (加分无上限)', async () => {
    const base = indicator('base', { kind: 'boolean' }, { points: 10 });
    const extra = indicator('extra', { kind: 'count', unit: '次' }, { bonus: { per: 1 } });
    const scoredOf = async (max: number | 'none') => {
      const rr = rubricFromDefinition(definition([base, extra], { scoring: { ...pointsScoring, max } }));
      const v = assess(rr, { rubric: rr.id, unit, period: '2026-11', answers: { base: true, extra: 3 } });
      return { v, s: summaryMap((await load(await assessmentWorkbook(v, rr))).getWorksheet('汇总')!) };
    };
    // 10 + 3 × 1, capped by bonus_cap 2: 12, out of 10, at most 11 → 11.
    const capped = await scoredOf(11);
    expect([capped.v.score, capped.s.get('满分')!.value, capped.s.get('最高分')!.value, capped.s.get('加分')!.value]).toEqual([11, 10, 11, 2]);
    const open = await scoredOf('none');
    expect([open.v.score, open.s.get('最高分')!.value]).toEqual([12, '不设上限']);
  });

  it('a points rubric with stars shows the grade and the star reached, on the summary and in the text', async () => {
    const base = indicator('base', { kind: 'count', unit: '次' }, { points: 10, deduct: { per: 1 } });
    const tiers = [{ id: 'one', label: '一星', min_score: 6 }, { id: 'two', label: '二星', min_score: 8 }];
    const rr = rubricFromDefinition(definition([base], { scoring: pointsScoring, tiers }));
    // 10 − 1 × 1 = 9: 优秀 by its band, and past 二星's line of 8.
    const v = assess(rr, { rubric: rr.id, unit, period: '2026-11', answers: { base: 1 } });
    const s = summaryMap((await load(await assessmentWorkbook(v, rr))).getWorksheet('汇总')!);
    expect([v.score, s.get('考核等级')!.value, s.get('达到等级')!.value]).toEqual([9, '优秀', '二星']);
    expect(s.get('考核等级')!.fill).toMatchObject({ fgColor: { argb: 'FFC6EFCE' } });
    const { formatText } = await import('../../src/format/text.js');
    expect(formatText(v, rr)).toMatch(/考核等级：优秀\n达到等级：二星\n/);
  });

  it('a county’s tailored rubric lists each of its changes on the summary', async () => {
    const { loadRubricFile } = await import('../../src/rubric/load.js');
    const tailored = await loadRubricFile('fixtures/county-rubric/xx-county-township-2026.yaml');
    const x = assess(tailored, JSON.parse(readFileSync('fixtures/county-rubric/xiling-2026-11.json', 'utf8')));
    const s = summaryMap((await load(await assessmentWorkbook(x, tailored))).getWorksheet('汇总')!);
    const changes = String(s.get('本县调整')!.value);
    expect(changes).toContain(`相对 ${tailored.definition.derived_from!.id} 版本 ${tailored.definition.derived_from!.version}`);
    for (const c of tailored.definition.derived_from!.changes) expect(changes).toContain(c);
  });
});
