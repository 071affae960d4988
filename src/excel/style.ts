// Shared look of every workbook we write: explicit Chinese fonts, house colours, titles and heading rows whose
// heights come from the text they hold (print.ts measures it).
import type { Status } from '../schema/generated/assessment.js';
import ExcelJS, { type Alignment, type Borders, type Cell, type Fill, type Font, type Protection, type Style, type Worksheet } from 'exceljs';
import { BODY_SIZE, textHeight } from './print.js';

export const FONT: Partial<Font> = { name: '宋体', size: BODY_SIZE };
export const BOLD: Partial<Font> = { ...FONT, bold: true };
export const TITLE_SIZE = 14;
export const TITLE: Partial<Font> = { name: '黑体', size: TITLE_SIZE, bold: true };
export const WRAP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
export const CENTER: Partial<Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };
/** Centred across, and at the top like the rest of its row. */
export const CENTER_TOP: Partial<Alignment> = { ...WRAP, horizontal: 'center' };
/** A label set against what it labels, and the foot of a line to sign on. */
export const RIGHT_BOTTOM: Partial<Alignment> = { vertical: 'bottom', horizontal: 'right' };
export const BOTTOM: Partial<Alignment> = { vertical: 'bottom' };
/** A cell to fill in on a protected sheet. */
export const UNLOCKED: Partial<Protection> = { locked: false };

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
/** The line to sign on. */
export const SIGN_LINE: Partial<Borders> = { bottom: { style: 'thin' } };

export const fill = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
export const HEADER_FILL = fill('FFDDEBF7');
export const INPUT_FILL = fill('FFFFF9E5');
export const MUTED_FILL = fill('FFEDEDED');
export const STATUS_FILL: Readonly<Record<Status, Fill>> = {
  met: fill('FFC6EFCE'),
  unmet: fill('FFFFC7CE'),
  not_applicable: MUTED_FILL,
  not_assessed: fill('FFFFEB9C'),
};

// --- shared styles ----------------------------------------------------------------------------------------------

/** Everything a cell's look is made of; each part one of the shared constants above. Never changed once used. */
export interface Look {
  font?: Partial<Font>;
  fill?: Fill;
  border?: Partial<Borders>;
  alignment?: Partial<Alignment>;
  numFmt?: string;
  protection?: Partial<Protection>;
}

/**
 * exceljs writes each distinct style object once (it remembers them by identity) but works out the XML of every
 * other cell's style anew: setting cell.font, cell.border… gives each cell an object of its own, and writing a sheet
 * then spends more time on styles than on values. So every cell that looks alike gets the same frozen object, one
 * per look in each workbook. Frozen, so that a later cell.font = … on one cell fails instead of restyling all.
 */
const looks = new WeakMap<ExcelJS.Workbook, Map<string, Readonly<Partial<Style>>>>();
/** The same, by the Look object itself: a caller that gives many cells one Look finds its style without a key. */
const byLook = new WeakMap<ExcelJS.Workbook, WeakMap<Look, Readonly<Partial<Style>>>>();
const partIds = new WeakMap<object, number>();
let nextPart = 1;
const partId = (x: object | undefined): number => {
  if (x === undefined) return 0;
  let id = partIds.get(x);
  if (id === undefined) partIds.set(x, (id = nextPart++));
  return id;
};

/** The workbook's one style object for a look. */
export function sharedStyle(wb: ExcelJS.Workbook, l: Look): Readonly<Partial<Style>> {
  let known = byLook.get(wb);
  if (!known) byLook.set(wb, (known = new WeakMap()));
  const found = known.get(l);
  if (found) return found;
  let made = looks.get(wb);
  if (!made) looks.set(wb, (made = new Map()));
  // The number format last: it is the only free text in the key.
  const key = `${partId(l.font)},${partId(l.fill)},${partId(l.border)},${partId(l.alignment)},${partId(l.protection)},${l.numFmt ?? ''}`;
  let style = made.get(key);
  if (!style) {
    const s: Partial<Style> = {};
    if (l.numFmt !== undefined) s.numFmt = l.numFmt;
    if (l.font) s.font = l.font;
    if (l.alignment) s.alignment = l.alignment;
    if (l.border) s.border = l.border;
    if (l.fill) s.fill = l.fill;
    if (l.protection) s.protection = l.protection;
    made.set(key, (style = Object.freeze(s)));
  }
  known.set(l, style);
  return style;
}

/** ws.getCell(row, col) without exceljs's detour through an "A1" address it makes and then parses back. */
export const cellAt = (ws: Worksheet, row: number, col: number): Cell => ws.getRow(row).getCell(col);

/**
 * Gives a cell its look (replacing any it had). The other cells of a merged area share the top-left cell's style,
 * as exceljs made them share its object when merging, so a look given to a merged area after merging reaches them too.
 */
export function setLook(cell: Cell, l: Look): void {
  const ws = cell.worksheet;
  const style = sharedStyle(ws.workbook, l) as Style;
  cell.style = style;
  if (!cell.isMerged) return;
  const area = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number } | undefined> })._merges[cell.address];
  if (!area) return;
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) cellAt(ws, r, c).style = style;
}

/**
 * ws.mergeCells(top, left, bottom, right), with overlap found by looking at the area's own cells: exceljs compares a
 * new area with every merge already made, which a template of a few hundred merges pays for quadratically (a fifth
 * of its time). Overlap is refused as exceljs refuses it.
 */
export function merge(ws: Worksheet, top: number, left: number, bottom: number, right: number): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (cellAt(ws, r, c).isMerged) throw new Error('Cannot merge already merged cells');
  const sheet = ws as unknown as { _merges: Record<string, unknown> };
  const merges = sheet._merges;
  sheet._merges = {};
  try {
    ws.mergeCells(top, left, bottom, right);
  } finally {
    // The new area goes last, where exceljs would have put it: merges are written in this order.
    sheet._merges = Object.assign(merges, sheet._merges);
  }
}

/** Excel caps validation titles at 32 and messages at 255 characters. */
export const cap = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** A workbook whose timestamps are given (or fixed), so its bytes are a pure function of the inputs. */
export function newWorkbook(created: Date = new Date(Date.UTC(2000, 0, 1))): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bianmin-audit';
  wb.created = created;
  wb.modified = created;
  return wb;
}

/** Sum of the widths of columns `from`..`to` (1-based, inclusive). */
export function spanWidth(ws: Worksheet, from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? 8.43;
  return w;
}

/** A title across a row, wrapped and as tall as it needs to be. */
export function title(ws: Worksheet, text: string, span: number, row = 1): void {
  merge(ws, row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = text;
  setLook(c, { font: TITLE, alignment: CENTER });
  ws.getRow(row).height = Math.max(28, textHeight(text, spanWidth(ws, 1, span), TITLE_SIZE));
}

/** A line of explanation across the sheet (a rule, what the records are), wrapped to the page. */
export function note(ws: Worksheet, row: number, text: string, span: number, font: Partial<Font> = FONT): void {
  merge(ws, row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = text;
  setLook(c, { font, alignment: WRAP });
  ws.getRow(row).height = textHeight(text, spanWidth(ws, 1, span), font.size ?? BODY_SIZE);
}

/** A row of column headings in the house style, as tall as its longest heading. */
export function header(ws: Worksheet, row: number, labels: readonly string[]): void {
  const r = ws.getRow(row);
  r.values = [...labels];
  let height = 0;
  labels.forEach((label, i) => {
    setLook(r.getCell(i + 1), { font: BOLD, fill: HEADER_FILL, border: BORDER, alignment: CENTER });
    height = Math.max(height, textHeight(label, ws.getColumn(i + 1).width ?? 8.43));
  });
  r.height = height;
}
