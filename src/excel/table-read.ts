// A county's scoring table as a grid of located texts: the header found by its words (in any column order, over one
// or two rows, merged or not), each cell's text exactly as typed, and where merged cells span.
import type { Cell, Worksheet } from 'exceljs';
import { cleanText, rawValue } from './cells.js';
import { type Role, roleOf } from './rubric-columns.js';

export interface Span {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One cell's text as typed, where it is, and the merge it belongs to (its own one-cell span when not merged). */
export interface CellText {
  text: string;
  address: string;
  /** The top-left cell of the merge (its own address when not merged). */
  master: string;
  span: Span;
}

export interface Column {
  col: number;
  role: Role;
  heading: string;
}

export interface TableHeader {
  sheet: string;
  /** Header rows, 1-based; data starts after the last. */
  rows: number[];
  columns: Column[];
}

export interface GridRow {
  row: number;
  /** Cells of the mapped columns, by column, that hold text (merged cells included, with their master). */
  cells: Map<number, CellText>;
  /** Every non-empty cell of the row that is its own master, mapped or not, for the transcription. */
  own: CellText[];
}

/** Roles that describe a scoring table; a header needs a text column and a points or rule column. */
const TEXT_ROLES: ReadonlySet<Role> = new Set(['item', 'content', 'standard']);
const SCORING_ROLES: ReadonlySet<Role> = new Set(['points', 'rule', 'standard']);
/** How far down a header may start (title rows, issuing notes above it). */
const HEADER_SEARCH_ROWS = 30;

export function mergeSpans(ws: Worksheet): Map<string, Span> {
  const merges = (ws as unknown as { _merges: Record<string, Span> })._merges ?? {};
  return new Map(Object.entries(merges).map(([address, r]) => [address, { top: r.top, left: r.left, bottom: r.bottom, right: r.right }]));
}

/** A cell's text as typed: outer spaces and a leading apostrophe go, line breaks stay; numbers as written in the cell. */
export function cellText(cell: Cell): string {
  const { value } = rawValue(cell);
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value).replace(/\r\n?/g, '\n');
  return text
    .split('\n')
    .map((l) => cleanText(l))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

export function located(ws: Worksheet, row: number, col: number, spans: ReadonlyMap<string, Span>): CellText | undefined {
  const cell = ws.getCell(row, col);
  const master = cell.isMerged ? cell.master.address : cell.address;
  const text = cellText(cell.isMerged ? cell.master : cell);
  if (text === '') return undefined;
  const span = spans.get(master) ?? { top: row, left: col, bottom: row, right: col };
  return { text, address: cell.address, master, span };
}

/** The header of the first sheet (or the named one) that has one: the row whose headings name the most roles. */
export function findHeader(ws: Worksheet): TableHeader | undefined {
  const spans = mergeSpans(ws);
  let best: { row: number; columns: Column[]; score: number } | undefined;
  const last = Math.min(ws.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const columns = headingsOf(ws, r, spans);
    const roles = new Set(columns.map((c) => c.role));
    if (![...roles].some((x) => TEXT_ROLES.has(x)) || ![...roles].some((x) => SCORING_ROLES.has(x)) || roles.size < 2) continue;
    const score = roles.size;
    if (!best || score > best.score) best = { row: r, columns, score };
  }
  if (!best) return undefined;
  // A second header row: group headings above (得分 over 自评分 | 考核分), or headings merged down from the first row.
  const next = best.row + 1;
  const nextOwn = gridRow(ws, next, [], spans).own;
  const rows = [best.row];
  let columns = best.columns;
  if (next <= ws.rowCount && nextOwn.length > 0 && nextOwn.every((c) => roleOf(c.text.replace(/\n/g, '')) !== undefined)) {
    const below = headingsOf(ws, next, spans).filter((c) => nextOwn.some((o) => o.span.left === c.col));
    rows.push(next);
    columns = [...best.columns.filter((b) => !below.some((c) => c.col === b.col)), ...below].sort((a, b) => a.col - b.col);
  }
  return { sheet: ws.name, rows, columns };
}

/** The headings a row's own cells name; a heading merged across columns (得分 over two) belongs to its first. */
function headingsOf(ws: Worksheet, r: number, spans: ReadonlyMap<string, Span>): Column[] {
  return gridRow(ws, r, [], spans).own.flatMap((cell) => {
    const heading = cell.text.replace(/\n/g, '');
    const role = cell.text.split('\n').length > 2 ? undefined : roleOf(heading);
    return role ? [{ col: cell.span.left, role, heading }] : [];
  });
}

/** Rows first…last (1-based, inclusive), each with its mapped cells and every cell that is its own master. */
export function readRows(ws: Worksheet, header: TableHeader, first: number, last: number): GridRow[] {
  const spans = mergeSpans(ws);
  const out: GridRow[] = [];
  for (let r = first; r <= last; r++) out.push(gridRow(ws, r, header.columns, spans));
  return out;
}

/** Linear in the cells the row holds: a row formatted out to the last column costs no more than its values. */
function gridRow(ws: Worksheet, r: number, columns: readonly Column[], spans: ReadonlyMap<string, Span>): GridRow {
  const cells = new Map<number, CellText>();
  for (const { col } of columns) {
    const cell = located(ws, r, col, spans);
    if (cell) cells.set(col, cell);
  }
  const own: CellText[] = [];
  ws.getRow(r).eachCell((c, col) => {
    if (c.isMerged && c.master.address !== c.address) return;
    const cell = located(ws, r, col, spans);
    if (cell) own.push(cell);
  });
  return { row: r, cells, own };
}
