// Laying a sheet out for A4: column widths that fit the page, row heights from the wrapped CJK text they hold,
// and page breaks that keep an indicator's rows (or a heading and what follows it) together.
//
// Neither exceljs nor any spreadsheet program sizes rows for wrapped text when it prints, and Excel, WPS and
// LibreOffice measure a column differently, so every number here is chosen to be safe in all of them:
// - A column `w` units wide is 7 px per unit in Excel and WPS (the workbook's default font, Calibri 11, at 96 dpi:
//   5.25 pt) and about 5.55 pt in LibreOffice (Carlito, Calibri's metric twin). Pages are fitted with the wider
//   measure, text is wrapped with the narrower one, so nothing spills off the page and nothing is cut off.
// - Text is measured with the widest glyphs involved: CJK at 1 em, and Latin in DejaVu Sans (what LibreOffice on
//   Linux draws for 宋体's Latin letters) rather than SimSun's half-width letters.
// - Lines are 1.45 em apart (Noto Sans CJK in LibreOffice; SimSun is tighter).
// Pages are then broken by us, at a fixed scale, rather than by "fit to page": Excel ignores manual page breaks on
// a sheet set to fit to pages, and a fitted sheet prints at whatever size its widest row dictates.
import type { Worksheet } from 'exceljs';

export type Orientation = 'portrait' | 'landscape';

/** Body text size in points; nothing prints below MIN_PRINT_SIZE, so the scale never goes below 90%. */
export const BODY_SIZE = 10;
export const MIN_PRINT_SIZE = 9;
const MIN_SCALE = Math.ceil((MIN_PRINT_SIZE / BODY_SIZE) * 100);

/** Points per column width unit: the widest program (LibreOffice) for fitting, the narrowest (Excel) for wrapping. */
const WIDE_PT_PER_UNIT = 5.6;
const NARROW_PT_PER_UNIT = 5.25;
/** Text margins inside a cell, left and right together. */
const CELL_PADDING_PT = 4;
/** Line spacing as a multiple of the font size, and the space above and below a cell's text. */
const LINE_SPACING = 1.45;
const ROW_PADDING_PT = 3;
/** Excel's tallest row. */
export const MAX_ROW_HEIGHT = 409;

const INCH = 72;
const A4 = { short: 595.28, long: 841.89 };
const MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

/** The printable area of an A4 page, in points at 100%. */
function printable(o: Orientation): { width: number; height: number } {
  const [w, h] = o === 'landscape' ? [A4.long, A4.short] : [A4.short, A4.long];
  return { width: w - (MARGINS.left + MARGINS.right) * INCH, height: h - (MARGINS.top + MARGINS.bottom) * INCH };
}

/** Width units one column may take on the page at 100% (the wide measure). */
export const pageUnits = (o: Orientation): number => Math.floor(printable(o).width / WIDE_PT_PER_UNIT);

// --- measuring text ---------------------------------------------------------------------------------------------

/** Width of one character in em: CJK, full-width forms and other symbols a CJK font draws take a whole em. */
function em(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x80) return 1;
  if (ch === ' ') return 0.32;
  if (/[0-9]/.test(ch)) return 0.64;
  if (/[mwMW%@]/.test(ch)) return 1;
  if (/[A-Z]/.test(ch)) return 0.76;
  if (/[il.,:;|!'`]/.test(ch)) return 0.34;
  return 0.62;
}

/** em() of every ASCII character, looked up rather than worked out: every cell's text is measured. */
const ASCII_EM = Float64Array.from({ length: 0x80 }, (_, c) => em(String.fromCharCode(c)));

/** Points a text takes on one line; a character outside ASCII (a surrogate pair counted once) takes a whole em. */
function textPoints(s: string, size = BODY_SIZE): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Summed character by character, in order, so that widths compared against a line come out to the last bit as
    // they always have; the low half of a surrogate pair belongs to the character before it.
    if (c < 0x80) w += ASCII_EM[c]! * size;
    else if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) w += size;
  }
  return w;
}

/** Characters that may not start a line, and those that may not end one (the kinsoku rules LibreOffice applies). */
// By UTF-16 code (each is one unit): looked up without making a one-character string per character measured.
const codes = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
const NO_START = codes('，。、；：！？）》」』”’】〕…—,.;:!?)]}%');
const NO_END = codes('（《「『“‘【〔([{');

/** What a word is made of: Latin letters, digits and the marks that join them (/[A-Za-z0-9_.\-/:+%²³]/). */
const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x3a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d || c === 0x2f || c === 0x2b || c === 0x25 || c === 0xb2 || c === 0xb3;

/** JavaScript's \s: a space of any kind, or a line break. */
const isSpace = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Points of one character (a code point starting at index i): textPoints of it alone. */
const charPoints = (c: number, size: number): number => (c < 0x80 ? ASCII_EM[c]! * size : size);

/**
 * Calls `put` with each unit a line cannot be broken inside, as the range [from, to) of the paragraph and its points
 * (textPoints of that text): a run of Latin letters and digits (a word), or one other character, with any closing
 * punctuation glued to what precedes it and opening punctuation to what follows. Scanned in place: measuring every
 * cell of a sheet would otherwise cut each paragraph into strings.
 */
function eachToken(p: string, size: number, put: (from: number, to: number, points: number) => void): void {
  let from = -1;
  let to = 0;
  let points = 0;
  for (let i = 0; i < p.length; ) {
    const c = p.charCodeAt(i);
    let end = i + 1;
    if (isWordChar(c)) while (end < p.length && isWordChar(p.charCodeAt(end))) end++;
    else if (isHigh(c) && end < p.length && isLow(p.charCodeAt(end))) end++;
    // Both sets hold characters of one UTF-16 unit: half of a surrogate pair is in neither, as its whole is not.
    const glued = from >= 0 && (NO_START.has(c) || NO_END.has(p.charCodeAt(to - 1)));
    if (!glued) {
      if (from >= 0) put(from, to, points);
      from = i;
      points = 0;
    }
    // Added character by character, in order, exactly as textPoints adds up the token's text.
    for (let k = i; k < end; k++) {
      const x = p.charCodeAt(k);
      if (!(isLow(x) && k > i && isHigh(p.charCodeAt(k - 1)))) points += charPoints(x, size);
    }
    to = end;
    i = end;
  }
  if (from >= 0) put(from, to, points);
}

/** Lines a text needs when wrapped in a column (or merged columns) `units` wide. */
export function lineCount(text: string, units: number, size = BODY_SIZE): number {
  const width = Math.max(size, units * NARROW_PT_PER_UNIT - CELL_PADDING_PT);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    // Most cells hold a line that fits: no need to break it up. (The margin keeps the sum of its tokens, added in
    // another order, on the same side of the width.)
    if (textPoints(paragraph, size) <= width - 1e-6) continue;
    let used = 0;
    eachToken(paragraph, size, (from, to, w) => {
      if (used + w <= width) {
        used += w;
        return;
      }
      if (to - from === 1 && isSpace(paragraph.charCodeAt(from))) return; // a space at the end of a line takes no room
      if (w <= width) {
        lines++;
        used = w;
        return;
      }
      // Longer than a whole line: it starts on a line of its own (as Excel and Calc set it), then breaks character by
      // character.
      if (used > 0) {
        lines++;
        used = 0;
      }
      for (let k = from; k < to; k++) {
        const c = paragraph.charCodeAt(k);
        if (isHigh(c) && k + 1 < to && isLow(paragraph.charCodeAt(k + 1))) k++;
        const cw = charPoints(c, size);
        if (used + cw > width) {
          lines++;
          used = 0;
        }
        used += cw;
      }
    });
  }
  return lines;
}

/** Row height in points for `lines` lines of text. */
export const heightFor = (lines: number, size = BODY_SIZE): number => Math.ceil((lines * LINE_SPACING * size + ROW_PADDING_PT) * 2) / 2;

/** Height a text needs in a column `units` wide. */
export const textHeight = (text: string, units: number, size = BODY_SIZE): number => heightFor(lineCount(text, units, size), size);

/** Width units the longest line of a text needs to show unwrapped. */
export function contentUnits(text: string, size = BODY_SIZE): number {
  const longest = Math.max(0, ...text.split('\n').map((line) => textPoints(line, size)));
  return Math.ceil((longest + CELL_PADDING_PT) / NARROW_PT_PER_UNIT);
}

// --- fitting columns --------------------------------------------------------------------------------------------

export interface ColumnFit {
  /** The narrowest the column may be (its numbers, codes or short labels must show unbroken). */
  min: number;
  /** The widest it is worth making it. */
  max: number;
  /** What its content asks for (contentUnits of its longest text); clamped to [min, max]. */
  want: number;
}

/**
 * Widths for the page: each column as wide as its content wants within its bounds; if the row is wider than the
 * page, the wrapping columns give up width in proportion to what they have above their minimum; if it is still too
 * wide, the sheet prints smaller, never below 90% (9 pt). A layout that cannot fit even so is a programming error.
 */
export function fitColumns(columns: readonly ColumnFit[], o: Orientation): { widths: number[]; scale: number } {
  const widths = columns.map((c) => Math.min(c.max, Math.max(c.min, c.want)));
  const budget = pageUnits(o);
  const total = () => widths.reduce((s, w) => s + w, 0);
  const slack = widths.reduce((s, w, i) => s + (w - columns[i]!.min), 0);
  const excess = total() - budget;
  if (excess > 0 && slack > 0) {
    const share = Math.min(1, excess / slack);
    widths.forEach((w, i) => (widths[i] = Math.max(columns[i]!.min, Math.floor((w - (w - columns[i]!.min) * share) * 2) / 2)));
  }
  const scale = Math.min(100, Math.floor((budget / total()) * 100));
  if (scale < MIN_SCALE) throw new Error(`layout of ${total()} units cannot fit an A4 ${o} page of ${budget} units at ${MIN_SCALE}%`);
  return { widths, scale };
}

// --- breaking pages ---------------------------------------------------------------------------------------------

export interface Block {
  /** First and last sheet row of the block. */
  first: number;
  last: number;
  /** A heading: it goes on the page of the block after it. */
  keepWithNext?: boolean;
}

export interface Pagination {
  /** Rows after which a page ends. */
  breaks: number[];
  /** Blocks taller than a page, and the rows after which each was broken. */
  split: Map<Block, number[]>;
}

/**
 * Page breaks so that no block is broken unless it is taller than a whole page. `capacity` is the height a page
 * holds below its repeated title rows; `used` is what the first page already holds above the first block.
 */
export function paginate(blocks: readonly Block[], height: (row: number) => number, capacity: number, used = 0): Pagination {
  const breaks: number[] = [];
  const split = new Map<Block, number[]>();
  const size = (b: Block) => {
    let h = 0;
    for (let r = b.first; r <= b.last; r++) h += height(r);
    return h;
  };
  let page = used;
  blocks.forEach((b, i) => {
    // A heading is placed only where the block after it fits too.
    const together = size(b) + (b.keepWithNext && blocks[i + 1] ? Math.min(size(blocks[i + 1]!), capacity - size(b)) : 0);
    if (page > 0 && page + together > capacity) {
      breaks.push(b.first - 1);
      page = 0;
    }
    if (page + size(b) <= capacity) {
      page += size(b);
      return;
    }
    // Taller than a page: broken between rows, as late as each page allows.
    const at: number[] = [];
    for (let r = b.first; r <= b.last; r++) {
      if (page > 0 && page + height(r) > capacity) {
        breaks.push(r - 1);
        at.push(r - 1);
        page = 0;
      }
      page += height(r);
    }
    split.set(b, at);
  });
  return { breaks, split };
}

/** The height a page holds at `scale`, less the title rows repeated on it, with a little room for rounding. */
export function pageCapacity(o: Orientation, scale: number, repeated = 0): number {
  return Math.floor((printable(o).height * 100) / scale * 0.98 - repeated);
}

// --- page setup -------------------------------------------------------------------------------------------------

export interface PageOptions {
  orientation: Orientation;
  scale: number;
  /** Rows repeated at the top of every page, e.g. '5:5'. */
  titleRows?: string;
  /** What prints, when not the whole used range, e.g. 'A1:H3'. */
  area?: string;
  /** Printed at the top of every page (a draft mark). */
  header?: string;
  breaks?: readonly number[];
}

export function pageSetup(ws: Worksheet, p: PageOptions): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: p.orientation,
    fitToPage: false,
    scale: p.scale,
    horizontalCentered: true,
    margins: { ...MARGINS },
    ...(p.titleRows ? { printTitlesRow: p.titleRows } : {}),
    ...(p.area ? { printArea: p.area } : {}),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页', ...(p.header ? { oddHeader: `&C&"黑体,Bold"&12${p.header}` } : {}) };
  // Pushed directly: Row.addPageBreak writes max="16838", past the last column (16384).
  const breaks = (ws as unknown as { rowBreaks: Array<{ id: number; max: number; man: number }> }).rowBreaks;
  for (const r of p.breaks ?? []) breaks.push({ id: r, max: 16383, man: 1 });
}
