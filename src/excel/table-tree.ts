// The rows of a county's scoring table as a tree: headings from 序号 (一、 › (一) › 1.) or from a text across the
// table, parts from outer label columns (一级指标 › 二级指标), groups of rows under a 考核项目 merged down or left blank
// below its first row, and the rows themselves. 分值 belong to the node whose rows they span; 合计, 小计, notes and
// the scoring words (满分100分, 加分合计最多加5分) are read on the way.
import type { Problem } from '../errors.js';
import { readRules, readScoringWords, type ScoringWords } from '../rubric/rule-wording.js';
import { type Numbering, readNumbering, StyleStack } from './numbering.js';
import { parseKey, type Role } from './rubric-columns.js';
import type { CellText, GridRow, TableHeader } from './table-read.js';

/** A 分值 cell and its number; no number when the cell could not be read (a problem says so, at the cell). */
export interface Points {
  cell: CellText;
  value?: number;
}

/** One row of the table that is not a heading: its cells by what they mean. */
export interface Leaf {
  row: number;
  number?: CellText;
  numbering?: Numbering;
  /** The innermost label (考核项目), or 考核内容 where a 考核标准 column holds the requirement. */
  label?: CellText;
  /** The requirement's words: 考核内容 and 考核标准 cells. */
  texts: CellText[];
  points?: Points;
  rules: CellText[];
  method: CellText[];
  evidence: CellText[];
  office: CellText[];
  remark: CellText[];
  key?: string;
}

export interface SectionNode {
  kind: 'section';
  title: string;
  /** 序号 as written, without its trailing 、 */
  number?: string;
  /** The number as an id part (一 → 1); the position among its siblings where it has none. */
  ordinal?: string;
  points?: number;
  /** Where the title was read, and the points. */
  cell?: CellText;
  pointsCell?: CellText;
  /** A section id the table's hidden key gives. */
  id?: string;
  /** Rows the label of an outer label column spans, to tell a 分值 merged over the same rows. */
  rows?: [number, number];
  children: Array<SectionNode | LeafNode>;
  /** Rows under one merged or continued label, which gave the group its title, number and points. */
  group?: boolean;
}

export interface LeafNode {
  kind: 'leaf';
  leaf: Leaf;
}

export interface TableTree {
  root: SectionNode;
  total?: { value: number; cell: CellText };
  scoring: ScoringWords;
  notes: string[];
  problems: Problem[];
  /** What was read on an assumption a person should check, at its cell (a second 分值 column left unread). */
  confirms: Array<{ cell: string; text: string; reason: string }>;
  /** Whether the table has a rule column (扣分标准); without one, rules are read from the requirement's words. */
  ruleColumn: boolean;
}

const TOTAL = /^(?:合\s*计|总\s*计|总\s*分|总分值|满\s*分|分值合计)$/;
const SUBTOTAL = /^小\s*计$/;
const NOTE = /^(?:备注|说明|注|附注|附则|填表说明)\s*[:：]?/;
const POINTS_IN_TITLE = /\s*[(（]\s*(?:标准分|满分|分值|计)?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/;
/** Roles whose second column is not read: one 分值, one 序号, one key. */
const SINGLE: ReadonlyArray<[Role, string]> = [
  ['points', '分值'],
  ['number', '序号'],
  ['key', '_key'],
];

export function readTableTree(header: TableHeader, above: readonly GridRow[], grid: readonly GridRow[]): TableTree {
  const reader = new TreeReader(header);
  for (const r of above) for (const c of r.own) Object.assign(reader.tree.scoring, readScoringWords(c.text));
  reader.read(grid);
  dissolveSingleGroups(reader.tree.root);
  return reader.tree;
}

class TreeReader {
  readonly tree: TableTree;
  private readonly roles = new Map<Role, number[]>();

  constructor(private readonly header: TableHeader) {
    for (const c of header.columns) this.roles.set(c.role, [...(this.roles.get(c.role) ?? []), c.col]);
    this.tree = { root: { kind: 'section', title: '', children: [] }, scoring: {}, notes: [], problems: [], confirms: [], ruleColumn: this.has('rule') };
    for (const [role, name] of SINGLE) {
      const cols = this.roles.get(role) ?? [];
      if (cols.length < 2) continue;
      const extra = header.columns.find((c) => c.col === cols[1])!;
      this.tree.confirms.push({ cell: `${colName(cols[1]!)}${header.rows[0]}`, text: extra.heading, reason: `有多个“${name}”列：只读第一列（${colName(cols[0]!)} 列），此列不读` });
      this.roles.set(role, [cols[0]!]);
    }
  }

  private has(role: Role): boolean {
    return (this.roles.get(role) ?? []).length > 0;
  }

  private cells(row: GridRow, role: Role): CellText[] {
    return (this.roles.get(role) ?? []).flatMap((c) => (row.cells.has(c) ? [row.cells.get(c)!] : []));
  }

  /** The row's own cells of a role: a cell merged down from a row above belongs to that row. */
  private ownCells(row: GridRow, role: Role): CellText[] {
    return this.cells(row, role).filter((c) => c.span.top === row.row);
  }

  read(grid: readonly GridRow[]): void {
    const stack = new StyleStack();
    const open: SectionNode[] = []; // headings by depth
    let levels: Array<{ master: string; node: SectionNode } | undefined> = [];
    const outer = (this.roles.get('item') ?? []).slice(0, -1);
    let group: { node: SectionNode; master?: string } | undefined;
    let last: { node: LeafNode; parent: SectionNode } | undefined;
    const reset = () => {
      group = undefined;
      last = undefined;
    };

    for (const row of grid) {
      if (row.own.length === 0) continue;
      const key = this.cells(row, 'key')[0]?.text;
      const parsedKey = key ? parseKey(key) : undefined;
      const labels = [...this.ownCells(row, 'number'), ...this.ownCells(row, 'item'), ...this.ownCells(row, 'content')];
      // 合计 and 小计 rows carry totals, never items.
      if (labels.some((c) => TOTAL.test(c.text.trim()))) {
        const p = this.cells(row, 'points')[0];
        const value = p ? this.points(p).value : undefined;
        if (value !== undefined) this.tree.total = { value, cell: p! };
        continue;
      }
      if (labels.some((c) => SUBTOTAL.test(c.text.trim()))) continue;
      // One text across the table: a heading, or notes (which may say how the whole score works).
      const banner = row.own.length === 1 && row.own[0]!.span.right - row.own[0]!.span.left >= 2 && !parsedKey ? row.own[0]! : undefined;
      if (banner && (NOTE.test(banner.text) || /[。；;]./.test(banner.text) || banner.text.length > 60)) {
        this.tree.notes.push(banner.text.replace(/\n+/g, ' '));
        Object.assign(this.tree.scoring, readScoringWords(banner.text));
        continue;
      }
      const leaf = banner ? undefined : this.leafOf(row);
      if (parsedKey ? 'section' in parsedKey : banner !== undefined || this.headingLike(leaf!)) {
        const keyed = parsedKey && 'section' in parsedKey ? parsedKey.section : undefined;
        const cell = banner ?? leaf!.label ?? leaf!.number!;
        const numbering = banner ? readNumbering(banner.text) : leaf!.numbering;
        const title = banner ? numbering?.rest || banner.text : leaf!.number ? (leaf!.label?.text ?? '') : numbering?.rest || cell.text;
        const depth = keyed ? keyed.depth : stack.enter(numbering?.style ?? 'plain');
        const node = this.heading(title, numbering, leaf?.points, cell);
        if (keyed?.id !== undefined) node.id = keyed.id;
        // A 序号 of no known style (附, 甲) is kept as written.
        if (!numbering && leaf?.number) node.number = leaf.number.text;
        open.length = depth;
        open[depth] = node;
        (open.slice(0, depth).filter(Boolean).at(-1) ?? this.tree.root).children.push(node);
        levels = [];
        reset();
        continue;
      }
      let parent = open.filter(Boolean).at(-1) ?? this.tree.root;
      // Outer label columns (一级指标, 二级指标) open parts where their merged or typed value changes.
      outer.forEach((col, k) => {
        const cell = row.cells.get(col);
        if (!cell || cell.master === levels[k]?.master) return;
        levels = levels.slice(0, k);
        const numbering = readNumbering(cell.text);
        const node = this.heading(numbering?.rest || cell.text, numbering, undefined, cell);
        node.rows = [cell.span.top, cell.span.bottom];
        (levels.filter(Boolean).at(-1)?.node ?? parent).children.push(node);
        levels[k] = { master: cell.master, node };
        reset();
      });
      parent = levels.filter(Boolean).at(-1)?.node ?? parent;
      const l = leaf!;
      // A part's points: a 分值 merged over exactly the rows its label spans.
      for (const level of levels) {
        const rows = level?.node.rows;
        if (level && l.points && rows && rows[1] > rows[0] && l.points.cell.span.top === rows[0] && l.points.cell.span.bottom === rows[1]) {
          if (level.node.points === undefined) setPoints(level.node, l.points);
          delete l.points;
        }
      }
      const continues = !parsedKey && !l.label && !l.number && !l.points && (l.rules.length > 0 || l.texts.length > 0);
      if (group && group.node === parent.children.at(-1) && ((l.label && group.master === l.label.master) || continues)) {
        if (l.points && group.node.pointsCell && l.points.cell.master === group.node.pointsCell.master) delete l.points;
        group.node.children.push({ kind: 'leaf', leaf: inGroup(l, true) });
        continue;
      }
      if (continues && last && last.parent === parent) {
        // The row before starts a group under its label: 领导重视 | 20 | 没有…扣5分, then | | 未纳入考核扣3分.
        const node = groupOf(last.node.leaf, last.node.leaf.label, last.node.leaf.points);
        parent.children.splice(parent.children.indexOf(last.node), 1, node);
        node.children.push({ kind: 'leaf', leaf: inGroup(last.node.leaf) }, { kind: 'leaf', leaf: l });
        group = { node };
        last = undefined;
        continue;
      }
      group = undefined;
      if (l.label && l.label.span.bottom > row.row && !parsedKey) {
        // A label merged down over several rows: those rows are the group's, and so is a 分值 merged with it.
        const p = l.points && (l.points.cell.span.bottom >= l.label.span.bottom || l.points.cell.span.bottom === l.points.cell.span.top) ? l.points : undefined;
        const node = groupOf(l, l.label, p);
        node.children.push({ kind: 'leaf', leaf: inGroup(l, !node.pointsCell) });
        parent.children.push(node);
        group = { node, master: l.label.master };
        last = undefined;
        continue;
      }
      const node: LeafNode = { kind: 'leaf', leaf: l };
      parent.children.push(node);
      last = { node, parent };
    }
  }

  /** A row's cells by what they mean. */
  private leafOf(row: GridRow): Leaf {
    // The label is the innermost 考核项目; where there is none but both 考核内容 and 考核标准, 考核内容 is the label.
    const innermost = (this.roles.get('item') ?? []).at(-1);
    const labelFromContent = innermost === undefined && this.has('content') && this.has('standard');
    const contents = this.cells(row, 'content');
    const label = innermost !== undefined ? row.cells.get(innermost) : labelFromContent ? contents[0] : undefined;
    const number = this.cells(row, 'number')[0];
    const numbering = number ? readNumbering(number.text) : label ? readNumbering(label.text) : undefined;
    const points = this.cells(row, 'points')[0];
    const key = this.cells(row, 'key')[0]?.text;
    const own = (cells: CellText[]) => cells.filter((c) => c.span.top === row.row);
    return {
      row: row.row,
      ...(number ? { number } : {}),
      ...(numbering ? { numbering } : {}),
      ...(label ? { label } : {}),
      texts: own([...(labelFromContent ? contents.slice(1) : contents), ...this.cells(row, 'standard')]),
      // A 分值 merged down from a row above is that row's (or its group's).
      ...(points && (points.span.top === row.row || points.span.bottom > points.span.top) ? { points: this.points(points) } : {}),
      rules: this.ownCells(row, 'rule'),
      method: this.ownCells(row, 'method'),
      evidence: this.ownCells(row, 'evidence'),
      office: this.ownCells(row, 'office'),
      remark: this.ownCells(row, 'remark'),
      ...(key ? { key } : {}),
    };
  }

  /** A row with a label (and perhaps 分值) but no requirement and no rule heads what follows. */
  private headingLike(leaf: Leaf): boolean {
    if (leaf.rules.length > 0 || leaf.texts.length > 0 || (!leaf.label && !leaf.number)) return false;
    if (leaf.label && leaf.label.span.bottom > leaf.row) return false;
    // Without a rule column the rules are in the words themselves: a label that states one is an item.
    return this.tree.ruleColumn || !leaf.label || readRules(leaf.label.text).rules.length === 0;
  }

  private heading(text: string, numbering: Numbering | undefined, points: Points | undefined, cell: CellText): SectionNode {
    const node: SectionNode = { kind: 'section', title: text.replace(/\n+/g, ' ').trim(), children: [], cell };
    if (numbering) Object.assign(node, { number: sectionNumber(numbering), ordinal: numbering.ordinal });
    // 基础建设（30分）: the budget in the heading's words.
    const inTitle = POINTS_IN_TITLE.exec(node.title);
    if (inTitle && node.title.length > inTitle[0].length) {
      node.title = node.title.slice(0, inTitle.index);
      if (!points) Object.assign(node, { points: Number(inTitle[1]), pointsCell: cell });
    }
    if (points) setPoints(node, points);
    if (node.title === '') node.title = node.number ?? cell.text;
    return node;
  }

  private readonly pointsRead = new Map<string, Points>();

  /** 分值 as a number: 20, 20分, ２０, 二十; anything else is a problem at its cell (reported once however often read). */
  private points(cell: CellText): Points {
    const known = this.pointsRead.get(cell.master);
    if (known) return { ...known, cell };
    const t = cell.text.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
    const cn = /^[一二两三四五六七八九十]+$/.test(t) ? readNumbering(`${t}、`)?.ordinal : undefined;
    const value = /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : cn !== undefined ? Number(cn) : undefined;
    if (value === undefined && !/^[-—–/／]$|^无$/.test(t)) {
      this.tree.problems.push({ code: 'UNREADABLE_CELL', path: '', sheet: this.header.sheet, cell: cell.address, value: cell.text, message: '分值不是数值：请写成数字（如 20），或留空' });
    }
    const read: Points = { cell, ...(value !== undefined ? { value } : {}) };
    this.pointsRead.set(cell.master, read);
    return read;
  }
}

function setPoints(node: SectionNode, p: Points): void {
  if (p.value === undefined) return;
  node.points = p.value;
  node.pointsCell = p.cell;
}

/** A group under a row's label, with its number and (if given) its points. */
function groupOf(first: Leaf, label: CellText | undefined, points: Points | undefined): SectionNode {
  const node: SectionNode = { kind: 'section', title: label?.text.replace(/\n+/g, ' ').trim() ?? '', children: [], group: true, ...(label ? { cell: label } : {}) };
  if (first.numbering) Object.assign(node, { number: sectionNumber(first.numbering), ordinal: first.numbering.ordinal });
  if (points) setPoints(node, points);
  return node;
}

/** A row taken into a group: the group has its label and number (and its points, unless the row keeps its own). */
function inGroup(leaf: Leaf, keepPoints = false): Leaf {
  const { label: _label, number: _number, numbering: _numbering, points, ...rest } = leaf;
  return keepPoints && points ? { ...rest, points } : rest;
}

/** A group of one row is just that row, under the group's label and points. */
function dissolveSingleGroups(node: SectionNode): void {
  node.children = node.children.map((c) => {
    if (c.kind === 'leaf') return c;
    const only = c.group && c.children.length === 1 ? c.children[0] : undefined;
    if (only?.kind === 'leaf') {
      return { kind: 'leaf', leaf: { ...only.leaf, ...(c.cell ? { label: c.cell } : {}), ...(c.pointsCell ? { points: { cell: c.pointsCell, value: c.points! } } : {}) } };
    }
    dissolveSingleGroups(c);
    return c;
  });
}

export function sectionNumber(n: Numbering): string {
  return n.written.replace(/[、.．,，:：\s]+$/, '');
}

export function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
