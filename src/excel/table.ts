// One table per sheet, laid out for A4 by print.ts: a title, notes under it, a header row repeated on every page,
// rows as tall as their wrapped text, page breaks that keep a heading with what follows, and a footer. Every
// workbook that prints a table (the unit report, rankings, circulars, the rectification ledger) goes through it.
import ExcelJS, { type CellValue, type Fill, type Worksheet } from 'exceljs';
import { chinaTime } from '../periods/calendar.js';
import { type Block, contentUnits, fitColumns, type Orientation, pageCapacity, pageSetup, paginate, textHeight } from './print.js';
import { BOLD, BORDER, CENTER_TOP, FONT, HEADER_FILL, header, type Look, merge, note, setLook, spanWidth, title, WRAP } from './style.js';

export interface Column {
  header: string;
  /** Width bounds in Excel units; numbers and codes get a minimum that shows them whole. */
  min: number;
  max: number;
  numFmt?: string;
  center?: boolean;
}

/** A heading across the table, or a row of values; fills are given by column number or by column heading. */
export type Row = { heading: string } | { values: CellValue[]; fills?: ReadonlyArray<readonly [number | string, Fill]>; numFmts?: ReadonlyArray<readonly [number, string]> };

export interface Table {
  title: string;
  /** Lines under the title: what the table is, its rule, what records it was made from. */
  notes: readonly string[];
  columns: readonly Column[];
  rows: readonly Row[];
  /** Lines after the table: when it was made, the chain head. */
  footer?: readonly string[];
  orientation: Orientation;
  /** Printed at the top of every page. */
  mark?: string;
}

/** A value as its cell shows it under its number format (decimals, sign, percent, unit), for measuring. */
export function shown(v: CellValue, fmt = ''): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  const f = fmt.split(';')[0]!;
  const percent = f.replace(/"[^"]*"/g, '').includes('%');
  const n = percent ? v * 100 : v;
  const decimals = /\.([0#]+)/.exec(f)?.[1]!.length ?? 0;
  const suffix = /"([^"]*)"/.exec(f)?.[1] ?? '';
  return `${f.startsWith('+') && n >= 0 ? '+' : ''}${n.toFixed(decimals)}${percent ? '%' : ''}${suffix}`;
}

const HEADING: Look = { font: BOLD, fill: HEADER_FILL, alignment: WRAP, border: BORDER };

export function tableSheet(wb: ExcelJS.Workbook, name: string, t: Table): Worksheet {
  const span = t.columns.length;
  const headRow = 2 + t.notes.length;
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headRow }] });
  // Each value's format and shown text, worked out once for both the widths and the heights.
  const shownRows = t.rows.map((r) =>
    'values' in r
      ? t.columns.map((c, i) => {
          const v = r.values[i] ?? null;
          const fmt = r.numFmts?.find(([n]) => n === i + 1)?.[1] ?? c.numFmt;
          return { v, fmt, text: shown(v, fmt) };
        })
      : null,
  );
  const { widths, scale } = fitColumns(
    t.columns.map((c, i) => ({ min: c.min, max: c.max, want: Math.max(contentUnits(c.header), ...shownRows.map((r) => (r ? contentUnits(r[i]!.text) : 0))) })),
    t.orientation,
  );
  const column = new Map(t.columns.map((c, i) => [c.header, i + 1]));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  title(ws, t.title, span);
  t.notes.forEach((line, i) => note(ws, 2 + i, line, span));
  header(ws, headRow, t.columns.map((c) => c.header));

  const bodyLooks = t.columns.map((c): Look => ({ font: FONT, border: BORDER, alignment: c.center ? CENTER_TOP : WRAP }));
  // A body cell's look by column, number format and fill: one object each, so its style is found by identity.
  const variants = bodyLooks.map(() => new Map<string, Map<Fill | undefined, Look>>());
  const bodyLook = (i: number, numFmt: string, fill: Fill | undefined): Look => {
    let byFill = variants[i]!.get(numFmt);
    if (!byFill) variants[i]!.set(numFmt, (byFill = new Map()));
    let look = byFill.get(fill);
    if (!look) byFill.set(fill, (look = { ...bodyLooks[i], ...(numFmt ? { numFmt } : {}), ...(fill ? { fill } : {}) }));
    return look;
  };
  const blocks: Block[] = [];
  let row = headRow + 1;
  for (const [k, r] of t.rows.entries()) {
    if ('heading' in r) {
      merge(ws, row, 1, row, span);
      ws.getCell(row, 1).value = r.heading;
      setLook(ws.getCell(row, 1), HEADING);
      ws.getRow(row).height = textHeight(r.heading, spanWidth(ws, 1, span));
      blocks.push({ first: row, last: row, keepWithNext: true });
      row++;
      continue;
    }
    const x = ws.getRow(row);
    let height = 0;
    const fills = new Map((r.fills ?? []).map(([n, f]) => [typeof n === 'number' ? n : column.get(n)!, f]));
    t.columns.forEach((c, i) => {
      const cell = x.getCell(i + 1);
      const { v, fmt, text } = shownRows[k]![i]!;
      cell.value = v;
      const fill = fills.get(i + 1);
      setLook(cell, bodyLook(i, fmt && (typeof v === 'number' || fmt === '@') ? fmt : '', fill));
      // A number never wraps: it shows on one line (or as ### when its column is too narrow, which fitting prevents).
      height = Math.max(height, typeof v === 'number' ? textHeight('', 1) : textHeight(text, widths[i]!));
    });
    // A fill named past the table's columns colours that cell alone, as it always has.
    for (const [n, fill] of fills) if (n > t.columns.length) setLook(x.getCell(n), { fill });
    x.height = height;
    blocks.push({ first: row, last: row });
    row++;
  }
  if (t.footer?.length) {
    row++;
    t.footer.forEach((line, i) => note(ws, row + i, line, span));
    // The footer (signature lines, provenance) goes over to a new page with the table's last row, never alone.
    const last = blocks.at(-1);
    if (last && last.last === row - 2) blocks.pop();
    blocks.push({ first: last && last.last === row - 2 ? last.first : row - 1, last: row + t.footer.length - 1 });
  }
  const heightOf = (r: number) => ws.getRow(r).height ?? 15;
  let top = 0;
  for (let r = 1; r < headRow; r++) top += heightOf(r);
  const { breaks } = paginate(blocks, heightOf, pageCapacity(t.orientation, scale, heightOf(headRow)), top);
  pageSetup(ws, { orientation: t.orientation, scale, titleRows: `${headRow}:${headRow}`, breaks, ...(t.mark ? { header: t.mark } : {}) });
  return ws;
}

/** When it was made and the log head then, so a printed copy can be checked against the log. */
export function provenance(opts: { generatedAt?: Date; chainHead?: string }): string[] {
  return [opts.generatedAt ? `生成时间：${chinaTime(opts.generatedAt)}` : null, opts.chainHead ? `记录链头：${opts.chainHead}` : null].filter((x): x is string => x !== null);
}

