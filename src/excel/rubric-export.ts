// A rubric back into the layout of a county's scoring table: one row per indicator, sections as merged rows with
// their 分值, the deduction in the words counties write (read back by the rubric-table import as the same rule), and
// empty 自评分 / 考核分 columns to fill in on paper. A4 landscape, headings repeated on every page.
import type { Worksheet } from 'exceljs';
import { ruleWording, scoringWords } from '../rubric/rule-wording.js';
import type { Rubric } from '../rubric/model.js';
import type { Indicator, Section } from '../schema/generated/rubric.js';
import { requirementText } from './fields.js';
import { DRAFT_NOTE, EXPORT_COLUMNS, indicatorKey, sectionKey, TABLE_META } from './rubric-columns.js';
import { fitColumns, heightFor, MAX_ROW_HEIGHT, pageSetup, textHeight } from './print.js';
import { BOLD, BORDER, CENTER, fill, FONT, header, INPUT_FILL, merge, newWorkbook, title, WRAP } from './style.js';
import { workbookBytes } from './pack.js';

export interface TableExportOptions {
  /** When the table was made; the caller supplies the clock. */
  generatedAt?: Date;
}

export const TABLE_SHEET = '考核细则';
const HEADER_ROW = 3;
const SECTION_FILL = [fill('FFE2EFDA'), fill('FFF2F2F2'), fill('FFFAFAFA')];
type Label = (typeof EXPORT_COLUMNS)[number]['label'];
const COL = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c.label, i + 1])) as Record<Label, number>;
const COL_WIDTH = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.label, c.width])) as Record<Label, number>;
const SPAN = EXPORT_COLUMNS.length - 1; // the visible columns; the key column is hidden
const PAGE_WIDTH = EXPORT_COLUMNS.slice(0, SPAN).reduce((s, c) => s + c.width, 0);

export async function exportRubricTable(rubric: Rubric, opts: TableExportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const ws = wb.addWorksheet(TABLE_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  const def = rubric.definition;
  const points = def.scoring.method === 'points';
  title(ws, rubric.title, SPAN);
  const about = [
    ...(points ? [scoringWords({ total: rubric.scoring.total, ...(def.scoring.bonus_cap !== undefined ? { bonusCap: def.scoring.bonus_cap } : {}), ...(def.scoring.max !== undefined ? { max: def.scoring.max } : {}), ...(def.scoring.floor === false ? { floor: false } : {}) })] : ['按指标达标情况计分（百分制）']),
    `版本 ${rubric.version}`,
    `依据：${rubric.issuer}`,
  ].join('；');
  merge(ws, 2, 1, 2, SPAN);
  Object.assign(ws.getCell(2, 1), { value: about, font: FONT, alignment: WRAP });
  ws.getRow(2).height = heightOf([[about, PAGE_WIDTH]]);
  header(ws, HEADER_ROW, EXPORT_COLUMNS.map((c) => c.label));

  let r = HEADER_ROW + 1;
  const byId = rubric.byId;
  const visit = (sections: readonly Section[], depth: number) => {
    for (const s of sections) {
      sectionRow(ws, r++, s, depth);
      if (s.sections) visit(s.sections, depth + 1);
      for (const ind of s.indicators ?? []) indicatorRow(ws, r++, ind, rubric, byId.get(ind.id)!);
    }
  };
  visit(def.sections, 0);
  if (points) {
    const row = ws.getRow(r);
    merge(ws, r, COL.考核内容, r, COL.考核标准);
    row.getCell(COL.考核内容).value = '合计';
    row.getCell(COL.分值).value = rubric.scoring.total;
    for (let c = 1; c <= SPAN; c++) Object.assign(row.getCell(c), { font: BOLD, border: BORDER, alignment: CENTER });
    r++;
  }
  const note = points
    ? '说明：分值为空的扣分项从所在部分的分值中扣除；扣分标准未写上限的，扣完本项（本部分）分值为止。自评分由被考核单位填写，考核分由考核组填写。'
    : '说明：本标准按指标是否达标计分，不设扣分标准；自评分由被考核单位填写，考核分由考核组填写。';
  merge(ws, r + 1, 1, r + 1, SPAN);
  Object.assign(ws.getCell(r + 1, 1), { value: note, font: FONT, alignment: WRAP });
  ws.getRow(r + 1).height = heightOf([[note, PAGE_WIDTH]]);
  EXPORT_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.getColumn(COL._key).hidden = true;
  forPrint(ws, r + 1);

  const meta = wb.addWorksheet(TABLE_META.sheet, { state: 'veryHidden' });
  const rows: Array<[string, string]> = [
    ['format', TABLE_META.format],
    ['format_version', TABLE_META.version],
    ['rubric_id', rubric.id],
    ['rubric_version', rubric.version],
    ['title', rubric.title],
    ['issuer', rubric.issuer],
    ['rubric_hash', rubric.hash],
  ];
  rows.forEach(([k, v], i) => (meta.getRow(i + 1).values = [k, v]));
  return workbookBytes(wb);
}

function sectionRow(ws: Worksheet, r: number, s: Section, depth: number): void {
  const row = ws.getRow(r);
  merge(ws, r, COL.考核内容, r, COL.考核标准);
  row.getCell(COL.序号).value = s.number ?? null;
  row.getCell(COL.考核内容).value = s.title;
  if (s.points !== undefined) row.getCell(COL.分值).value = s.points;
  row.getCell(COL._key).value = sectionKey(depth, s.id);
  for (let c = 1; c <= SPAN; c++) {
    const cell = row.getCell(c);
    cell.font = BOLD;
    cell.border = BORDER;
    cell.fill = SECTION_FILL[Math.min(depth, SECTION_FILL.length - 1)]!;
    cell.alignment = c === COL.考核内容 ? { ...WRAP, vertical: 'middle' } : CENTER;
  }
  row.height = heightOf([[s.title, COL_WIDTH.考核内容 + COL_WIDTH.考核标准]]);
}

function indicatorRow(ws: Worksheet, r: number, ind: Indicator, rubric: Rubric, norm: Rubric['indicators'][number]): void {
  const row = ws.getRow(r);
  const points = rubric.scoring.method === 'points';
  // A draft's rule is what a person must still write: left empty, so it reads back as a draft.
  const draft = ind.truncated || ind.note?.startsWith(DRAFT_NOTE);
  const wording = draft ? null : points ? (ruleWording(ind) ?? `要求：${requirementText(rubric, norm)}${ind.points !== undefined && !ind.deduct ? '；按达标程度计分' : ''}`) : `要求：${requirementText(rubric, norm)}`;
  const values: Record<string, string | number | null> = {
    序号: ind.id,
    考核内容: ind.title,
    考核标准: ind.text,
    分值: points && ind.points !== undefined ? ind.points : null,
    扣分标准: wording,
    考核办法: ind.guidance.inspect,
    评定依据: ind.guidance.evidence.join('\n'),
    _key: indicatorKey(ind),
  };
  const texts: Array<[string, number]> = [];
  EXPORT_COLUMNS.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    const v = values[c.label] ?? null;
    cell.value = v;
    cell.font = FONT;
    if (c.label === '_key') return;
    cell.border = BORDER;
    cell.alignment = c.label === '序号' || c.label === '分值' ? CENTER : WRAP;
    if (c.role === 'score') cell.fill = INPUT_FILL;
    if (typeof v === 'string') texts.push([v, c.width]);
  });
  row.height = heightOf(texts);
}

/** A row's height from the texts it wraps, each in its column's width (print.ts measures as the other workbooks do). */
function heightOf(texts: ReadonlyArray<[string, number]>): number {
  return Math.min(MAX_ROW_HEIGHT, Math.max(heightFor(1), ...texts.map(([t, w]) => textHeight(t, w))));
}

/** A4 landscape at the scale the columns need, the header repeated, the key column out of the print area, signature lines below. */
function forPrint(ws: Worksheet, lastRow: number): void {
  const { scale } = fitColumns(EXPORT_COLUMNS.slice(0, SPAN).map((c) => ({ min: c.width, max: c.width, want: c.width })), 'landscape');
  pageSetup(ws, { orientation: 'landscape', scale, titleRows: `${HEADER_ROW}:${HEADER_ROW}`, area: `A1:${String.fromCharCode(64 + SPAN)}${lastRow}` });
  ws.headerFooter = { oddFooter: '&L考核人（签字）：&C第 &P 页，共 &N 页&R被考核单位负责人（签字）：' };
}
