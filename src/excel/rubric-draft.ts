// The tree of a county's table into a draft rubric definition: ids from 序号 (or the export's hidden keys), one
// indicator per rule with its words quoted verbatim and its cells cited, budgets from 分值, and each row whose wording
// cannot be read in its place as a draft marked 待补充. Every assumption and every draft is listed with its cell, and
// the draft is checked as the rubric loader checks it, its problems located at the cells they came from.
import type { Problem } from '../errors.js';
import { definitionProblems } from '../rubric/parse.js';
import { readRules, type ReadRule } from '../rubric/rule-wording.js';
import type { Check, Indicator, RubricDefinition, Section, UnitLevel } from '../schema/generated/rubric.js';
import { DRAFT_NOTE, type IndicatorKey, parseKey } from './rubric-columns.js';
import type { CellText } from './table-read.js';
import { type Leaf, type LeafNode, sectionNumber, type SectionNode, type TableTree } from './table-tree.js';

/** A row (or a setting of the whole rubric) a person must finish or check. */
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

export interface DraftOptions {
  sheet: string;
  /** The transcription's path as the rubric cites it. */
  file: string;
  id: string;
  title: string;
  version: string;
  original: string;
  issuer?: string;
  appliesTo?: UnitLevel[];
}

export interface Draft {
  definition: RubricDefinition;
  /** Comments for the YAML, by JSON pointer. */
  comments: Map<string, string>;
  unparsed: ToFinish[];
  /** The draft's problems as the rubric loader sees them, at their cells. */
  problems: Problem[];
  /** The header comment lines of the YAML. */
  header(schema: string): string[];
}

const TRUNCATED = /\[截断\]|【截断】|［截断］/;
const ID = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;

export function draftRubric(tree: TableTree, o: DraftOptions): Draft {
  const b = new DraftBuilder(tree, o);
  const definition = b.definition();
  const problems = b.validate(definition);
  return {
    definition,
    comments: b.comments,
    unparsed: b.unparsed.sort((x, y) => rowOf(x.cell) - rowOf(y.cell)),
    problems,
    header: (schema) => b.header(schema),
  };
}

const rowOf = (cell?: string) => (cell ? Number(/\d+/.exec(cell)![0]) : 0);

interface IndicatorDraft {
  def: Indicator;
  cell: CellText;
  todo?: { status: 'draft' | 'confirm'; text: string; reason: string; cell: string };
}

/** A row's indicators, and the part they go under when the row holds several rules and its own 分值 or label. */
interface RowReading {
  items: IndicatorDraft[];
  part?: { title: string; number?: string; points?: number; pointsCell?: CellText; id: string };
}

class DraftBuilder {
  readonly unparsed: ToFinish[] = [];
  readonly comments = new Map<string, string>();
  /** JSON pointer → the cell it came from, to locate the draft's problems in the table. */
  private readonly cellAt = new Map<string, string>();
  private readonly confirms: Array<{ pointer: string; reason: string }> = [];
  private readonly taken = new Set<string>();
  private readonly rows = new Map<LeafNode, RowReading>();
  private ids = new Map<LeafNode, string>();
  private guidanceAssumed = false;

  constructor(
    private readonly tree: TableTree,
    private readonly o: DraftOptions,
  ) {}

  definition(): RubricDefinition {
    const { tree, o } = this;
    this.ids = this.assignIds();
    const sections = this.sections(tree.root, '/sections', o.title);
    const summed = sections.reduce((s, x) => s + (x.points ?? sumPoints(x)), 0);
    let total = tree.total?.value ?? tree.scoring.total ?? (summed > 0 ? summed : undefined);
    if (total === undefined) {
      total = 100;
      this.confirm('/scoring/total', '表中没有分值或合计：满分暂按 100 分（scoring.total），请按本县规定修改');
    }
    if (tree.total) this.cellAt.set('/scoring/total', tree.total.cell.address);
    const pass = Number((total * 0.6).toFixed(2));
    this.confirm('/scoring/grades', `表中没有等级分档：暂设 合格 ≥${pass} 分（满分的 60%）、不合格 <${pass} 分，请按本县规定修改`);
    if (!o.appliesTo) this.confirm('/applies_to', '考核对象的层级未指定：暂按镇(街道)和村(社区)两级（applies_to），可用 --level 指定');
    if (!o.issuer) this.confirm('/issuer', '发布单位未写明：请填写 issuer');
    const s = tree.scoring;
    const def: RubricDefinition = {
      id: o.id,
      title: o.title,
      version: o.version,
      issuer: o.issuer ?? '待补充',
      source: { file: o.file, original: o.original, note: `由考核表逐行转录（工作表“${o.sheet}”），见 ${o.file}` },
      effective: { from: null, note: '表中未写明生效日期' },
      applies_to: (o.appliesTo ?? ['township', 'village']) as [UnitLevel, ...UnitLevel[]],
      levels: levelNames(maxDepth(sections)),
      scoring: {
        method: 'points',
        total,
        // 加分无上限 with no 最高分: the score has no ceiling at all.
        ...(s.max !== undefined ? { max: s.max } : s.bonusUncapped && s.bonusCap === undefined ? { max: 'none' as const } : {}),
        ...(s.bonusCap !== undefined ? { bonus_cap: s.bonusCap } : {}),
        ...(s.floor === false ? { floor: false } : {}),
        grades: [
          { id: 'pass', label: '合格', min: pass, pass: true },
          { id: 'fail', label: '不合格', min: 0, pass: false },
        ],
        ...(JSON.stringify(sections).includes('"veto":true') ? { veto_grade: 'fail' } : {}),
      },
      ...(tree.notes.length > 0 ? { notes: tree.notes } : {}),
      sections: sections as [Section, ...Section[]],
    };
    for (const c of this.confirms) {
      this.comments.set(c.pointer, `待确认：${c.reason}`);
      this.unparsed.push({ sheet: o.sheet, status: 'confirm', text: '', reason: c.reason });
    }
    for (const c of tree.confirms) this.unparsed.push({ sheet: o.sheet, status: 'confirm', ...c });
    return def;
  }

  private confirm(pointer: string, reason: string): void {
    this.confirms.push({ pointer, reason });
  }

  /** The table's own cell problems, then the draft's as the rubric loader sees them, at the cells they came from. */
  validate(def: RubricDefinition): Problem[] {
    const located = definitionProblems(def).problems.map((p) => {
      const cell = this.nearestCell(p.path);
      return { ...p, sheet: this.o.sheet, ...(cell ? { cell } : {}) };
    });
    return [...this.tree.problems, ...located];
  }

  private nearestCell(pointer: string): string | undefined {
    for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) if (this.cellAt.has(p)) return this.cellAt.get(p);
    return undefined;
  }

  header(schema: string): string[] {
    const { o } = this;
    return [
      `yaml-language-server: $schema=${schema}`,
      `${o.title}：由 ${o.original} 导入的评分标准草稿（bianmin-audit rubric import）。`,
      `每个项目的 text 逐字引自 ${o.file}（考核表的逐行转录），source.part 指明所在单元格；分值和扣分规则由扣分标准的文字读出。`,
      '标“待补充”的项目未能读出扣分写法：已按原文放在原位，暂不扣分（有分值的按“符合要求得全分”计），须补全 check 和 deduct 后删去 truncated 与该注释；',
      '标“待确认”的已按注释中的假定读出，请核对。全部补全后，用 npm run cli -- validate 检查本文件。',
      ...(this.guidanceAssumed ? ['表中没有考核办法或评定依据的，guidance 按扣分标准填写，证据暂写“检查记录”，请按实际修改。'] : []),
    ];
  }

  /**
   * Ids from the export's keys, else the table's own 序号 where each is unique, else by position: under a group's
   * number (3.1, 3.2 for the rows under a merged 3.), or under the path of the parts above (1.2.1).
   */
  private assignIds(): Map<LeafNode, string> {
    const leaves: Array<{ node: LeafNode; prefix: string[]; position: number }> = [];
    const visit = (s: SectionNode, path: string[]) =>
      s.children.forEach((c, i) => {
        if (c.kind === 'leaf') leaves.push({ node: c, prefix: s.group && s.number !== undefined ? [s.ordinal!] : path, position: i + 1 });
        else {
          c.ordinal ??= String(i + 1);
          visit(c, [...path, c.ordinal]);
        }
      });
    visit(this.tree.root, []);
    const own = leaves.map(({ node }) => keyOf(node.leaf)?.indicator ?? node.leaf.numbering?.ordinal);
    const times = new Map<string, number>();
    for (const x of own) if (x !== undefined) times.set(x, (times.get(x) ?? 0) + 1);
    return new Map(
      leaves.map((l, i) => {
        const x = own[i];
        const id = x !== undefined && ID.test(x) && times.get(x) === 1 ? x : [...l.prefix, String(l.position)].join('.');
        return [l.node, this.unique(ID.test(id) ? id : String(i + 1))];
      }),
    );
  }

  /** An id no indicator or section has yet: the wanted one, or it with -2, -3 …. */
  private unique(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted}-${n}`;
    this.taken.add(id);
    return id;
  }

  /**
   * A node's children as sections. A section holds sections or indicators, never both: where items stand beside
   * sections each goes into a section of its own; a table of items only (at the top) is one section, named `title`.
   */
  private sections(node: SectionNode, base: string, title?: string): Section[] {
    const kids = node.children.map((c) => (c.kind === 'section' ? { section: c } : this.row(c)));
    if (title !== undefined && kids.every((k) => 'items' in k && !k.part)) {
      const items = kids.flatMap((k) => ('items' in k ? k.items : []));
      return [{ title, indicators: this.indicators(items, `${base}/0/indicators`) }];
    }
    return kids.map((k, i) => {
      const at = `${base}/${i}`;
      if ('section' in k) return this.section(k.section, at);
      const part = k.part;
      if (part?.pointsCell) this.cellAt.set(`${at}/points`, part.pointsCell.address);
      return this.bonusBudget(
        {
          ...(part?.number !== undefined ? { number: part.number } : {}),
          ...(part?.points !== undefined ? { id: this.unique(part.id) } : {}),
          title: part?.title ?? k.items[0]!.def.title,
          ...(part?.points !== undefined ? { points: part.points } : {}),
          indicators: this.indicators(k.items, `${at}/indicators`),
        },
        at,
      );
    });
  }

  private section(node: SectionNode, at: string): Section {
    if (node.cell) this.cellAt.set(at, node.cell.address);
    if (node.pointsCell) this.cellAt.set(`${at}/points`, node.pointsCell.address);
    const head = {
      ...(node.number !== undefined ? { number: node.number } : {}),
      ...(node.points !== undefined || node.id !== undefined ? { id: node.id ?? this.unique(`s${this.pathOf(node)}`) } : {}),
      title: node.title,
      ...(node.points !== undefined ? { points: node.points } : {}),
    };
    // A heading with nothing under it is a row to finish: an item without a rule.
    if (node.children.length === 0) return { ...head, indicators: this.indicators(this.row(headingRow(node)).items, `${at}/indicators`) };
    if (node.children.some((c) => c.kind === 'section' || this.row(c).part)) return { ...head, sections: this.sections(node, `${at}/sections`) as [Section, ...Section[]] };
    const items = node.children.flatMap((c) => (c.kind === 'leaf' ? this.row(c).items : []));
    return this.bonusBudget({ ...head, indicators: this.indicators(items, `${at}/indicators`) }, at);
  }

  /** The section's position in the tree: 1.2 for (二) under 一. */
  private pathOf(node: SectionNode): string {
    const find = (s: SectionNode, trail: string[]): string[] | undefined => {
      for (const c of s.children) {
        if (c.kind !== 'section') continue;
        const here = [...trail, c.ordinal!];
        if (c === node) return here;
        const deeper = find(c, here);
        if (deeper) return deeper;
      }
      return undefined;
    };
    return (find(this.tree.root, []) ?? []).join('.');
  }

  /** A part of only bonus items has no budget to deduct from: its 分值 is what all bonuses together may add. */
  private bonusBudget(section: Section, at: string): Section {
    if (section.points === undefined || !section.indicators?.every((i) => i.bonus)) return section;
    const { points, id: _id, ...rest } = section;
    const scoring = this.tree.scoring;
    if (scoring.bonusCap === undefined) {
      scoring.bonusCap = points;
      this.confirm(at, `加分部分“${section.title}”的分值 ${points} 分读作全部加分合计的上限（scoring.bonus_cap），请核对`);
    } else if (scoring.bonusCap !== points) {
      this.confirm(at, `加分部分“${section.title}”的分值 ${points} 分与表中写明的加分上限 ${scoring.bonusCap} 分不同：暂按 ${scoring.bonusCap} 分，请核对`);
    }
    return rest;
  }

  /** One row into its indicators: one rule → one item; several → one rule each (under a part of the row's points, if any). */
  private row(node: LeafNode): RowReading {
    const known = this.rows.get(node);
    if (known) return known;
    const id = this.ids.get(node) ?? this.unique(String(node.leaf.row));
    const reading = this.read(node.leaf, id);
    const key = keyOf(node.leaf);
    if (key && reading.items.length === 1) withKey(reading.items[0]!.def, key);
    this.rows.set(node, reading);
    return reading;
  }

  private read(leaf: Leaf, id: string): RowReading {
    const points = leaf.points?.value;
    const textLines = leaf.texts.flatMap((c) => lines(c.text));
    const ruleCells = leaf.rules.length > 0 || this.tree.ruleColumn ? leaf.rules : leaf.texts;
    const label = leaf.label?.text.replace(/\n+/g, ' ').trim();
    const labelTitle = label && leaf.numbering && !leaf.number ? leaf.numbering.rest || label : label;
    const all = [leaf.label, ...leaf.texts, ...leaf.rules].filter((c): c is CellText => c !== undefined);
    const readings = ruleCells.map((cell) => ({ cell, reading: readRules(cell.text, { conditions: textLines }) }));
    const rules = readings.flatMap(({ cell, reading }) => reading.rules.map((rule) => ({ rule, cell, at: cell.text.indexOf(rule.wording.split('\n')[0]!) })));
    const refused = readings.flatMap(({ cell, reading }) => reading.refused.map((r) => ({ refused: r, cell, at: cell.text.indexOf(r.wording) })));
    const make = {
      // The cells the text quotes: where a reader finds each line in the transcription (and the rule's cell, if not quoted).
      source: (text: readonly string[], rule?: CellText): Indicator['source'] => {
        const quoted = [...new Set(all.filter((c) => text.some((l) => c.text.includes(l))).map((c) => c.master))];
        const from = rule && !quoted.includes(rule.master) ? `（扣分标准 ${rule.master}）` : '';
        return { file: this.o.file, part: `${this.o.sheet}!${quoted.join('、')}${from}` };
      },
      guidance: (wording?: string) => this.guidance(leaf, wording),
      note: notesOf(leaf),
    };
    const textOf = (extra?: string) => {
      const t = [...textLines, ...(extra ? lines(extra).filter((l) => !textLines.includes(l)) : [])];
      return t.length > 0 ? t : label ? [label] : [];
    };
    let out: RowReading;
    const truncated = all.some((c) => TRUNCATED.test(c.text));
    if (truncated || rules.length === 0) {
      const reason = truncated
        ? '原文在此截断（[截断]），无法读出完整的扣分规则'
        : ruleCells.length === 0
          ? '没有扣分标准'
          : refused.map((x) => x.refused.reason).join('；') || '没有可识别的扣分或加分写法';
      const text = textOf(leaf.rules.map((c) => c.text).join('\n') || undefined);
      const cell = leaf.rules[0] ?? leaf.texts[0] ?? leaf.label ?? leaf.number!;
      out = { items: [this.draft({ id, title: labelTitle ?? shortTitle(text[0] ?? ''), text, source: make.source(text, leaf.rules[0]), points, reason, cell, guidance: make.guidance(), note: make.note, truncated })] };
    } else if (rules.length === 1 && refused.length === 0) {
      const { rule, cell } = rules[0]!;
      const text = textOf(textLines.length > 0 ? undefined : rule.wording);
      // A tally labelled by the requirement's lines is named by all of them; a yes/no finding by the fault it asks about.
      const named = rule.check.kind === 'tally' && textLines.length > 1 ? textLines.map(shortTitle).join('、') : undefined;
      const fault = rule.check.kind === 'boolean' && rule.check.expect === false && rule.subject !== '';
      const title = fault ? (labelTitle ? `${labelTitle}：${rule.subject}` : rule.subject) : (labelTitle ?? named ?? (rule.subject || shortTitle(text[0]!)));
      out = { items: [this.item({ id, title, text, source: make.source(text, cell), rule, points, cell, guidance: make.guidance(rule.wording), note: make.note })] };
    } else {
      // Several rules: one indicator each, in the order the cell says them, refused ones drafted in place.
      const parts = [...rules.map((x) => ({ ...x, refused: undefined })), ...refused.map((x) => ({ ...x, rule: undefined }))].sort((a, b) => (a.cell === b.cell ? a.at - b.at : 0));
      const items = parts.map((p, k) => {
        const pid = this.unique(`${id}${k < 26 ? String.fromCharCode(97 + k) : `.${k + 1}`}`);
        const wording = p.rule?.wording ?? p.refused!.wording;
        const text = [...textLines, ...lines(wording)];
        const common = { id: pid, text, source: make.source(text, p.cell), cell: p.cell, guidance: make.guidance(wording), note: make.note };
        if (p.refused) return this.draft({ ...common, title: shortTitle(wording), points: undefined, reason: p.refused.reason, truncated: false });
        return this.item({ ...common, title: p.rule!.subject || (label ? `${label}：${shortTitle(wording)}` : shortTitle(wording)), rule: p.rule!, points: undefined });
      });
      out =
        points !== undefined || leaf.numbering || label
          ? { items, part: { title: labelTitle ?? shortTitle(textLines[0] ?? items[0]!.def.title), ...(leaf.numbering ? { number: sectionNumber(leaf.numbering) } : {}), ...(points !== undefined ? { points, pointsCell: leaf.points!.cell } : {}), id: `r${id}` } }
          : { items };
    }
    // Sentences of the rule cell that state no rule may still matter (并通报批评): a person checks them.
    for (const { cell, reading } of readings) {
      for (const t of reading.other) out.items[0]!.todo ??= { status: 'confirm', text: t, reason: `扣分标准中的“${t}”没有读成规则，请核对是否影响扣分`, cell: cell.address };
    }
    return out;
  }

  private guidance(leaf: Leaf, wording: string | undefined): Indicator['guidance'] {
    const method = leaf.method.map((c) => c.text).join('\n');
    const evidence = leaf.evidence.flatMap((c) => c.text.split(/\n|；|;/)).map((s) => s.trim()).filter((s) => s !== '');
    if (!method || evidence.length === 0) this.guidanceAssumed = true;
    return {
      inspect: method || (wording ? `对照扣分标准检查：${wording.replace(/\n+/g, ' ')}` : '对照考核内容检查'),
      evidence: evidence.length > 0 ? (evidence as [string, ...string[]]) : ['检查记录'],
    };
  }

  private item(x: { id: string; title: string; text: string[]; source: Indicator['source']; rule: ReadRule; points: number | undefined; cell: CellText; guidance: Indicator['guidance']; note: string | undefined }): IndicatorDraft {
    const r = x.rule;
    const def: Indicator = { id: x.id, title: cap(x.title), text: x.text.join('\n'), source: x.source, check: r.check, guidance: x.guidance };
    let todo: IndicatorDraft['todo'];
    const confirm = (reason: string) => (todo = { status: 'confirm', text: r.wording, reason, cell: x.cell.address });
    if (r.bonus) {
      def.bonus = r.bonus;
      const cap = r.points ?? x.points;
      if (cap !== undefined) def.points = cap;
    } else if (r.allOrNothing) {
      const p = x.points ?? r.points;
      if (p === undefined) return this.draft({ ...x, reason: '“不得分”要有本项分值，表中没有', truncated: false });
      def.points = p;
      if (x.points !== undefined && r.points !== undefined && r.points !== x.points) confirm(`文字写“得${r.points}分”，分值列为 ${x.points} 分：暂按分值列，请核对`);
    } else {
      if (x.points !== undefined) def.points = x.points;
      else if (r.veto && !r.deduct) def.points = 0;
      if (r.deduct) def.deduct = r.deduct;
    }
    if (r.veto) def.veto = true;
    if (r.confirm) confirm(r.confirm);
    if (x.note) def.note = x.note;
    return { def, cell: x.cell, ...(todo ? { todo } : {}) };
  }

  private draft(x: { id: string; title: string; text: string[]; source: Indicator['source']; points: number | undefined; reason: string; cell: CellText; guidance: Indicator['guidance']; note: string | undefined; truncated: boolean }): IndicatorDraft {
    const check: Check = { kind: 'boolean' };
    const def: Indicator = {
      id: x.id,
      title: cap(x.title || x.text[0] || x.cell.text),
      text: (x.text.length > 0 ? x.text : lines(x.cell.text)).join('\n'),
      source: x.source,
      check,
      ...(x.points !== undefined ? { points: x.points } : {}),
      // Without points a draft is shown and never scored; with them it counts all or nothing until finished.
      ...(x.points === undefined || x.truncated ? { truncated: true } : {}),
      note: `${DRAFT_NOTE}${x.reason}${x.note ? `。${x.note}` : ''}`,
      guidance: x.guidance,
    };
    return { def, cell: x.cell, todo: { status: 'draft', text: x.cell.text, reason: x.reason, cell: x.cell.address } };
  }

  private indicators(items: readonly IndicatorDraft[], base: string): [Indicator, ...Indicator[]] {
    return items.map((d, i) => {
      const at = `${base}/${i}`;
      this.cellAt.set(at, d.cell.address);
      if (d.todo) {
        this.comments.set(at, `${d.todo.status === 'draft' ? '待补充' : '待确认'}（${this.o.sheet}!${d.todo.cell}）：${d.todo.reason}`);
        this.unparsed.push({ sheet: this.o.sheet, cell: d.todo.cell, indicator: d.def.id, status: d.todo.status, text: d.todo.text, reason: d.todo.reason });
      }
      return d.def;
    }) as [Indicator, ...Indicator[]];
  }
}

/** A heading with nothing under it, read as the row it is. */
function headingRow(node: SectionNode): LeafNode {
  const cell = node.cell!;
  const leaf: Leaf = { row: cell.span.top, label: cell, texts: [], rules: [], method: [], evidence: [], office: [], remark: [], ...(node.pointsCell ? { points: { cell: node.pointsCell, value: node.points! } } : {}) };
  return { kind: 'leaf', leaf };
}

function keyOf(leaf: Leaf): IndicatorKey | undefined {
  const k = leaf.key ? parseKey(leaf.key) : undefined;
  return k && 'indicator' in k ? k : undefined;
}

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
