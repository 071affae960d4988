// 序号 as county tables write them — 一、 (一) 1. 1、 (1) ① 1.1 第一部分 — read into a style (which says how deep it
// nests, by the order styles first appear, as Chinese documents nest them) and an ordinal for ids.
import { fold, toNumber } from '../rubric/rule-wording.js';

export type NumberStyle = 'part' | 'cn' | 'cn-paren' | 'arabic' | 'arabic-paren' | 'circled' | `dotted-${number}` | 'plain';

export interface Numbering {
  style: NumberStyle;
  /** The number as an id part: 一 → 1, (二) → 2, ③ → 3, 1.2 → 1.2. */
  ordinal: string;
  /** The number as written, e.g. 一、 or （一）. */
  written: string;
  /** What follows the number in the same text. */
  rest: string;
}

const CN = '[一二三四五六七八九十]+';
const PATTERNS: ReadonlyArray<[NumberStyle | 'dotted', RegExp]> = [
  ['part', new RegExp(`^第(${CN})(?:部分|章|篇|节)\\s*`)],
  ['cn-paren', new RegExp(`^[(（]\\s*(${CN})\\s*[)）]\\s*[、.．]?\\s*`)],
  ['cn', new RegExp(`^(${CN})\\s*(?:[、.．,，:：]\\s*|$)`)],
  ['dotted', /^(\d+(?:\.\d+)+)\s*(?:[、.．]\s*|\s+|$|(?=[^\d.]))/],
  ['arabic-paren', /^[(（]\s*(\d+)\s*[)）]\s*[、.．]?\s*/],
  ['arabic', /^(\d+)\s*(?:[、．,，]\s*|\.(?!\d)\s*|\s+|$)/],
  ['circled', /^([①-⑳])\s*/],
];

/** The numbering at the start of a text, if any. A bare number (序号 column: 3) reads as arabic. */
export function readNumbering(text: string): Numbering | undefined {
  const f = fold(text.trim());
  for (const [style, re] of PATTERNS) {
    const m = re.exec(f);
    if (!m) continue;
    const raw = m[1]!;
    const ordinal = style === 'circled' ? String(raw.charCodeAt(0) - 0x2460 + 1) : /^[\d.]+$/.test(raw) ? raw : String(toNumber(raw) ?? '');
    if (ordinal === '') continue;
    const kind: NumberStyle = style === 'dotted' ? `dotted-${raw.split('.').length}` : style;
    return { style: kind, ordinal, written: text.trim().slice(0, m[0].length).trim(), rest: text.trim().slice(m[0].length).trim() };
  }
  return undefined;
}

/** Nesting by first appearance: the first style met is the outermost; a style met again closes what was opened under it. */
export class StyleStack {
  private readonly stack: NumberStyle[] = [];

  /** The depth (0 outermost) of a heading in this style, closing deeper ones. */
  enter(style: NumberStyle): number {
    const at = this.stack.indexOf(style);
    if (at >= 0) this.stack.length = at;
    this.stack.push(style);
    return this.stack.length - 1;
  }
}
