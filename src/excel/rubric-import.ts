// A county's own scoring table (考核细则, 赋分表) into a draft rubric: its sections and budgets from 序号, merged
// cells and 分值, each row's words quoted verbatim from a transcription of the table (written beside the rubric), and
// points and deductions read from the wording where it is regular. A row whose wording cannot be read goes into the
// draft in its place, marked 待补充, so a person finishes it where it stands; every such row is listed with its cell.
import type { Workbook, Worksheet } from 'exceljs';
import type { Problem } from '../errors.js';
import { definitionProblems } from '../rubric/parse.js';
import { readRules, readScoringWords, type ReadRule, type RuleReading, type ScoringWords } from '../rubric/rule-wording.js';
import { rubricYaml } from '../rubric/yaml-text.js';
import type { Check, Indicator, RubricDefinition, Section, UnitLevel } from '../schema/generated/rubric.js';
import { type Numbering, readNumbering, StyleStack } from './numbering.js';
import { type OpenLimits, openWorkbook } from './open.js';
import { refuse } from './refusal.js';
import { DRAFT_NOTE, type IndicatorKey, parseKey, type Role, TABLE_META } from './rubric-columns.js';
import { type CellText, findHeader, type GridRow, readAbove, readGrid, type TableHeader } from './table-read.js';
import { transcribe } from './transcription.js';

export interface TableImportOptions {
  /** The rubric's id; the table's own (an exported table's hidden sheet) or 'county-rubric' when omitted. */
  id?: string;
  title?: string;
  /** The spreadsheet's file name, for the source and the transcription's heading. */
  original?: string;
  /** The sheet to read; the first with a scoring table's header when omitted. */
  sheet?: string;
  appliesTo?: UnitLevel[];
  issuer?: string;
  /** The schema path the YAML's yaml-language-server line points editors to. */
  schema?: string;
}

/** A row (or a rubric-level setting) a person must finish or check. */
export interface ToFinish {
  sheet: string;
  /** The cell whose words are concerned; absent for a setting of the whole rubric. */
  cell?: string;
  indicator?: string;
  /** draft: not read, in the rubric as a marked draft; confirm: read on an assumption the words do not state. */
  status: 'draft' | 'confirm';
  text: string;
  reason: string;
}

export interface TableImport {
  definition: RubricDefinition;
  /** The draft rubric as YAML, with its header and 待补充 / 待确认 comments. */
  yaml: string;
  /** The table as markdown, row by row: the file every quotation is verbatim in. */
  transcription: string;
  /** The transcription's path as the rubric cites it. */
  file: string;
  /** Cells that could not be read, and what keeps the draft from validating, each with its cell. */
  problems: Problem[];
  unparsed: ToFinish[];
}

const TRUNCATED = /\[截断\]|【截断】|［截断］/;
const TOTAL = /^(?:合\s*计|总\s*计|总\s*分|总分值|满\s*分|分值合计)$/;
const SUBTOTAL = /^小\s*计$/;
const NOTE = /^(?:备注|说明|注|附注|附则|填表说明)\s*[:：]?/;
const POINTS_IN_TITLE = /\s*[(（]\s*(?:标准分|满分|分值|计)?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/;
const ID = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;
const DEFAULT_ID = 'county-rubric';

export async function importRubricTable(bytes: Uint8Array, opts: TableImportOptions = {}, limits?: OpenLimits): Promise<TableImport> {
  const wb = await openWorkbook(bytes, limits);
  const meta = readMeta(wb);
  const { ws, header } = pickSheet(wb, opts.sheet);
  const id = opts.id ?? meta.get('rubric_id') ?? DEFAULT_ID;
  const file = `standards/${id}.md`;
  const above = readAbove(ws, header);
  const grid = readGrid(ws, header);
  const title = opts.title ?? meta.get('title') ?? titleAbove(above) ?? ws.name;
  const build = new Builder(ws.name, header, file);
  build.read(above, grid);
  const definition = build.definition({ ...opts, id, title, version: meta.get('rubric_version') ?? 'draft-1', issuer: opts.issuer ?? meta.get('issuer') });
  build.validate(definition);
  const original = opts.original ?? 'table.xlsx';
  return {
    definition,
    yaml: rubricYaml(definition, { header: build.header(title, original, opts.schema), comments: build.comments }),
    transcription: transcribe({ title, original, sheet: ws.name, header, rows: [...above, ...headerRows(ws, header), ...grid] }),
    file,
    problems: build.problems,
    unparsed: build.unparsed.sort((a, b) => rowOf(a.cell) - rowOf(b.cell)),
  };
}

const rowOf = (cell?: string) => (cell ? Number(/\d+/.exec(cell)![0]) : 0);

function readMeta(wb: Workbook): Map<string, string> {
  const meta = new Map<string, string>();
  const ws = wb.getWorksheet(TABLE_META.sheet);
  ws?.eachRow((row) => meta.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
  return meta.get('format') === TABLE_META.format ? meta : new Map();
}

function pickSheet(wb: Workbook, name: string | undefined): { ws: Worksheet; header: TableHeader } {
  if (name !== undefined) {
    const ws = wb.getWorksheet(name);
    if (!ws) refuse('MISSING_COLUMN', `找不到工作表“${name}”（工作簿中有：${wb.worksheets.map((w) => w.name).join('、')}）`);
    const header = findHeader(ws!);
    if (!header) refuse('MISSING_COLUMN', headerMessage(ws!.name), { sheet: ws!.name });
    return { ws: ws!, header: header! };
  }
  for (const ws of wb.worksheets) {
    if (ws.name === TABLE_META.sheet || ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    const header = findHeader(ws);
    if (header) return { ws, header };
  }
  return refuse('MISSING_COLUMN', headerMessage(wb.worksheets.map((w) => w.name).join('、')), { sheet: wb.worksheets[0]!.name });
}

const headerMessage = (sheets: string) =>
  `工作表“${sheets}”的前 30 行中找不到考核表的表头：表头须有考核内容（或考核项目、指标、考核标准）一列，以及分值或扣分标准（评分标准、赋分标准）一列`;

function titleAbove(rows: readonly GridRow[]): string | undefined {
  const texts = rows.flatMap((r) => r.own.map((c) => c.text.replace(/\s+/g, ' ')));
  return texts.find((t) => /表|细则|办法|标准/.test(t) && t.length <= 60) ?? texts.find((t) => t.length <= 60);
}

/** The header rows themselves, for the transcription. */
function headerRows(ws: Worksheet, header: TableHeader): GridRow[] {
  return readGrid(ws, { ...header, rows: [header.rows[0]! - 1] }).filter((r) => header.rows.includes(r.row));
}

/* ------------------------------------------------------------------ the tree of the table ------------------------------------------------------------------ */

interface Leaf {
  row: number;
  number?: CellText;
  numbering?: Numbering;
  /** The innermost label (考核项目), or 考核内容 where a 考核标准 column holds the requirement. */
  label?: CellText;
  /** The requirement's words: 考核内容 and 考核标准 cells. */
  texts: CellText[];
  points?: CellText;
  rules: CellText[];
  method: CellText[];
  evidence: CellText[];
  office: CellText[];
  remark: CellText[];
  key?: string;
}

interface SectionNode {
  kind: 'section';
  title: string;
  number?: string;
  ordinal?: string;
  points?: number;
  /** Where the title and the points were read. */
  cell?: CellText;
  pointsCell?: CellText;
  id?: string;
  /** Rows the section's label spans (a merged 一级指标 cell), to tell a points cell merged over the same rows. */
  rows?: [number, number];
  children: Array<SectionNode | LeafNode>;
  /** A group of rows under one merged or continued label: its title and points came from its first row. */
  group?: boolean;
}

interface LeafNode {
  kind: 'leaf';
  leaf: Leaf;
  /** Points taken into the group the leaf belongs to. */
  pointsMoved?: boolean;
}

interface IndicatorDraft {
  def: Indicator;
  cells: CellText[];
  todo?: { status: 'draft' | 'confirm'; text: string; reason: string; cell: string };
}

class Builder {
  readonly problems: Problem[] = [];
  readonly unparsed: ToFinish[] = [];
  readonly comments = new Map<string, string>();
  /** JSON pointer → the cell it came from, to locate the draft's problems in the table. */
  private readonly cellAt = new Map<string, string>();
  private readonly root: SectionNode = { kind: 'section', title: '', children: [] };
  private total?: { value: number; cell: CellText };
  private readonly scoring: ScoringWords = {};
  private readonly notes: string[] = [];
  private readonly confirms: Array<{ pointer: string; reason: string }> = [];
  private readonly roles: Map<Role, number[]>;
  private usedGuidanceDefault = false;

  constructor(
    private readonly sheet: string,
    header: TableHeader,
    private readonly file: string,
  ) {
    this.roles = new Map();
    for (const c of header.columns) this.roles.set(c.role, [...(this.roles.get(c.role) ?? []), c.col]);
    for (const role of ['points', 'number', 'key'] as const) {
      const cols = this.roles.get(role) ?? [];
      if (cols.length > 1) {
        const heading = header.columns.find((c) => c.col === cols[1])!;
        this.problems.push({ code: 'MISSING_COLUMN', path: '', sheet, cell: `${colName(cols[1]!)}${header.rows[0]}`, value: heading.heading, message: `有多个“${role === 'points' ? '分值' : role === 'number' ? '序号' : '_key'}”列：只读第一列（${colName(cols[0]!)} 列），其余不读` });
        this.roles.set(role, [cols[0]!]);
      }
    }
  }

  private cells(row: GridRow, role: Role): CellText[] {
    return (this.roles.get(role) ?? []).flatMap((c) => (row.cells.has(c) ? [row.cells.get(c)!] : []));
  }

  read(above: readonly GridRow[], grid: readonly GridRow[]): void {
    for (const r of above) for (const c of r.own) Object.assign(this.scoring, readScoringWords(c.text));
    const stack = new StyleStack();
    const open: SectionNode[] = []; // numbered headings by depth
    let levels: Array<{ master: string; node: SectionNode } | undefined> = [];
    const itemCols = this.roles.get('item') ?? [];
    const outer = itemCols.slice(0, -1);
    let group: { node: SectionNode; master?: string; last: number } | undefined;
    let lastLeaf: { node: LeafNode; parent: SectionNode } | undefined;

    for (const row of grid) {
      const own = [...row.cells.values()].filter((c) => c.span.top === row.row);
      if (own.length === 0 && row.own.length === 0) continue;
      const key = this.cells(row, 'key')[0]?.text;
      const parsedKey = key ? parseKey(key) : undefined;
      // 合计 / 小计 rows carry totals, never items.
      const labels = [...this.cells(row, 'number'), ...this.cells(row, 'item'), ...this.cells(row, 'content')].filter((c) => c.span.top === row.row);
      if (labels.some((c) => TOTAL.test(c.text.trim()))) {
        const p = this.cells(row, 'points')[0];
        const n = p ? this.number(p) : undefined;
        if (n !== undefined && p) this.total = { value: n, cell: p };
        continue;
      }
      if (labels.some((c) => SUBTOTAL.test(c.text.trim()))) continue;
      // A banner: one text across the table — a heading, or notes.
      const banner = row.own.length === 1 && row.own[0]!.span.right - row.own[0]!.span.left >= 2 && !parsedKey ? row.own[0]! : undefined;
      if (banner && (NOTE.test(banner.text) || /[。；;]./.test(banner.text) || banner.text.length > 60)) {
        this.notes.push(banner.text.replace(/\n+/g, ' '));
        Object.assign(this.scoring, readScoringWords(banner.text));
        continue;
      }
      const leaf = banner ? undefined : this.leafOf(row);
      const isHeading = parsedKey ? 'section' in parsedKey : banner !== undefined || (leaf !== undefined && this.headingLike(leaf));
      if (isHeading) {
        const keyed = parsedKey && 'section' in parsedKey ? parsedKey.section : undefined;
        const cell = banner ?? leaf!.label ?? leaf!.number!;
        const numbering = banner ? readNumbering(banner.text) : leaf!.numbering;
        const titleText = banner ? (numbering?.rest || banner.text) : leaf!.number ? (leaf!.label?.text ?? '') : numbering?.rest || cell.text;
        const depth = keyed ? keyed.depth : stack.enter(numbering?.style ?? 'plain');
        const node = this.heading(titleText, numbering, leaf?.points, cell, keyed?.id);
        // A 序号 of no known style (附, 甲) is kept as written.
        if (!numbering && leaf?.number) node.number = leaf.number.text;
        open.length = depth;
        open[depth] = node;
        (open.slice(0, depth).filter(Boolean).at(-1) ?? this.root).children.push(node);
        levels = [];
        group = undefined;
        lastLeaf = undefined;
        continue;
      }
      if (!leaf) continue;
      let parent = open.filter(Boolean).at(-1) ?? this.root;
      // Outer label columns (一级指标, 二级指标) open sections where their merged or typed value changes.
      outer.forEach((col, k) => {
        const cell = row.cells.get(col);
        if (!cell || cell.master === levels[k]?.master) return;
        levels = levels.slice(0, k);
        const numbering = readNumbering(cell.text);
        const node = this.heading(numbering?.rest || cell.text, numbering, undefined, cell, undefined);
        node.rows = [cell.span.top, cell.span.bottom];
        (levels.filter(Boolean).at(-1)?.node ?? parent).children.push(node);
        levels[k] = { master: cell.master, node };
        group = undefined;
        lastLeaf = undefined;
      });
      parent = levels.filter(Boolean).at(-1)?.node ?? parent;
      // A level section's points: a points cell merged over exactly the rows its label spans.
      for (const l of levels) {
        if (l && leaf.points && l.node.rows && leaf.points.span.top === l.node.rows[0] && leaf.points.span.bottom === l.node.rows[1] && l.node.rows[1] > l.node.rows[0]) {
          if (l.node.points === undefined) this.setPoints(l.node, leaf.points);
          delete leaf.points;
        }
      }
      const label = leaf.label;
      const continues = !parsedKey && !label && !leaf.number && !leaf.points && (leaf.rules.length > 0 || leaf.texts.length > 0);
      if (group && group.node === lastGroupOf(parent) && ((label && group.master === label.master) || continues)) {
        if (leaf.points && group.node.pointsCell && leaf.points.master === group.node.pointsCell.master) delete leaf.points;
        group.node.children.push({ kind: 'leaf', leaf: inGroup(leaf, true) });
        group.last = row.row;
        continue;
      }
      if (continues && lastLeaf && lastLeaf.parent === parent) {
        // The row before starts a group under its label: 领导重视 | 20 | 没有…扣5分, then | | 未纳入考核扣3分.
        const first = lastLeaf.node.leaf;
        const node: SectionNode = { kind: 'section', title: first.label?.text ?? '', children: [], group: true, ...(first.label ? { cell: first.label } : {}) };
        if (first.numbering) Object.assign(node, { number: sectionNumber(first.numbering), ordinal: first.numbering.ordinal });
        if (first.points) this.setPoints(node, first.points);
        parent.children.splice(parent.children.indexOf(lastLeaf.node), 1, node);
        node.children.push({ kind: 'leaf', leaf: inGroup(first) }, { kind: 'leaf', leaf });
        group = { node, last: row.row };
        lastLeaf = undefined;
        continue;
      }
      group = undefined;
      if (label && label.span.bottom > row.row && !parsedKey) {
        // A label merged down over several rows: those rows are the group's.
        const node: SectionNode = { kind: 'section', title: label.text, children: [], group: true, cell: label };
        if (leaf.numbering) Object.assign(node, { number: sectionNumber(leaf.numbering), ordinal: leaf.numbering.ordinal });
        if (leaf.points && (leaf.points.span.bottom >= label.span.bottom || leaf.points.span.bottom === leaf.points.span.top)) {
          this.setPoints(node, leaf.points);
        }
        const first = inGroup(leaf, !node.pointsCell);
        node.children.push({ kind: 'leaf', leaf: first });
        parent.children.push(node);
        group = { node, master: label.master, last: row.row };
        lastLeaf = undefined;
        continue;
      }
      const node: LeafNode = { kind: 'leaf', leaf };
      parent.children.push(node);
      lastLeaf = { node, parent };
    }
  }

  /** A row's cells by what they mean. */
  private leafOf(row: GridRow): Leaf {
    const items = this.cells(row, 'item');
    const contents = this.cells(row, 'content');
    const standards = this.cells(row, 'standard');
    // The label is the innermost 考核项目; where there is none but both 考核内容 and 考核标准, 考核内容 is the label.
    const hasItem = (this.roles.get('item') ?? []).length > 0;
    const labelFromContent = !hasItem && (this.roles.get('content') ?? []).length > 0 && (this.roles.get('standard') ?? []).length > 0;
    const innermost = (this.roles.get('item') ?? []).at(-1);
    const label = hasItem ? items.find((c) => c.span.left === innermost || row.cells.get(innermost!) === c) : labelFromContent ? contents[0] : undefined;
    const texts = [...(labelFromContent ? contents.slice(1) : contents), ...standards].filter((c) => c.span.top === row.row || c.span.bottom > c.span.top);
    const number = this.cells(row, 'number')[0];
    const numbering = number ? readNumbering(number.text) : label ? readNumbering(label.text) : undefined;
    const points = this.cells(row, 'points')[0];
    const key = this.cells(row, 'key')[0]?.text;
    return {
      row: row.row,
      ...(number ? { number } : {}),
      ...(numbering ? { numbering } : {}),
      ...(label ? { label } : {}),
      texts: texts.filter((c) => c.span.top === row.row),
      ...(points && points.span.top === row.row ? { points } : points && points.span.bottom > points.span.top ? { points } : {}),
      rules: this.cells(row, 'rule').filter((c) => c.span.top === row.row),
      method: this.cells(row, 'method').filter((c) => c.span.top === row.row),
      evidence: this.cells(row, 'evidence').filter((c) => c.span.top === row.row),
      office: this.cells(row, 'office').filter((c) => c.span.top === row.row),
      remark: this.cells(row, 'remark').filter((c) => c.span.top === row.row),
      ...(key ? { key } : {}),
    };
  }

  /** A row with a label (and perhaps 分值) but no requirement and no rule heads what follows. */
  private headingLike(leaf: Leaf): boolean {
    if (leaf.rules.length > 0 || leaf.texts.length > 0) return false;
    if (!leaf.label && !leaf.number) return false;
    if (leaf.label && leaf.label.span.bottom > leaf.row) return false;
    // Without a rule column the rules are in the words themselves: a label that states one is an item.
    return !(!(this.roles.get('rule') ?? []).length && leaf.label && readRules(leaf.label.text).rules.length > 0);
  }

  private heading(text: string, numbering: Numbering | undefined, points: CellText | undefined, cell: CellText, id: string | undefined): SectionNode {
    let title = text.replace(/\n+/g, ' ').trim();
    const node: SectionNode = { kind: 'section', title, children: [], cell, ...(id !== undefined ? { id } : {}) };
    if (numbering) Object.assign(node, { number: sectionNumber(numbering), ordinal: numbering.ordinal });
    const inTitle = POINTS_IN_TITLE.exec(title);
    if (inTitle && title.length > inTitle[0].length) {
      title = title.slice(0, inTitle.index);
      node.title = title;
      if (!points) {
        node.points = Number(inTitle[1]);
        node.pointsCell = cell;
      }
    }
    if (points) this.setPoints(node, points);
    if (node.title === '') node.title = node.number ?? cell.text;
    return node;
  }

  private setPoints(node: SectionNode, cell: CellText): void {
    const n = this.number(cell);
    if (n === undefined) return;
    node.points = n;
    node.pointsCell = cell;
  }

  /** 分值 as a number: 20, 20分, ２０, 二十; anything else is a problem at its cell. */
  private number(cell: CellText): number | undefined {
    const t = cell.text.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
    if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
    const cn = /^[一二两三四五六七八九十]+$/.test(t) ? readNumbering(`${t}、`)?.ordinal : undefined;
    if (cn !== undefined) return Number(cn);
    if (/^[-—–/／]$|^无$/.test(t)) return undefined;
    this.problems.push({ code: 'UNREADABLE_CELL', path: '', sheet: this.sheet, cell: cell.address, value: cell.text, message: '分值不是数值：请写成数字（如 20），或留空' });
    return undefined;
  }

  /* ------------------------------------------------------------------ into the rubric ------------------------------------------------------------------ */

  definition(o: TableImportOptions & { id: string; title: string; version: string }): RubricDefinition {
    this.dissolveSingleGroups(this.root);
    const ids = this.assignIds();
    const sections = this.sections(this.root, '/sections', ids, o.title);
    const topPoints = sections.reduce((s, x) => s + (x.points ?? sumPoints(x)), 0);
    let total = this.total?.value ?? this.scoring.total ?? (topPoints > 0 ? topPoints : undefined);
    if (total === undefined) {
      total = 100;
      this.confirms.push({ pointer: '/scoring/total', reason: '表中没有分值或合计：满分暂按 100 分（scoring.total），请按本县规定修改' });
    }
    if (this.total) this.cellAt.set('/scoring/total', this.total.cell.address);
    const hasVeto = JSON.stringify(sections).includes('"veto":true');
    const passLine = Number((total * 0.6).toFixed(2));
    this.confirms.push({ pointer: '/scoring/grades', reason: `表中没有等级分档：暂设 合格 ≥${passLine} 分（满分的 60%）、不合格 <${passLine} 分，请按本县规定修改` });
    if (!o.appliesTo) this.confirms.push({ pointer: '/applies_to', reason: '考核对象的层级未指定：暂按镇(街道)和村(社区)两级（applies_to），可用 --level 指定' });
    if (!o.issuer) this.confirms.push({ pointer: '/issuer', reason: '发布单位未写明：请填写 issuer' });
    const depth = maxDepth(sections);
    const def: RubricDefinition = {
      id: o.id,
      title: o.title,
      version: o.version,
      issuer: o.issuer ?? '待补充',
      source: { file: this.file, ...(o.original ? { original: o.original } : {}), note: `由考核表逐行转录（工作表“${this.sheet}”），见 ${this.file}` },
      effective: { from: null, note: '表中未写明生效日期' },
      applies_to: (o.appliesTo ?? ['township', 'village']) as [UnitLevel, ...UnitLevel[]],
      levels: levelNames(depth),
      scoring: {
        method: 'points',
        total,
        ...(this.scoring.max !== undefined ? { max: this.scoring.max } : {}),
        ...(this.scoring.bonusCap !== undefined ? { bonus_cap: this.scoring.bonusCap } : {}),
        ...(this.scoring.floor === false ? { floor: false } : {}),
        grades: [
          { id: 'pass', label: '合格', min: passLine, pass: true },
          { id: 'fail', label: '不合格', min: 0, pass: false },
        ],
        ...(hasVeto ? { veto_grade: 'fail' } : {}),
      },
      ...(this.notes.length > 0 ? { notes: this.notes } : {}),
      sections: sections as [Section, ...Section[]],
    };
    for (const c of this.confirms) {
      this.comments.set(c.pointer, `待确认：${c.reason}`);
      this.unparsed.push({ sheet: this.sheet, status: 'confirm', text: '', reason: c.reason });
    }
    return def;
  }

  /** Checks the draft as the rubric loader will, and locates each problem at the cell it came from. */
  validate(def: RubricDefinition): void {
    for (const p of definitionProblems(def).problems) {
      const cell = this.nearestCell(p.path);
      this.problems.push({ ...p, sheet: this.sheet, ...(cell ? { cell } : {}) });
    }
  }

  private nearestCell(pointer: string): string | undefined {
    for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) if (this.cellAt.has(p)) return this.cellAt.get(p);
    return undefined;
  }

  header(title: string, original: string, schema = '../src/schema/rubric.schema.json'): string[] {
    return [
      `yaml-language-server: $schema=${schema}`,
      `${title}：由 ${original} 导入的评分标准草稿（bianmin-audit rubric import）。`,
      `每个项目的 text 逐字引自 ${this.file}（考核表的逐行转录），source.part 指明所在单元格；分值和扣分规则由扣分标准的文字读出。`,
      '标“待补充”的项目未能读出扣分写法：已按原文放在原位，暂不扣分（有分值的按“符合要求得全分”计），须补全 check 和 deduct 后删去 truncated 与该注释；',
      '标“待确认”的已按注释中的假定读出，请核对。全部补全后，用 npm run cli -- validate 检查本文件。',
      ...(this.usedGuidanceDefault ? ['表中没有考核办法或评定依据的，guidance 按扣分标准填写，证据暂写“检查记录”，请按实际修改。'] : []),
    ];
  }

  /** A group of one row is just that row, under the group's label and points. */
  private dissolveSingleGroups(node: SectionNode): void {
    node.children = node.children.map((c) => {
      const only = c.kind === 'section' && c.group && c.children.length === 1 ? c.children[0] : undefined;
      if (c.kind === 'section' && only?.kind === 'leaf') {
        const leaf = only.leaf;
        return { kind: 'leaf', leaf: { ...leaf, ...(c.cell ? { label: c.cell } : {}), ...(c.pointsCell ? { points: c.pointsCell } : {}) } } satisfies LeafNode;
      }
      if (c.kind === 'section') this.dissolveSingleGroups(c);
      return c;
    });
  }

  /**
   * Ids from the export's keys, else the table's own 序号 where each is unique, else by position: under a group's
   * number (3.1, 3.2 for the rows under a merged 3.), or under the path of the parts above (1.2.1).
   */
  private assignIds(): Map<LeafNode, string> {
    const leaves: Array<{ node: LeafNode; prefix: string[]; position: number }> = [];
    const visit = (s: SectionNode, path: string[]) => {
      s.children.forEach((c, i) => {
        if (c.kind === 'leaf') leaves.push({ node: c, prefix: s.group && s.number !== undefined ? [s.ordinal!] : path, position: i + 1 });
        else {
          c.ordinal ??= String(i + 1);
          visit(c, [...path, c.ordinal]);
        }
      });
    };
    visit(this.root, []);
    const own = leaves.map(({ node }) => {
      const k = node.leaf.key ? parseKey(node.leaf.key) : undefined;
      return k && 'indicator' in k ? k.indicator : node.leaf.numbering?.ordinal;
    });
    const times = new Map<string, number>();
    for (const o of own) if (o !== undefined) times.set(o, (times.get(o) ?? 0) + 1);
    const out = new Map<LeafNode, string>();
    leaves.forEach((l, i) => {
      const o = own[i];
      const id = o !== undefined && ID.test(o) && times.get(o) === 1 ? o : [...l.prefix, String(l.position)].join('.');
      out.set(l.node, this.unique(ID.test(id) ? id : String(i + 1)));
    });
    return out;
  }

  private readonly taken = new Set<string>();

  /** An id no indicator or section has yet: the wanted one, or it with -2, -3 …. */
  private unique(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted}-${n}`;
    this.taken.add(id);
    return id;
  }

  /**
   * A node's children as sections. A section holds sections or indicators, never both: where items stand beside
   * sections each goes into a section of its own title; a table of items only (at the top) is one section.
   */
  private sections(node: SectionNode, base: string, ids: Map<LeafNode, string>, title?: string): Section[] {
    const kids = node.children.map((c) => (c.kind === 'section' ? { section: c } : this.leafChild(c, ids.get(c)!)));
    if (title !== undefined && kids.every((k) => !('section' in k) && !k.leafSection)) {
      const items = kids.flatMap((k) => ('items' in k ? k.items : []));
      return [{ title, indicators: this.indicators(items, `${base}/0/indicators`) as [Indicator, ...Indicator[]] }];
    }
    return kids.map((k, i) => {
      const at = `${base}/${i}`;
      if ('section' in k) return this.section(k.section, at, ids);
      const ls = k.leafSection;
      if (ls?.pointsCell) this.cellAt.set(`${at}/points`, ls.pointsCell.address);
      const section: Section = {
        ...(ls?.number !== undefined ? { number: ls.number } : {}),
        ...(ls?.points !== undefined ? { id: this.unique(ls.id) } : {}),
        title: ls?.title ?? k.items[0]!.def.title,
        ...(ls?.points !== undefined ? { points: ls.points } : {}),
        indicators: this.indicators(k.items, `${at}/indicators`) as [Indicator, ...Indicator[]],
      };
      return this.bonusBudget(section, at);
    });
  }

  private section(node: SectionNode, at: string, ids: Map<LeafNode, string>): Section {
    if (node.cell) this.cellAt.set(at, node.cell.address);
    if (node.pointsCell) this.cellAt.set(`${at}/points`, node.pointsCell.address);
    const head = {
      ...(node.number !== undefined ? { number: node.number } : {}),
      ...(node.points !== undefined || node.id !== undefined ? { id: node.id ?? this.unique(`s${this.sectionPath(node)}`) } : {}),
      title: node.title,
      ...(node.points !== undefined ? { points: node.points } : {}),
    };
    const nested = node.children.some((c) => c.kind === 'section') || node.children.some((c) => c.kind === 'leaf' && this.leafChild(c, ids.get(c)!).leafSection);
    if (node.children.length === 0) {
      // A heading with nothing under it is a row to finish: an item without a rule.
      const draft = this.draftFromHeading(node);
      return { ...head, indicators: this.indicators([draft], `${at}/indicators`) as [Indicator, ...Indicator[]] };
    }
    if (nested) return { ...head, sections: this.sections(node, `${at}/sections`, ids) as [Section, ...Section[]] };
    const items = node.children.flatMap((c) => (c.kind === 'leaf' ? this.leafChild(c, ids.get(c)!).items : []));
    const section: Section = { ...head, indicators: this.indicators(items, `${at}/indicators`) as [Indicator, ...Indicator[]] };
    return this.bonusBudget(section, at);
  }

  private sectionPath(node: SectionNode): string {
    const path: string[] = [];
    const find = (s: SectionNode, trail: string[]): boolean => {
      for (const c of s.children) {
        if (c.kind !== 'section') continue;
        if (c === node || find(c, [...trail, c.ordinal!])) {
          if (c === node) path.push(...trail, c.ordinal!);
          return true;
        }
      }
      return false;
    };
    find(this.root, []);
    return path.join('.');
  }

  /** A part of only bonus items has no budget to deduct from: its 分值 is what all its bonuses may add together. */
  private bonusBudget(section: Section, at: string): Section {
    if (section.points === undefined || !section.indicators?.every((i) => i.bonus)) return section;
    const { points, id: _id, ...rest } = section;
    if (this.scoring.bonusCap === undefined) {
      this.scoring.bonusCap = points;
      this.confirms.push({ pointer: at, reason: `加分部分“${section.title}”的分值 ${points} 分读作全部加分合计的上限（scoring.bonus_cap），请核对` });
    } else if (this.scoring.bonusCap !== points) {
      this.confirms.push({ pointer: at, reason: `加分部分“${section.title}”的分值 ${points} 分与表中写明的加分上限 ${this.scoring.bonusCap} 分不同：暂按 ${this.scoring.bonusCap} 分，请核对` });
    }
    return rest;
  }

  private draftFromHeading(node: SectionNode): IndicatorDraft {
    const cell = node.cell!;
    const leaf: Leaf = { row: cell.span.top, label: cell, texts: [], rules: [], method: [], evidence: [], office: [], remark: [], ...(node.pointsCell ? { points: node.pointsCell } : {}) };
    return this.leafChild({ kind: 'leaf', leaf }, node.ordinal ?? String(cell.span.top)).items[0]!;
  }

  /** One row into its indicators: one rule → one item; several → one rule each (under a part of the row's points, if any). */
  private leafChild(node: LeafNode, id: string): { items: IndicatorDraft[]; leafSection?: { title: string; number?: string; points?: number; pointsCell?: CellText; id: string } } {
    const cached = this.leafCache.get(node);
    if (cached) return cached;
    const leaf = node.leaf;
    const points = leaf.points ? this.number(leaf.points) : undefined;
    const textCells = leaf.texts;
    const textLines = textCells.flatMap((c) => lines(c.text));
    const ruleCells = leaf.rules.length > 0 ? leaf.rules : (this.roles.get('rule') ?? []).length === 0 ? textCells : [];
    const label = leaf.label?.text.replace(/\n+/g, ' ').trim();
    const labelTitle = label ? (leaf.numbering && !leaf.number ? leaf.numbering.rest || label : label) : undefined;
    const all = [leaf.label, ...textCells, ...leaf.rules].filter((c): c is CellText => c !== undefined);
    const truncated = all.some((c) => TRUNCATED.test(c.text));
    const readings = ruleCells.map((c) => ({ cell: c, reading: readRules(c.text, { conditions: textLines }) }));
    const rules = readings.flatMap(({ cell, reading }) => reading.rules.map((r) => ({ r, cell, at: cell.text.indexOf(r.wording.split('\n')[0]!) })));
    const refused = readings.flatMap(({ cell, reading }) => reading.refused.map((x) => ({ x, cell, at: cell.text.indexOf(x.wording) })));
    const others = readings.flatMap(({ cell, reading }) => reading.other.map((t) => ({ t, cell })));
    const base = {
      // The cells the text quotes, by address: where a reader finds each line in the transcription.
      source: (text: readonly string[], rule?: CellText) => {
        const quoted = [...new Set(all.filter((c) => text.some((l) => c.text.includes(l))).map((c) => c.master))];
        const from = rule && !quoted.includes(rule.master) ? `（扣分标准 ${rule.master}）` : '';
        return { file: this.file, part: `${this.sheet}!${quoted.join('、')}${from}` };
      },
      guidance: (wording: string | undefined) => this.guidance(leaf, wording),
      note: notesOf(leaf),
    };
    const textOf = (extra: string | undefined) => {
      const t = [...textLines, ...(extra ? lines(extra).filter((l) => !textLines.includes(l)) : [])];
      return t.length > 0 ? t : label ? [label] : [];
    };
    const first = leaf.rules[0] ?? textCells[0] ?? leaf.label ?? leaf.number!;

    let result: { items: IndicatorDraft[]; leafSection?: { title: string; number?: string; points?: number; pointsCell?: CellText; id: string } };
    if (truncated || rules.length === 0 || (leaf.rules.length === 0 && (this.roles.get('rule') ?? []).length > 0)) {
      const reason = truncated
        ? '原文在此截断（[截断]），无法读出完整的扣分规则'
        : leaf.rules.length === 0 && ruleCells.length === 0
          ? '没有扣分标准'
          : (refused.map((x) => x.x.reason).join('；') || '没有可识别的扣分或加分写法');
      const text = textOf(leaf.rules.map((c) => c.text).join('\n') || undefined);
      result = { items: [this.draft(id, labelTitle ?? shortTitle(text[0] ?? ''), text, base.source(text, leaf.rules[0]), points, reason, first, base.guidance(undefined), base.note, truncated)] };
    } else if (rules.length === 1 && refused.length === 0) {
      const { r, cell } = rules[0]!;
      const text = textOf(textLines.length > 0 ? undefined : r.wording);
      // A tally labelled by the requirement's lines is named by all of them.
      const named = r.check.kind === 'tally' && textLines.length > 1 ? textLines.map(shortTitle).join('、') : undefined;
      // A yes/no finding asks whether the fault happened: its title names the fault, after the row's label.
      const fault = r.check.kind === 'boolean' && r.check.expect === false && r.subject !== '';
      const title = fault ? (labelTitle ? `${labelTitle}：${r.subject}` : r.subject) : (labelTitle ?? named ?? (r.subject || shortTitle(text[0]!)));
      result = { items: [this.item(id, title, text, base.source(text, cell), r, points, cell, base.guidance(r.wording), base.note)] };
    } else {
      type Part = { at: number; cell: CellText; rule?: ReadRule; refused?: { wording: string; reason: string } };
      const parts: Part[] = [...rules.map((x) => ({ at: x.at, cell: x.cell, rule: x.r })), ...refused.map((x) => ({ at: x.at, cell: x.cell, refused: x.x }))];
      parts.sort((a, b) => (a.cell === b.cell ? a.at - b.at : 0));
      const items = parts.map((p, k) => {
        const pid = this.unique(`${id}${k < 26 ? String.fromCharCode(97 + k) : `.${k + 1}`}`);
        const wording = p.rule?.wording ?? p.refused!.wording;
        const text = [...textLines, ...lines(wording)];
        if (p.refused) return this.draft(pid, shortTitle(wording), text, base.source(text, p.cell), undefined, p.refused.reason, p.cell, base.guidance(wording), base.note, false);
        const r = p.rule!;
        return this.item(pid, r.subject || (label ? `${label}：${shortTitle(wording)}` : shortTitle(wording)), text, base.source(text, p.cell), r, undefined, p.cell, base.guidance(wording), base.note);
      });
      result = points !== undefined || leaf.numbering || label
        ? { items, leafSection: { title: labelTitle ?? shortTitle(textLines[0] ?? items[0]!.def.title), ...(leaf.numbering ? { number: sectionNumber(leaf.numbering) } : {}), ...(points !== undefined ? { points, pointsCell: leaf.points! } : {}), id: `r${id}` } }
        : { items };
    }
    for (const o of others) {
      const item = result.items[0]!;
      item.todo ??= { status: 'confirm', text: o.t, reason: `扣分标准中的“${o.t}”没有读成规则，请核对是否影响扣分`, cell: o.cell.address };
    }
    const key = leaf.key ? parseKey(leaf.key) : undefined;
    if (key && 'indicator' in key && result.items.length === 1) withKey(result.items[0]!.def, key);
    this.leafCache.set(node, result);
    return result;
  }

  private readonly leafCache = new Map<LeafNode, ReturnType<Builder['leafChild']>>();

  private guidance(leaf: Leaf, wording: string | undefined): Indicator['guidance'] {
    const method = leaf.method.map((c) => c.text).join('\n');
    const evidence = leaf.evidence.flatMap((c) => c.text.split(/\n|；|;/)).map((s) => s.trim()).filter((s) => s !== '');
    if (!method || evidence.length === 0) this.usedGuidanceDefault = true;
    return {
      inspect: method || (wording ? `对照扣分标准检查：${wording.replace(/\n+/g, ' ')}` : '对照考核内容检查'),
      evidence: evidence.length > 0 ? (evidence as [string, ...string[]]) : ['检查记录'],
    };
  }

  private item(id: string, title: string, text: string[], source: Indicator['source'], r: ReadRule, points: number | undefined, cell: CellText, guidance: Indicator['guidance'], note: string | undefined): IndicatorDraft {
    const def: Indicator = { id, title: cap(title), text: text.join('\n'), source, check: r.check, guidance };
    let todo: IndicatorDraft['todo'];
    const confirm = (reason: string) => (todo = { status: 'confirm', text: r.wording, reason, cell: cell.address });
    if (r.bonus) {
      def.bonus = r.bonus;
      const capPoints = r.points ?? points;
      if (capPoints !== undefined) def.points = capPoints;
    } else if (r.allOrNothing) {
      const p = points ?? r.points;
      if (p === undefined) return this.draft(id, title, text, source, undefined, '“不得分”要有本项分值，表中没有', cell, guidance, note, false);
      def.points = p;
      if (points !== undefined && r.points !== undefined && r.points !== points) confirm(`文字写“得${r.points}分”，分值列为 ${points} 分：暂按分值列，请核对`);
    } else {
      if (points !== undefined) def.points = points;
      else if (r.veto && !r.deduct) def.points = 0;
      if (r.deduct) def.deduct = r.deduct;
    }
    if (r.veto) def.veto = true;
    if (r.confirm) confirm(r.confirm);
    if (note) def.note = note;
    return { def, cells: [cell], ...(todo ? { todo } : {}) };
  }

  private draft(id: string, title: string, text: string[], source: Indicator['source'], points: number | undefined, reason: string, cell: CellText, guidance: Indicator['guidance'], note: string | undefined, truncated: boolean): IndicatorDraft {
    const check: Check = { kind: 'boolean' };
    const def: Indicator = {
      id,
      title: cap(title || text[0] || cell.text),
      text: (text.length > 0 ? text : lines(cell.text)).join('\n'),
      source,
      check,
      ...(points !== undefined ? { points } : {}),
      // Without points a draft is shown and never scored; with them it counts as all or nothing until finished.
      ...(points === undefined || truncated ? { truncated: true } : {}),
      note: `${DRAFT_NOTE}${reason}${note ? `。${note}` : ''}`,
      guidance,
    };
    return { def, cells: [cell], todo: { status: 'draft', text: cell.text, reason, cell: cell.address } };
  }

  private indicators(items: IndicatorDraft[], base: string): Indicator[] {
    return items.map((d, i) => {
      const at = `${base}/${i}`;
      this.cellAt.set(at, d.cells[0]!.address);
      if (d.todo) {
        this.comments.set(at, `${d.todo.status === 'draft' ? '待补充' : '待确认'}（${this.sheet}!${d.todo.cell}）：${d.todo.reason}`);
        this.unparsed.push({ sheet: this.sheet, cell: d.todo.cell, indicator: d.def.id, status: d.todo.status, text: d.todo.text, reason: d.todo.reason });
      }
      return d.def;
    });
  }
}

const lastGroupOf = (parent: SectionNode) => parent.children.at(-1);

/** What an exported table's key carries back: the machine ids of items and counts (where they still match), and levels. */
function withKey(def: Indicator, key: IndicatorKey): void {
  const c = def.check;
  const named = c.kind === 'checklist' ? c.items : c.kind === 'tally' ? c.counts : undefined;
  if (named && key.ids && key.ids.length === named.length) {
    const renamed = new Map(named.map((n, i) => [n.id, key.ids![i]!]));
    named.forEach((n) => (n.id = renamed.get(n.id)!));
    for (const rates of [def.deduct?.rates, def.bonus?.rates]) rates?.forEach((r) => (r.count = renamed.get(r.count) ?? r.count));
  }
  if (key.levels) def.applies_to = key.levels as [UnitLevel, ...UnitLevel[]];
}

/** A row taken into a group: the group has its label and number (and its points, unless the row keeps its own). */
function inGroup(leaf: Leaf, keepPoints = false): Leaf {
  const { label: _label, number: _number, numbering: _numbering, points, ...rest } = leaf;
  return keepPoints && points ? { ...rest, points } : rest;
}

function sectionNumber(n: Numbering): string {
  return n.written.replace(/[、.．,，:：\s]+$/, '');
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/** A short label from a sentence: its first clause, without asides in brackets, a trailing 的 or a [截断] mark. */
function shortTitle(text: string): string {
  const plain = text.replace(TRUNCATED, '').replace(/[(（][^()（）]*[)）]/g, '');
  const first = plain.split(/[，,。；;：:\n]/)[0]!.trim().replace(/的$/, '');
  return first || text.trim();
}

const cap = (s: string) => (s.length <= 40 ? s : `${s.slice(0, 39)}…`);

function notesOf(leaf: Leaf): string | undefined {
  const parts = [...leaf.office.map((c) => `责任科室：${c.text}`), ...leaf.remark.map((c) => `备注：${c.text}`)];
  return parts.length > 0 ? parts.join('；') : undefined;
}

function sumPoints(s: Section): number {
  return (s.sections ?? []).reduce((x, c) => x + (c.points ?? sumPoints(c)), 0) + (s.indicators ?? []).filter((i) => !i.bonus).reduce((x, i) => x + (i.points ?? 0), 0);
}

/** Names of the hierarchy levels, outermost first: 一级, 二级 … 考核项目. */
function levelNames(depth: number): [string, ...string[]] {
  const sections = Array.from({ length: depth - 1 }, (_, i) => `${['一', '二', '三', '四', '五', '六'][i] ?? i + 1}级`);
  return [...sections, '考核项目'] as unknown as [string, ...string[]];
}

function maxDepth(sections: readonly Section[]): number {
  return 1 + Math.max(0, ...sections.map((s) => (s.sections ? maxDepth(s.sections) : 1)));
}

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export type { RuleReading };
