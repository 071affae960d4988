// Workbooks of what follows an inspection: the county's 整改台账 (per unit, open, overdue and closed orders with days
// overdue), a unit's 整改通知书 (findings, deadlines, signature lines), and two small sheets other workbooks add: the
// open and overdue counts beside a ranking or circular, and the evidence files of a record with their hashes.
import type ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { EvidenceRecord } from '../domain/rectification.js';
import { LEVEL_ZH } from '../levels.js';
import { periodZh } from '../calendar/period.js';
import type { RectificationCounts } from '../periods/rectification.js';
import type { OrderView, RectificationLedger } from '../rectification/ledger.js';
import type { RectificationNotice } from '../service/rectification.js';
import { BOLD, fill, FONT, header, LINE_HEIGHT, linesNeeded, newWorkbook, printSetup, STATUS_FILL, title, WRAP } from './style.js';
import { body, type ReportOptions, widths } from './report.js';

const YELLOW = fill('FFFFEB9C');
const RED = STATUS_FILL.unmet;
const TYPE_ZH: Readonly<Record<EvidenceRecord['media_type'], string>> = { 'image/jpeg': 'JPEG 图片', 'image/png': 'PNG 图片', 'application/pdf': 'PDF 文件' };

/** What an order's finding says, in one cell. */
export const findingText = (o: Pick<OrderView, 'finding'>): string => [o.finding.reason, o.finding.note ? `备注：${o.finding.note}` : ''].filter(Boolean).join('\n');

const deadlineText = (o: OrderView): string => o.due_on ?? `期限无法计算（${o.problem ?? '缺少法定节假日安排'}）`;

function overdueText(o: OrderView): string {
  if (o.exempted) return `已${o.exempted.kind === 'defer' ? '暂缓' : '豁免'}至 ${o.exempted.expires_on}`;
  if (o.overdue === null) return '—';
  if (!o.overdue) return o.status === 'closed' ? '按期完成' : '未逾期';
  const work = o.workdays_overdue === null ? '' : `（${o.workdays_overdue} 个工作日）`;
  return `${o.status === 'closed' ? '逾期完成，' : ''}逾期 ${o.days_overdue} 天${work}`;
}

function closedText(o: OrderView): string {
  if (o.status !== 'closed') return '';
  const day = o.closed_at ? o.closed_at.slice(0, 10) : '';
  return o.closed_by_assessment ? `${day} 后续考核达标，自动销号（考核记录 ${o.closed_by_assessment}）` : `${day} 复查通过销号（${o.closed_by ?? ''}）`;
}

/** A row tall enough for its longest wrapped cell. */
function fitRow(r: ExcelJS.Row, texts: ReadonlyArray<readonly [string, number]>): void {
  // Measured a little narrower than the column: Calc and Excel break CJK lines earlier than the estimate.
  r.height = Math.max(1, ...texts.map(([t, w]) => linesNeeded(t, Math.max(4, w - 3)))) * LINE_HEIGHT + 4;
}

function stamp(ws: Worksheet, row: number, opts: ReportOptions, span: number): void {
  const parts = [
    opts.generatedAt ? `生成时间（UTC）：${opts.generatedAt.toISOString().replace('T', ' ').slice(0, 19)}` : null,
    opts.chainHead ? `记录链头：${opts.chainHead}（可用 verify --anchor 核对）` : null,
  ].filter(Boolean);
  if (!parts.length) return;
  ws.mergeCells(row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = parts.join('    ');
  c.font = { ...FONT, size: 8, color: { argb: 'FF666666' } };
  c.alignment = WRAP;
  ws.getRow(row).height = 3 * LINE_HEIGHT;
}

function levelFill(o: OrderView): ExcelJS.Fill | undefined {
  if (o.status === 'closed' || !o.overdue || !o.level) return undefined;
  return o.level.id === 'red' || o.level.label.includes('红') ? RED : YELLOW;
}

export async function ledgerWorkbook(l: RectificationLedger & { evidence?: EvidenceRecord[] }, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const scope = `${l.county.name}${l.rubric ? ` · ${l.rubric.title}` : ''}`;

  const sum = wb.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 3 }] });
  const shead = ['单位代码', '单位名称', '层级', '未销号', '其中逾期', '已销号'];
  title(sum, `整改台账汇总（${scope}）`, shead.length);
  sum.mergeCells(2, 1, 2, shead.length);
  const levels = l.totals.levels.map((x) => `${x.label} ${x.count} 项`).join('，');
  sum.getCell('A2').value = `截至 ${l.as_of}：未销号 ${l.totals.open} 项，其中逾期 ${l.totals.overdue} 项${levels ? `（${levels}）` : ''}；已销号 ${l.totals.closed} 项。期限按工作日计算，从检查次日起算。`;
  sum.getCell('A2').font = FONT;
  sum.getCell('A2').alignment = WRAP;
  sum.getRow(2).height = 2 * LINE_HEIGHT + 2;
  header(sum, 3, shead);
  l.units.forEach((u, i) => {
    const r = sum.getRow(4 + i);
    r.values = [u.unit.code, u.unit.name, LEVEL_ZH[u.unit.level], u.open, u.overdue, u.closed];
    r.getCell(1).numFmt = '@';
    body(r, shead.length);
    if (u.overdue > 0) r.getCell(5).fill = RED;
  });
  let next = 4 + l.units.length;
  if (l.units.length === 0) sum.getRow(next++).values = ['（没有整改事项）'];
  for (const p of l.calendar_problems) {
    sum.mergeCells(next, 1, next, shead.length);
    Object.assign(sum.getCell(next, 1), { value: `注：${p}`, font: FONT, alignment: WRAP });
    sum.getRow(next++).height = 3 * LINE_HEIGHT;
  }
  stamp(sum, next + 1, opts, shead.length);
  widths(sum, [16, 28, 10, 10, 10, 10]);
  printSetup(sum, '3:3');
  sum.pageSetup.orientation = 'portrait';

  const ws = wb.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  const head = ['单位名称', '考核期间', '指标', '整改要求', '发现的问题', '整改期限', '状态', '逾期情况', '逾期等级', '销号'];
  const w = [16, 11, 16, 30, 30, 12, 8, 16, 8, 20];
  title(ws, `整改台账（${scope}，截至 ${l.as_of}）`, head.length);
  header(ws, 2, head);
  let row = 3;
  for (const u of l.units) {
    for (const o of u.orders) {
      const r = ws.getRow(row++);
      const vals = [u.unit.name, periodZh(o.period), `${o.indicator} ${o.title}`, o.requirement, findingText(o), deadlineText(o), o.status_label, overdueText(o), o.status !== 'closed' && o.overdue ? (o.level?.label ?? '') : '', closedText(o)];
      r.values = vals;
      body(r, head.length);
      const f = levelFill(o);
      if (f) for (const c of [8, 9]) r.getCell(c).fill = f;
      if (o.status === 'closed') r.getCell(7).fill = STATUS_FILL.met;
      fitRow(r, vals.map((v, i) => [String(v), w[i]!] as const));
    }
  }
  widths(ws, w);
  printSetup(ws, '2:2');
  if (l.evidence?.length) evidenceSheet(wb, l.evidence, '整改佐证材料', (e) => {
    const o = l.units.flatMap((u) => u.orders).find((x) => x.id === e.target_id);
    return o ? `${o.unit_name} ${o.indicator} ${o.title}` : e.target_id;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function noticeWorkbook(n: RectificationNotice & { evidence?: EvidenceRecord[] }, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const ws = wb.addWorksheet('整改通知书');
  const head = ['序号', '指标', '整改要求', '发现的问题', '整改期限', '当前状态'];
  const w = [6, 16, 34, 34, 14, 10];
  title(ws, '整改通知书', head.length);
  const sources = n.sources.map((s) => `${periodZh(s.period)}“${s.rubric.title}”考核${s.inspected_on ? `（${s.inspected_on}${s.inspector ? `，${s.inspector}` : ''}）` : ''}`).join('、');
  const lines = [
    `${n.unit.name}（${LEVEL_ZH[n.unit.level]}，代码 ${n.unit.code}）：`,
    `　　根据${sources}，你单位以下 ${n.orders.length} 项未达到要求。请在整改期限内整改到位，并报送整改情况（可附照片或文件作为佐证）。整改期限按工作日计算，从检查次日起算，法定节假日和调休按国务院办公厅当年的通知执行。逾期未整改的，按规定给予黄牌、红牌警示。`,
  ];
  lines.forEach((text, i) => {
    ws.mergeCells(2 + i, 1, 2 + i, head.length);
    Object.assign(ws.getCell(2 + i, 1), { value: text, font: i === 0 ? BOLD : FONT, alignment: WRAP });
    ws.getRow(2 + i).height = linesNeeded(text, w.reduce((a, b) => a + b, 0)) * LINE_HEIGHT + 4;
  });
  header(ws, 4, head);
  n.orders.forEach((o, i) => {
    const r = ws.getRow(5 + i);
    const vals = [i + 1, `${o.indicator} ${o.title}`, o.requirement, findingText(o), deadlineText(o), o.status_label];
    r.values = vals;
    body(r, head.length);
    fitRow(r, vals.map((v, k) => [String(v), w[k]!] as const));
  });
  let row = 5 + n.orders.length + 1;
  ws.getCell(row, 1).value = `发出日期：${n.issued_on}`;
  ws.getCell(row, 1).font = FONT;
  ws.mergeCells(row, 1, row, 3);
  row += 2;
  // Signature lines: the inspector who found it and the unit's head who receives it.
  for (const [left, right] of [['检查人（签字）：', '被检查单位负责人（签字）：'], ['日期：', '日期：']] as const) {
    ws.mergeCells(row, 1, row, 3);
    ws.mergeCells(row, 4, row, head.length);
    Object.assign(ws.getCell(row, 1), { value: left, font: BOLD });
    Object.assign(ws.getCell(row, 4), { value: right, font: BOLD });
    ws.getRow(row).height = 30;
    row++;
  }
  stamp(ws, row + 1, opts, head.length);
  widths(ws, w);
  printSetup(ws, '4:4');
  ws.pageSetup.orientation = 'portrait';
  if (n.evidence?.length) evidenceSheet(wb, n.evidence, '整改佐证材料', (e) => n.orders.find((o) => o.id === e.target_id)?.title ?? e.target_id);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The open and overdue orders per unit, beside a ranking or circular. */
export function countsSheet(wb: ExcelJS.Workbook, c: RectificationCounts): void {
  const ws = wb.addWorksheet('整改情况', { views: [{ state: 'frozen', ySplit: 2 }] });
  const head = ['单位代码', '单位名称', '未销号整改事项', '其中逾期'];
  title(ws, `整改情况（截至 ${c.as_of}）：未销号 ${c.totals.open} 项，逾期 ${c.totals.overdue} 项`, head.length);
  header(ws, 2, head);
  c.units.forEach((u, i) => {
    const r = ws.getRow(3 + i);
    r.values = [u.unit.code, u.unit.name, u.open, u.overdue];
    r.getCell(1).numFmt = '@';
    body(r, head.length);
    if (u.overdue > 0) r.getCell(4).fill = RED;
  });
  widths(ws, [16, 28, 16, 12]);
  printSetup(ws, '2:2');
}

/** Evidence files with their hashes, so a printed copy names exactly which files it stands on. */
export function evidenceSheet(wb: ExcelJS.Workbook, files: readonly EvidenceRecord[], name = '佐证材料', about: (e: EvidenceRecord) => string = (e) => (e.indicator ? `指标 ${e.indicator}` : '')): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  const head = ['序号', '所证明的事项', '文件名', '类型', '大小（KB）', 'SHA-256', '拍摄位置', '上传人', '上传时间（UTC）'];
  const w = [6, 18, 20, 10, 11, 36, 16, 10, 18];
  title(ws, `${name}（共 ${files.length} 个，以 SHA-256 标识内容）`, head.length);
  header(ws, 2, head);
  ws.getRow(2).height = 2 * LINE_HEIGHT + 4;
  files.forEach((e, i) => {
    const r = ws.getRow(3 + i);
    const hash = e.sha256.replace(/^sha256:/, '');
    const vals = [i + 1, about(e), e.name, TYPE_ZH[e.media_type], Math.round((e.size / 1024) * 10) / 10, hash, e.location ? `${e.location.lat}, ${e.location.lon}` : '—', e.uploaded_by, e.uploaded_at.replace('T', ' ').slice(0, 19)];
    r.values = vals;
    body(r, head.length);
    r.getCell(5).numFmt = '0.0';
    r.getCell(6).font = { ...FONT, name: 'Courier New', size: 8 };
    fitRow(r, vals.map((v, k) => [String(v), k === 5 ? 46 : w[k]!] as const));
  });
  widths(ws, w);
  printSetup(ws, '2:2');
}
