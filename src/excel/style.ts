// Shared look of every workbook we write: explicit Chinese fonts, house colours, titles and heading rows whose
// heights come from the text they hold (print.ts measures it).
import type { Status } from '../schema/generated/assessment.js';
import ExcelJS, { type Alignment, type Borders, type Fill, type Font, type Worksheet } from 'exceljs';
import { BODY_SIZE, textHeight } from './print.js';

export const FONT: Partial<Font> = { name: '宋体', size: BODY_SIZE };
export const BOLD: Partial<Font> = { ...FONT, bold: true };
export const TITLE_SIZE = 14;
export const TITLE: Partial<Font> = { name: '黑体', size: TITLE_SIZE, bold: true };
export const WRAP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
export const CENTER: Partial<Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

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
  ws.mergeCells(row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = TITLE;
  c.alignment = CENTER;
  ws.getRow(row).height = Math.max(28, textHeight(text, spanWidth(ws, 1, span), TITLE_SIZE));
}

/** A line of explanation across the sheet (a rule, what the records are), wrapped to the page. */
export function note(ws: Worksheet, row: number, text: string, span: number, font: Partial<Font> = FONT): void {
  ws.mergeCells(row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = font;
  c.alignment = WRAP;
  ws.getRow(row).height = textHeight(text, spanWidth(ws, 1, span), font.size ?? BODY_SIZE);
}

/** A row of column headings in the house style, as tall as its longest heading. */
export function header(ws: Worksheet, row: number, labels: readonly string[]): void {
  const r = ws.getRow(row);
  r.values = [...labels];
  let height = 0;
  labels.forEach((label, i) => {
    const c = r.getCell(i + 1);
    c.font = BOLD;
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = CENTER;
    height = Math.max(height, textHeight(label, ws.getColumn(i + 1).width ?? 8.43));
  });
  r.height = height;
}
