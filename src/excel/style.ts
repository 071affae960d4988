// Shared look of every workbook we write: explicit Chinese fonts, CJK-aware widths, A4 landscape printing.
import type { Status } from '../schema/generated/assessment.js';
import ExcelJS, { type Alignment, type Borders, type CellValue, type Fill, type Font, type Worksheet } from 'exceljs';
import { displayWidth } from '../format/width.js';

export const FONT: Partial<Font> = { name: '宋体', size: 10 };
export const BOLD: Partial<Font> = { ...FONT, bold: true };
export const TITLE: Partial<Font> = { name: '黑体', size: 14, bold: true };
export const WRAP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
export const CENTER: Partial<Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const fill = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
export const HEADER_FILL = fill('FFDDEBF7');
export const INPUT_FILL = fill('FFFFF9E5');
export const STATUS_FILL: Readonly<Record<Status, Fill>> = {
  met: fill('FFC6EFCE'),
  unmet: fill('FFFFC7CE'),
  not_applicable: fill('FFEDEDED'),
  not_assessed: fill('FFFFEB9C'),
};

/** Column width in Excel units from the longest line of its cells: a CJK character counts as two. */
export function fitWidth(values: readonly string[], min: number, max: number): number {
  const longest = Math.max(0, ...values.flatMap((v) => v.split('\n').map(displayWidth)));
  return Math.min(max, Math.max(min, longest + 2));
}

export function printSetup(ws: Worksheet, titleRows: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: titleRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

/** Excel caps validation titles at 32 and messages at 255 characters. */
export const cap = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Wrapped lines a text needs in a column of `width` units. */
export function linesNeeded(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

export const LINE_HEIGHT = 13.5;

/** Label/value rows from `start`: a bold label in column A and the value beside it, optionally merged across. */
export function labelledRows(ws: Worksheet, start: number, rows: ReadonlyArray<readonly [string, CellValue, string?]>, opts: { mergeTo?: number; boxed?: boolean } = {}): void {
  rows.forEach(([label, value, numFmt], i) => {
    const r = ws.getRow(start + i);
    r.getCell(1).value = label;
    r.getCell(1).font = BOLD;
    r.getCell(2).value = value;
    r.getCell(2).font = FONT;
    r.getCell(2).alignment = WRAP;
    if (numFmt) r.getCell(2).numFmt = numFmt;
    if (opts.mergeTo) ws.mergeCells(start + i, 2, start + i, opts.mergeTo);
    if (opts.boxed) {
      r.getCell(1).fill = HEADER_FILL;
      for (let c = 1; c <= (opts.mergeTo ?? 2); c++) r.getCell(c).border = BORDER;
    }
  });
}

/** A workbook whose timestamps are given (or fixed), so its bytes are a pure function of the inputs. */
export function newWorkbook(created: Date = new Date(Date.UTC(2000, 0, 1))): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bianmin-audit';
  wb.created = created;
  wb.modified = created;
  return wb;
}

/** A title across the first row. */
export function title(ws: Worksheet, text: string, span: number): void {
  ws.mergeCells(1, 1, 1, span);
  const c = ws.getCell(1, 1);
  c.value = text;
  c.font = TITLE;
  c.alignment = CENTER;
  ws.getRow(1).height = 28;
}

/** A row of column headings in the house style. */
export function header(ws: Worksheet, row: number, labels: readonly string[]): void {
  const r = ws.getRow(row);
  r.values = [...labels];
  r.eachCell((c) => {
    c.font = BOLD;
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = CENTER;
  });
}
