// Results to workbooks people print, sign and file: a graded workbook per assessment and a county workbook
// per period. Reporters are functions from results to bytes; writing them to disk is the caller's business.
import ExcelJS, { type Worksheet } from 'exceljs';
import { checkKind } from '../checks/index.js';
import type { AnnualAccumulation } from '../periods/annual.js';
import type { CountySummary, UnmetIndicator } from '../periods/county.js';
import type { QuarterlyCircular } from '../periods/quarter.js';
import { gradeQualifier, STATUS_ZH } from '../format/labels.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment, IndicatorResult, Status } from '../schema/generated/assessment.js';
import { LEVEL_ZH } from '../levels.js';
import { countsSheet, evidenceSheet } from './rectification.js';
import type { EvidenceRecord } from '../domain/rectification.js';
import { BOLD, BORDER, CENTER, FONT, header, labelledRows, LINE_HEIGHT, linesNeeded, newWorkbook, printSetup, STATUS_FILL, title, WRAP } from './style.js';

export interface ReportOptions {
  /** When the report was made; the caller supplies the clock. */
  generatedAt?: Date;
  /** Head of the tamper-evident log when the report was made, printed so it is anchored outside the database. */
  chainHead?: string;
  /** A record's evidence files, listed with their hashes. */
  evidence?: readonly EvidenceRecord[];
}

export const SIGNATURES = ['检查人（签字）：', '被检查单位负责人（签字）：', '日期：'] as const;

export async function assessmentWorkbook(a: Assessment, rubric: Rubric, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  summarySheet(wb.addWorksheet('汇总'), a, rubric, opts);
  detailSheet(wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 2 }] }), a, rubric);
  gapSheet(wb.addWorksheet('差距'), a, rubric);
  if (opts.evidence?.length) evidenceSheet(wb, opts.evidence);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function countyWorkbook(summary: CountySummary, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const ws = wb.addWorksheet('排名', { views: [{ state: 'frozen', ySplit: 3 }] });
  title(ws, `${summary.rubric.title} ${summary.period} 考核排名`, 10);
  ws.getCell('A2').value = `共 ${summary.totals.units} 个单位，达标 ${summary.totals.passed} 个；平均分 ${summary.totals.meanScore ?? '—'}${summary.previousPeriod ? `；与 ${summary.previousPeriod} 比较` : ''}。名次按得分从高到低，得分相同者名次相同，按单位代码排列。`;
  ws.getCell('A2').font = FONT;
  ws.mergeCells(2, 1, 2, 10);
  const head = ['名次', '单位代码', '单位名称', '层级', '得分', '等级/结论', '上期得分', '得分变化', '上期等级/结论', '等级变化'];
  header(ws, 3, head);
  const MOVE: Record<string, string> = { up: '↑ 上升', down: '↓ 下降', same: '持平' };
  summary.units.forEach((u, i) => {
    const r = ws.getRow(4 + i);
    r.values = [u.rank, u.unit.code, u.unit.name, LEVEL_ZH[u.unit.level], u.score, u.standing, u.previous?.score ?? null, u.change, u.previous?.standing ?? '—', u.movement ? MOVE[u.movement]! : '—'];
    r.getCell(2).numFmt = '@';
    for (const c of [5, 7]) r.getCell(c).numFmt = '0.00';
    r.getCell(8).numFmt = '+0.00;-0.00;0.00';
    r.getCell(6).fill = u.passed ? STATUS_FILL.met : STATUS_FILL.unmet;
    if (u.movement === 'down') r.getCell(10).fill = STATUS_FILL.unmet;
    body(r, head.length);
  });
  provenance(ws, 4 + summary.units.length + 1, opts, head.length);
  widths(ws, [6, 16, 24, 10, 9, 12, 9, 9, 14, 10]);
  printSetup(ws, '3:3');

  unmetSheet(wb, `${summary.period} 未达标最多的指标`, summary.unmet);
  if (summary.rectification) countsSheet(wb, summary.rectification);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function quarterlyWorkbook(q: QuarterlyCircular, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const ws = wb.addWorksheet('季度排名', { views: [{ state: 'frozen', ySplit: 3 }] });
  const head = ['名次', '单位代码', '单位名称', '季度平均分', ...q.months.map((m) => `${m} 得分`), '缺考月份', '最近等级/结论'];
  title(ws, `${q.rubric.title} ${q.year}年第${q.quarter}季度通报`, head.length);
  ws.getCell('A2').value = q.rule;
  ws.mergeCells(2, 1, 2, head.length);
  header(ws, 3, head);
  q.units.forEach((u, i) => {
    const r = ws.getRow(4 + i);
    r.values = [u.rank, u.unit.code, u.unit.name, u.mean, ...q.months.map((m) => u.months.find((x) => x.period === m)?.score ?? null), u.missing.join('、') || '—', u.standing];
    r.getCell(2).numFmt = '@';
    for (let c = 4; c < 5 + q.months.length; c++) r.getCell(c).numFmt = '0.00';
    body(r, head.length);
    r.getCell(head.length).fill = u.passed ? STATUS_FILL.met : STATUS_FILL.unmet;
  });
  provenance(ws, 4 + q.units.length + 1, opts, head.length);
  widths(ws, [6, 16, 24, 11, ...q.months.map(() => 11), 16, 14]);
  printSetup(ws, '3:3');

  const attention = wb.addWorksheet('未达标与下降');
  title(attention, '未达标单位与等级下降单位', 5);
  header(attention, 2, ['类别', '单位代码', '单位名称', '情况', '期间']);
  let row = 3;
  for (const b of q.belowStandard) body(Object.assign(attention.getRow(row++), { values: ['未达标', b.unit.code, b.unit.name, b.standing, b.period] }), 5);
  for (const d of q.dropped) body(Object.assign(attention.getRow(row++), { values: ['等级下降', d.unit.code, d.unit.name, `${d.from.standing} → ${d.to.standing}`, `${d.from.period} → ${d.to.period}`] }), 5);
  widths(attention, [10, 16, 24, 24, 20]);
  printSetup(attention, '2:2');
  unmetSheet(wb, `${q.year}年第${q.quarter}季度未达标最多的指标`, q.unmet);
  if (q.rectification) countsSheet(wb, q.rectification);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function annualWorkbook(y: AnnualAccumulation, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const ws = wb.addWorksheet('年度累计', { views: [{ state: 'frozen', ySplit: 3 }] });
  const label = y.method === 'mean' ? '年平均分' : '扣分合计';
  const head = ['名次', '单位代码', '单位名称', label, ...y.months.map((m) => m.slice(5) + '月'), '缺考月份'];
  title(ws, `${y.rubric.title} ${y.year}年度累计`, head.length);
  ws.getCell('A2').value = y.rule;
  ws.mergeCells(2, 1, 2, head.length);
  header(ws, 3, head);
  y.units.forEach((u, i) => {
    const r = ws.getRow(4 + i);
    const monthly = y.months.map((m) => {
      const x = u.months.find((v) => v.period === m);
      return x ? (y.method === 'mean' ? x.score : x.deducted) : null;
    });
    r.values = [u.rank, u.unit.code, u.unit.name, u.value, ...monthly, u.missing.length ? u.missing.map((m) => m.slice(5)).join('、') : '—'];
    r.getCell(2).numFmt = '@';
    for (let c = 4; c < 5 + y.months.length; c++) r.getCell(c).numFmt = '0.00';
    body(r, head.length);
  });
  provenance(ws, 4 + y.units.length + 1, opts, head.length);
  widths(ws, [6, 16, 24, 10, ...y.months.map(() => 7), 16]);
  printSetup(ws, '3:3');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Below a ranking: when it was made and the log head then, so a printed copy can be checked against the log. */
function provenance(ws: Worksheet, row: number, opts: ReportOptions, span: number): void {
  const parts = [
    opts.generatedAt ? `生成时间（UTC）：${opts.generatedAt.toISOString().replace('T', ' ').slice(0, 19)}` : null,
    opts.chainHead ? `记录链头：${opts.chainHead}` : null,
  ].filter((x): x is string => x !== null);
  if (!parts.length) return;
  const cell = ws.getCell(row, 1);
  cell.value = parts.join('    ');
  cell.font = FONT;
  ws.mergeCells(row, 1, row, span);
}

function summarySheet(ws: Worksheet, a: Assessment, rubric: Rubric, opts: ReportOptions): void {
  title(ws, `${rubric.title} 考核结果`, 4);
  const headline = a.grade ? '考核等级' : rubric.implicitTier ? '结论' : '达到等级';
  const why = a.grade ? gradeQualifier(a.grade) : '';
  const standing = a.grade ? `${a.grade.label}${why ? `（${why}）` : ''}` : rubric.implicitTier ? a.result.label : (a.tier_label ?? '未达到任何等级');
  const rows: Array<[string, ExcelJS.CellValue, string?]> = [
    ['被检查单位', a.unit.name],
    ['单位代码', a.unit.code, '@'],
    ['单位层级', LEVEL_ZH[a.unit.level]],
    ['考核期间', a.period],
    ['检查人', a.inspector ?? ''],
    ['检查日期', a.inspected_on ?? ''],
    ['评分标准', `${rubric.title}（${rubric.id}，版本 ${rubric.version}）`],
    ['标准内容指纹', a.rubric.hash],
    ['评分引擎版本', a.engine_version],
    [headline, standing],
    ['得分', a.score, '0.00'],
    ['满分', a.score_detail.max, '0'],
    ['达标项', a.counts.met, '0'],
    ['未达标项', a.counts.unmet, '0'],
    ['不适用项', a.counts.not_applicable, '0'],
    ['未检查项', a.counts.not_assessed, '0'],
    ['指标总数', a.counts.total, '0'],
  ];
  if (opts.chainHead) rows.push(['记录链头', opts.chainHead]);
  if (opts.generatedAt) rows.push(['生成时间（UTC）', opts.generatedAt.toISOString().replace('T', ' ').slice(0, 19)]);
  labelledRows(ws, 3, rows, { mergeTo: 4, boxed: true });
  const standingRow = ws.getRow(3 + rows.findIndex(([k]) => k === headline));
  standingRow.getCell(2).fill = a.result.passed ? STATUS_FILL.met : STATUS_FILL.unmet;
  standingRow.getCell(2).font = BOLD;
  signatures(ws, 3 + rows.length + 2);
  widths(ws, [18, 30, 20, 30]);
  printSetup(ws, '1:1');
}

function signatures(ws: Worksheet, row: number): void {
  SIGNATURES.forEach((label, i) => {
    const r = ws.getRow(row + i * 2);
    r.getCell(1).value = label;
    r.getCell(1).font = BOLD;
    r.getCell(2).border = { bottom: { style: 'thin' } };
    r.height = 24;
  });
}

function detailSheet(ws: Worksheet, a: Assessment, rubric: Rubric): void {
  const points = a.score_detail.method === 'points';
  const head = ['一级', '二级', '序号', '指标', '要求（原文）', '答案', '结果', '说明', '备注', ...(points ? ['分值', '得分', '扣分', '加分'] : [])];
  title(ws, `${a.unit.name} ${a.period} 逐项结果`, head.length);
  header(ws, 2, head);
  a.results.forEach((res, i) => {
    const ind = rubric.byId.get(res.id)!;
    const r = ws.getRow(3 + i);
    const [answer, fmt] = answerCell(res, checkKind(ind.check).unit?.(ind.check));
    r.values = [res.section[0] ?? '', res.section[1] ?? '', res.id, res.title + (res.veto ? '［否决项］' : ''), ind.text, answer, STATUS_ZH[res.status], res.reason, res.note ?? '',
      ...(points && res.points ? [res.points.max, res.points.earned, res.points.deducted, res.points.bonus] : [])];
    if (fmt) r.getCell(6).numFmt = fmt;
    for (const c of [10, 11, 12, 13]) if (points) r.getCell(c).numFmt = '0.##';
    body(r, head.length);
    r.getCell(7).fill = STATUS_FILL[res.status];
    r.getCell(7).alignment = CENTER;
    r.height = Math.max(linesNeeded(ind.text, 48), linesNeeded(res.reason, 38)) * LINE_HEIGHT;
  });
  widths(ws, [12, 12, 6, 18, 50, 14, 9, 40, 16, ...(points ? [7, 7, 7, 7] : [])]);
  printSetup(ws, '2:2');
}

/** A number is written as a number with its unit in the format; anything else as readable text. */
function answerCell(res: IndicatorResult, unit: string | undefined): [ExcelJS.CellValue, string?] {
  const v = res.value;
  if (res.status === 'not_applicable' && v === undefined) return ['不适用'];
  if (v === undefined) return [''];
  if (typeof v === 'number') return [v, unit ? `0.##"${unit === '%' ? '%' : ` ${unit}`}"` : '0.##'];
  if (typeof v === 'boolean') return [v ? '是' : '否'];
  if (Array.isArray(v)) return [v.length ? `已具备 ${v.length} 项` : '均不具备'];
  if (typeof v === 'object') return [Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`).join('；')];
  return [String(v)];
}

function gapSheet(ws: Worksheet, a: Assessment, rubric: Rubric): void {
  const head = ['目标', '序号', '指标', '类别', '状态', '差距说明', '差距数值', '单位'];
  title(ws, `${a.unit.name} ${a.period} 差距与整改`, head.length);
  header(ws, 2, head);
  let row = 3;
  const put = (values: ExcelJS.CellValue[], status?: Status) => {
    const r = ws.getRow(row++);
    r.values = values;
    body(r, head.length);
    if (status) r.getCell(5).fill = STATUS_FILL[status];
    r.getCell(7).numFmt = '0.##';
    r.height = linesNeeded(String(values[5] ?? ''), 48) * LINE_HEIGHT;
  };
  const open = a.tiers.filter((t) => !t.reached);
  for (const t of open) {
    // Veto items first, then the other necessary conditions, in source order.
    const blockers = [...t.blocking].sort((x, y) => Number(!!rubric.byId.get(y.id)?.veto) - Number(!!rubric.byId.get(x.id)?.veto));
    for (const b of blockers) {
      const ind = rubric.byId.get(b.id)!;
      const kind = ind.veto ? (b.status === 'not_assessed' ? '否决项' : '单项否决') : rubric.implicitTier ? '必须项' : '必要条件';
      put([t.label, b.id, b.title, kind, STATUS_ZH[b.status], b.missing_items?.length ? `缺少：${b.missing_items.join('、')}` : b.reason, b.shortfall?.difference ?? null, b.shortfall?.unit ?? ''], b.status);
    }
    if (t.score_short) put([t.label, '', '总分', '分数线', '未达标', `得分还差 ${t.score_short} 分（要求 ≥${t.min_score}）`, t.score_short, '分'], 'unmet');
  }
  if (a.grade?.next && !a.grade.vetoed) put([a.grade.next.label, '', '总分', '等级分数线', '—', `距“${a.grade.next.label}”（≥${a.grade.next.min} 分）还差 ${a.grade.next.points_short} 分`, a.grade.next.points_short, '分']);
  // Points rubrics: every deduction, largest first, is something to fix.
  const deductions = a.results.filter((r) => r.points && r.points.deducted > 0).sort((x, y) => y.points!.deducted - x.points!.deducted);
  for (const d of deductions) put(['扣分项', d.id, d.title, '扣分', STATUS_ZH[d.status], d.reason, d.points!.deducted, '分'], d.status);
  if (row === 3) put(['—', '', '', '', '', '已达到最高等级，没有差距', null, '']);
  widths(ws, [12, 7, 20, 10, 9, 50, 10, 7]);
  printSetup(ws, '2:2');
}

function unmetSheet(wb: ExcelJS.Workbook, heading: string, unmet: readonly UnmetIndicator[]): void {
  const us = wb.addWorksheet('常见问题', { views: [{ state: 'frozen', ySplit: 2 }] });
  title(us, heading, 5);
  const uhead = ['序号', '指标', '未达标次数', '占比', '未达标单位（代码）'];
  header(us, 2, uhead);
  unmet.forEach((u, i) => {
    const r = us.getRow(3 + i);
    r.values = [u.id, u.title, u.unmet, u.share, u.units.join('、')];
    r.getCell(4).numFmt = '0.0%';
    body(r, uhead.length);
    r.height = linesNeeded(u.units.join('、'), 60) * LINE_HEIGHT;
  });
  widths(us, [8, 28, 12, 9, 60]);
  printSetup(us, '2:2');
}

/** A table row in the house style: font, border, wrapped. */
export function body(r: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c++) {
    const cell = r.getCell(c);
    cell.font = FONT;
    cell.border = BORDER;
    cell.alignment = WRAP;
  }
}

export function widths(ws: Worksheet, values: readonly number[]): void {
  values.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

