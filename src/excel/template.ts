// Blank (or pre-filled) inspection workbooks: a single-unit sheet with one row per answer field, a bulk sheet with
// one row per unit and one column per field, and a print workbook with one single-unit sheet per unit for those who
// fill in the bulk sheet but inspect on paper. Pure: rubric in, bytes out.
import ExcelJS, { type DataValidation, type Workbook, type Worksheet } from 'exceljs';
import type { Indicator, Rubric } from '../rubric/model.js';
import { PERIOD_PATTERN } from '../calendar/period.js';
import type { Submission, Unit } from '../schema/generated/submission.js';
import { answerFor, readAnswer } from '../engine/answers.js';
import { writeEmbedded } from './embedded.js';
import { bulkLabel, type Field, requirementText, rubricFields, scoreCeiling, scoredSections, splitAnswer } from './fields.js';
import { LEVEL_ZH } from '../levels.js';
import {
  factKey,
  factName,
  FIELD_KEY_COLUMN,
  HEADER_FIELDS,
  POINT_COLUMNS,
  SECTION_KEY,
  SHEET,
  SIGNATURE_KEY,
  SINGLE_COLUMNS,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
} from './layout.js';
import { type Block, contentUnits, fitColumns, heightFor, MAX_ROW_HEIGHT, pageCapacity, pageSetup, pageUnits, paginate, textHeight } from './print.js';
import { BOLD, BORDER, cap, cellAt, CENTER, FONT, HEADER_FILL, header, INPUT_FILL, type Look, merge, MUTED_FILL, newWorkbook, note, RIGHT_BOTTOM, setLook, SIGN_LINE, spanWidth, title, TITLE, UNLOCKED, WRAP } from './style.js';
import { workbookBytes } from './pack.js';

export interface TemplateOptions {
  unit?: Unit;
  period?: string;
  /** Answers to write into the template, e.g. last month's, or a submission in tests. */
  prefill?: Submission;
}

export interface BulkTemplateOptions {
  period?: string;
  units?: readonly Unit[];
  prefill?: readonly Submission[];
}

const PROTECT = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, spinCount: 1000 };

/** What the bulk sheet prints instead of itself, and where the sheet says so. */
export const NOT_FOR_PRINTING =
  '本表用于批量录入，不用于打印（每个单位一行，打印出来无法阅读）。需要纸质检查表时，请下载逐单位打印表：命令行 template --print（可用 --prefill 带入本表的数据），或服务接口 /rubrics/{评分标准}/template?print=true；导入后每个单位的考核结果也可以单独打印。';

export async function buildTemplate(rubric: Rubric, opts: TemplateOptions = {}): Promise<Buffer> {
  const wb = newWorkbook();
  guideSheet(wb, rubric, 'single');
  inspectionSheet(wb, SHEET.single, rubric, { ...opts, interactive: true, lists: listSheet(wb) });
  metaSheet(wb, rubric, 'single');
  await protect(wb.getWorksheet(SHEET.single)!);
  return workbookBytes(wb);
}

/**
 * The paper companion of the bulk sheet: one printable single-unit sheet per unit (or per submission, pre-filled),
 * in the layout of the single template. It is for printing only; its hidden sheet says so, and the importer refuses
 * it with a message saying where answers go instead.
 */
export async function buildPrintWorkbook(rubric: Rubric, opts: BulkTemplateOptions = {}): Promise<Buffer> {
  const wb = newWorkbook();
  const subs = opts.prefill ?? [];
  const forms: TemplateOptions[] = subs.length > 0
    ? subs.map((s) => ({ prefill: s }))
    : (opts.units?.length ? opts.units : [undefined]).map((unit) => ({ ...(unit ? { unit } : {}), ...(opts.period ? { period: opts.period } : {}) }));
  const used = new Set<string>();
  forms.forEach((form, i) => {
    const unit = form.prefill?.unit ?? form.unit;
    inspectionSheet(wb, sheetName(`${i + 1} ${unit?.name || '检查表'}`, used), rubric, { ...form, interactive: false });
  });
  metaSheet(wb, rubric, 'print');
  return workbookBytes(wb);
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique without regard to case. */
function sheetName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let name = clean;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - String(n).length - 1)}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

interface SheetOptions extends TemplateOptions {
  /** A template to fill in on screen: dropdowns, unlocked yellow cells, hidden keys; otherwise a form to print. */
  interactive: boolean;
  lists?: Lists;
}

/** Descriptive cells of an indicator, merged across its rows. */
const DESCRIPTIVE = ['id', 'title', 'text', 'inspect'] as const;
/** Indicator-level inputs, one per indicator, merged across its rows. */
const PER_INDICATOR = ['na', 'note', 'points', 'self', 'assessed'] as const;

/** Width bounds of the columns, in Excel units. */
const WIDTHS: Record<string, [number, number]> = {
  title: [10, 16], text: [24, 40], inspect: [18, 30], item: [12, 20], answer: [8, 10], na: [10, 12], note: [10, 12],
  points: [5, 5], self: [6, 6], assessed: [6, 6], field: [10, 10],
};

function inspectionSheet(wb: Workbook, name: string, rubric: Rubric, opts: SheetOptions): void {
  const fields = rubricFields(rubric);
  const sub = opts.prefill;
  const level = sub?.unit.level ?? opts.unit?.level ?? (rubric.appliesTo.length === 1 ? rubric.appliesTo[0] : undefined);
  const points = rubric.scoring.method === 'points';
  const columns = [...SINGLE_COLUMNS, ...(points ? POINT_COLUMNS : []), ...(opts.interactive ? [FIELD_KEY_COLUMN] : [])];
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  const visible = columns.length - (opts.interactive ? 1 : 0);
  const answers = fieldValues(rubric, sub ? [sub] : [])[0];

  // The rows, as text first: the widths and heights are worked out from what they hold.
  interface Line { kind: 'section'; text: string; scored?: { id: string; budget: number } }
  interface Row { kind: 'field'; ind: Indicator; field: Field; index: number; values: Map<string, ExcelJS.CellValue>; skip: boolean }
  const lines: Array<Line | Row> = [];
  const scored = points ? scoredSections(rubric) : new Map<string, { id: string; budget: number }>();
  const fieldsOf = new Map<Indicator, Field[]>();
  for (const f of fields) fieldsOf.set(f.indicator, [...(fieldsOf.get(f.indicator) ?? []), f]);
  let section: readonly string[] = [];
  for (const ind of rubric.indicators) {
    lines.push(...headingLines(section, ind.section, scored));
    section = ind.section;
    // An indicator that does not concern the unit's level gets one locked row and no answer cells.
    const skip = level !== undefined && !ind.levels.includes(level);
    const own = (fieldsOf.get(ind) ?? []).slice(0, skip ? 1 : undefined);
    const raw = answerFor(sub?.answers, ind.id);
    const answer = raw === undefined ? undefined : readAnswer(raw);
    const title = ind.title + (ind.veto ? '［否决项］' : '') + (ind.requirement === 'recommended' ? '［推荐］' : '') + (ind.levels.length < rubric.appliesTo.length ? `［仅${ind.levels.map((l) => LEVEL_ZH[l]).join('、')}］` : '');
    const text = `${ind.text}\n判定：${requirementText(rubric, ind)}`;
    const inspect = `${ind.guidance.inspect}\n留存：${ind.guidance.evidence.join('、')}`;
    own.forEach((f, index) => {
      const values = new Map<string, ExcelJS.CellValue>([
        ['id', ind.id],
        ['title', title],
        ['text', text],
        ['inspect', inspect],
        ['item', skip ? `不适用于${LEVEL_ZH[level!]}，不必填写` : itemText(f)],
        ['field', f.key],
      ]);
      const v = skip ? undefined : answer?.kind === 'not_applicable' ? (f.first ? '不适用' : undefined) : answers?.get(f.key);
      if (v !== undefined) values.set('answer', v);
      if (f.first && answer?.kind === 'not_applicable') values.set('na', answer.reason);
      if (f.first && answer?.note) values.set('note', answer.note);
      if (points) values.set('points', scoreCeiling(ind) ?? '—');
      const self = sub?.self_scores?.[ind.id];
      const assessed = sub?.inspector_scores?.[ind.id];
      if (f.first && self !== undefined) values.set('self', self);
      if (f.first && assessed !== undefined) values.set('assessed', assessed);
      lines.push({ kind: 'field', ind, field: f, index, values, skip });
    });
  }

  const ws = wb.addWorksheet(name);
  const { widths, scale } = fitColumns(
    columns.slice(0, visible).map((c) => {
      const texts = [c.label, ...lines.flatMap((l) => (l.kind === 'field' ? [String(l.values.get(c.key) ?? '')] : []))];
      const want = Math.max(...texts.map((t) => contentUnits(t)));
      // An id is never broken over two lines: its column is as wide as the longest.
      const [min, max] = c.key === 'id' ? [Math.min(14, want), Math.min(14, want)] : WIDTHS[c.key]!;
      return { min, max, want };
    }),
    'landscape',
  );
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (opts.interactive) Object.assign(ws.getColumn(col('field')), { width: WIDTHS.field![0], hidden: true });

  title(ws, `${rubric.title} 检查表${opts.interactive ? '' : `（${sub?.unit.name ?? opts.unit?.name ?? '打印版'}）`}`, visible);
  const headRow = headerBlock(wb, ws, rubric, opts, visible);
  if (opts.interactive) {
    ws.getRow(headRow - 1).values = columns.map((c) => c.key);
    ws.getRow(headRow - 1).hidden = true;
  } else ws.getRow(headRow - 1).height = 6;
  header(ws, headRow, columns.slice(0, visible).map((c) => c.label));
  ws.views = [{ state: 'frozen', ySplit: headRow }];

  // Each column's looks: as it is, as an input, greyed out.
  const looks = columns.map((c): Record<'plain' | 'input' | 'muted', Look> => {
    const plain: Look = { font: FONT, border: BORDER, alignment: c.key === 'answer' || c.key === 'points' ? CENTER : WRAP };
    return { plain, input: { ...plain, ...INPUT }, muted: { ...plain, fill: MUTED_FILL } };
  });
  const once = new Set<string>([...DESCRIPTIVE, ...PER_INDICATOR]);

  // Write every row and note the blocks that must stay on one page.
  const blocks: Array<Block & { ind?: Indicator }> = [];
  let row = headRow + 1;
  let block: (Block & { ind: Indicator }) | undefined;
  for (const line of lines) {
    const r = ws.getRow(row);
    if (line.kind === 'section') {
      // A section with points of its own (分值) is scored whole: its row carries its points and its score cells.
      const upTo = line.scored ? col('points') - 1 : visible;
      merge(ws, row, 1, row, upTo);
      r.getCell(1).value = line.text;
      setLook(r.getCell(1), { font: BOLD, fill: HEADER_FILL, alignment: WRAP, border: BORDER });
      if (opts.interactive) r.getCell(col('field')).value = line.scored ? `${SECTION_KEY}:${line.scored.id}` : SECTION_KEY;
      if (line.scored) {
        const { id, budget } = line.scored;
        const given = { points: budget, self: sub?.self_scores?.[id], assessed: sub?.inspector_scores?.[id] };
        for (const key of ['points', 'self', 'assessed'] as const) {
          const cell = r.getCell(col(key));
          const input = key !== 'points' && opts.interactive;
          setLook(cell, { font: BOLD, fill: HEADER_FILL, alignment: CENTER, border: BORDER, ...(input ? INPUT : {}) });
          if (given[key] !== undefined) cell.value = given[key];
          if (input) {
            cell.dataValidation = numberValidation({ type: 'number', unit: '分', min: 0, max: budget, integer: false });
          }
        }
      }
      r.height = textHeight(line.text, spanWidth(ws, 1, upTo));
      blocks.push({ first: row, last: row, keepWithNext: true });
      row++;
      continue;
    }
    if (line.index === 0) blocks.push((block = { first: row, last: row, ind: line.ind }));
    block!.last = row;
    // Score cells only where a score can be stated: an item with points, or a bonus item (up to its cap). A deduction
    // rule without points is scored through its section (or the total), so its cells are greyed out.
    const ceiling = scoreCeiling(line.ind);
    const scores = points && ceiling !== undefined ? ['self', 'assessed'] : [];
    const inputs = !opts.interactive || line.skip ? [] : ['answer', ...(line.index === 0 ? ['na', 'note', ...scores] : [])];
    const muted = line.skip ? ['answer', 'na', 'note', ...(points ? ['self', 'assessed'] : [])] : points && !scores.length ? ['self', 'assessed'] : [];
    columns.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      const v = line.values.get(c.key);
      if (v !== undefined && (!once.has(c.key) || line.index === 0)) cell.value = v;
      // The hidden key column stays unstyled: LibreOffice emits wrapped text of a hidden column, invisibly, in its PDFs.
      if (c.key === FIELD_KEY_COLUMN.key) return;
      setLook(cell, looks[i]![inputs.includes(c.key) ? 'input' : muted.includes(c.key) ? 'muted' : 'plain']);
    });
    if (opts.interactive && !line.skip) {
      const answerCell = r.getCell(col('answer'));
      answerCell.dataValidation = fieldValidation(line.field, opts.lists!, answerCell.address);
      if (line.index === 0) {
        const max = Number.isFinite(ceiling) ? { max: ceiling } : {};
        for (const key of scores) r.getCell(col(key)).dataValidation = numberValidation({ type: 'number', unit: '分', min: 0, ...max, integer: false });
      }
    }
    row++;
  }
  const lastBody = row - 1;

  // Heights: each row its own cells; the indicator's merged cells share out what they need over its rows.
  const mergedKeys = [...DESCRIPTIVE, ...PER_INDICATOR].filter((k) => col(k) > 0 && col(k) <= visible);
  for (const b of blocks) {
    if (!b.ind) continue;
    const span = b.last - b.first + 1;
    const own: number[] = [];
    for (let r = b.first; r <= b.last; r++) {
      let h = heightFor(1);
      for (let c = 1; c <= visible; c++) {
        if (span > 1 && mergedKeys.some((k) => col(k) === c)) continue;
        h = Math.max(h, textHeight(cellAt(ws, r, c).text ?? '', ws.getColumn(c).width!));
      }
      own.push(h);
    }
    const shared = Math.max(0, ...mergedKeys.map((k) => textHeight(cellAt(ws, b.first, col(k)).text ?? '', ws.getColumn(col(k)).width!)));
    const extra = Math.max(0, shared - own.reduce((s, h) => s + h, 0)) / span;
    own.forEach((h, i) => (ws.getRow(b.first + i).height = Math.min(MAX_ROW_HEIGHT, Math.ceil((h + extra) * 2) / 2)));
  }

  // Signature lines, kept together on the last page.
  const signFirst = lastBody + 2;
  signatureBlock(ws, signFirst, visible);
  if (opts.interactive) for (const r of [signFirst, signFirst + 1]) ws.getCell(r, col('field')).value = SIGNATURE_KEY;
  blocks.push({ first: lastBody + 1, last: signFirst + 1 });

  const heightOf = (r: number) => (ws.getRow(r).hidden ? 0 : (ws.getRow(r).height ?? heightFor(1)));
  let top = 0;
  for (let r = 1; r < headRow; r++) top += heightOf(r);
  const { breaks, split } = paginate(blocks, heightOf, pageCapacity('landscape', scale, heightOf(headRow)), top);

  // Merges, one per page an indicator is printed on: each part shows the id, so no page has rows without one.
  for (const b of blocks) {
    if (!b.ind) continue;
    const cuts = split.get(b) ?? [];
    const parts = [b.first, ...cuts.map((c) => c + 1)].map((start, i) => [start, i < cuts.length ? cuts[i]! : b.last] as const);
    parts.forEach(([from, to], i) => {
      if (i > 0) {
        ws.getCell(from, col('id')).value = b.ind!.id;
        ws.getCell(from, col('title')).value = `${b.ind!.title}（续）`;
        for (const key of ['text', 'inspect']) ws.getCell(from, col(key)).value = '（见上页）';
      }
      if (to > from) for (const key of DESCRIPTIVE) merge(ws, from, col(key), to, col(key));
    });
    // An indicator's own inputs stay one cell however it is printed: the importer reads them from its first row.
    if (b.last > b.first) for (const key of PER_INDICATOR) if (col(key) > 0) merge(ws, b.first, col(key), b.last, col(key));
  }
  // What prints: the visible columns, through the signature lines.
  pageSetup(ws, { orientation: 'landscape', scale, titleRows: `${headRow}:${headRow}`, area: `A$1:${columnLetter(visible)}$${signFirst + 1}`, breaks });
}

/**
 * The heading rows between one indicator and the next: the changed part of the heading chain as one row, as before,
 * except that a section scored whole gets a row of its own (with its points and score cells), so nested budgets
 * (70 → 15 → 3) each have somewhere to be scored.
 */
function headingLines(prev: readonly string[], next: readonly string[], scored: ReadonlyMap<string, { id: string; budget: number }>): Array<{ kind: 'section'; text: string; scored?: { id: string; budget: number } }> {
  let same = 0;
  while (same < prev.length && same < next.length && prev[same] === next[same]) same++;
  if (same === next.length && same === prev.length) return [];
  const out: Array<{ kind: 'section'; text: string; scored?: { id: string; budget: number } }> = [];
  // Back in a section after its subsection: its heading again, without the score cells it already has.
  if (same === next.length) return next.length ? [{ kind: 'section', text: next.join(' › ') }] : [];
  for (let d = same; d < next.length; d++) {
    const text = next.slice(0, d + 1).join(' › ');
    const s = scored.get(text);
    if (s || d === next.length - 1) out.push({ kind: 'section', text, ...(s ? { scored: s } : {}) });
  }
  return out;
}

/** What the 检查项 cell says: the sub-item, or for a whole-indicator answer how to answer it. */
function itemText(f: Field): string {
  const i = f.input;
  const how =
    i.type === 'yesno' ? '是/否'
    : i.type === 'choice' ? '从下拉列表选择'
    : i.type === 'numbers' ? `逐次的数值（${i.unit}），用顿号分隔，没有填“无”`
    : `${i.integer ? '整数' : '数值'}（${i.unit}）`;
  if (!f.label) return `填${how}`;
  return i.type === 'number' ? `${f.label}（${i.unit}）` : f.label;
}

const LABEL: Partial<ExcelJS.Alignment> = { vertical: 'middle', horizontal: 'right', wrapText: true };
const MIDDLE: Partial<ExcelJS.Alignment> = { vertical: 'middle', wrapText: true };

/**
 * Unit, period, inspector and facts as label/value pairs, two to a row: the left value under 要求, the right one
 * across the columns after 检查要点. Returns the row of the column headings, after the hidden key row.
 */
function headerBlock(wb: Workbook, ws: Worksheet, rubric: Rubric, opts: SheetOptions, visible: number): number {
  const sub = opts.prefill;
  const fields: Array<{ label: string; name: string; value: string | number | undefined; validation?: DataValidation }> = [
    ...HEADER_FIELDS.map((h) => ({ label: h.label, name: h.name, value: headerValue(h.key, sub, opts), validation: headerValidation(h.key, rubric) })),
    ...Object.entries(rubric.facts).map(([key, f]) => ({
      label: `${f.label}（${f.unit}）`,
      name: factName(key),
      value: sub?.facts?.[key],
      validation: numberValidation({ type: 'number', unit: f.unit, min: f.minimum, integer: f.integer ?? false }),
    })),
  ];
  const rows = Math.ceil(fields.length / 2);
  fields.forEach((h, i) => {
    const row = 2 + (i % rows);
    const [labelFrom, labelTo, valueFrom, valueTo] = i < rows ? [1, 2, 3, 3] : [4, 4, 5, visible];
    if (labelTo > labelFrom) merge(ws, row, labelFrom, row, labelTo);
    if (valueTo > valueFrom) merge(ws, row, valueFrom, row, valueTo);
    const label = ws.getCell(row, labelFrom);
    label.value = h.label;
    setLook(label, { font: BOLD, alignment: LABEL });
    const cell = ws.getCell(row, valueFrom);
    setLook(cell, { numFmt: '@', font: FONT, alignment: MIDDLE, border: BORDER, ...(opts.interactive ? INPUT : {}) });
    if (h.value !== undefined) cell.value = h.value;
    if (opts.interactive) {
      if (h.validation) cell.dataValidation = h.validation;
      wb.definedNames.add(`'${ws.name}'!$${columnLetter(valueFrom)}$${row}`, h.name);
    }
    ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 0, heightFor(1) + 4, textHeight(String(h.value ?? ''), spanWidth(ws, valueFrom, valueTo)));
  });
  return 2 + rows + 1;
}

function signatureBlock(ws: Worksheet, row: number, visible: number): void {
  const pairs: Array<[string, string]> = [['检查人（签字）：', '被检查单位负责人（签字）：'], ['检查日期：', '日期：']];
  pairs.forEach(([left, right], i) => {
    const r = ws.getRow(row + i);
    merge(ws, row + i, 1, row + i, 2);
    merge(ws, row + i, 5, row + i, visible);
    r.getCell(1).value = left;
    r.getCell(4).value = right;
    for (const c of [1, 4]) setLook(r.getCell(c), { font: BOLD, alignment: RIGHT_BOTTOM });
    for (const c of [3, 5]) setLook(r.getCell(c), { border: SIGN_LINE });
    r.height = 30;
  });
}

export async function buildBulkTemplate(rubric: Rubric, opts: BulkTemplateOptions = {}): Promise<Buffer> {
  const wb = newWorkbook();
  const fields = rubricFields(rubric);
  guideSheet(wb, rubric, 'bulk');
  const ws = wb.addWorksheet(SHEET.bulk, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  const lists = listSheet(wb);
  const facts = Object.entries(rubric.facts);
  const onlyFor = (ind: Indicator) => (ind.levels.length < rubric.appliesTo.length ? `\n仅适用于${ind.levels.map((l) => LEVEL_ZH[l]).join('、')}，其他单位留空。` : '');
  const columns = [
    ...HEADER_FIELDS.map((h) => ({ key: h.key, label: h.label, note: undefined as string | undefined, validation: headerValidation(h.key, rubric) as DataValidation | undefined | ((anchor: string) => DataValidation) })),
    ...facts.map(([name, f]) => ({ key: factKey(name), label: `${f.label}（${f.unit}）`, note: undefined, validation: numberValidation({ type: 'number', unit: f.unit, min: f.minimum, integer: f.integer ?? false }) })),
    ...fields.map((f) => ({
      key: f.key,
      label: bulkLabel(f),
      note: `${f.indicator.text}\n要求：${requirementText(rubric, f.indicator)}${f.indicator.na ? `\n可填“不适用：原因”（${f.indicator.na.when}）` : ''}${onlyFor(f.indicator)}`,
      validation: (anchor: string) => fieldValidation(f, lists, anchor),
    })),
  ];
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = i < HEADER_FIELDS.length ? Math.min(26, Math.max(12, contentUnits(c.label))) : 14));
  // Row 1 says, on screen and as the whole print area, that this sheet is not for printing and what to print.
  let noticeSpan = 1;
  while (noticeSpan < columns.length && spanWidth(ws, 1, noticeSpan + 1) <= pageUnits('landscape')) noticeSpan++;
  note(ws, 1, NOT_FOR_PRINTING, noticeSpan, { ...BOLD, color: { argb: 'FFC00000' } });
  ws.getRow(2).values = columns.map((c) => c.key);
  ws.getRow(2).hidden = true;
  header(ws, 3, columns.map((c) => c.label));
  columns.forEach((c, i) => {
    if (c.note) ws.getRow(3).getCell(i + 1).note = c.note;
  });

  const subs = opts.prefill ?? [];
  const units = subs.length > 0 ? subs.map((s) => s.unit) : (opts.units ?? []);
  const rows = Math.max(units.length, 1);
  const values = fieldValues(rubric, subs);
  const first = 4;
  // Header fields and facts are text cells, so codes keep their leading zeros.
  const looks = columns.map((c, j): Look => ({ font: FONT, ...INPUT, ...(j < HEADER_FIELDS.length || c.key.startsWith('fact.') ? { numFmt: '@' } : {}) }));
  for (let i = 0; i < rows; i++) {
    const r = ws.getRow(first + i);
    const sub = subs[i];
    const unit = units[i];
    columns.forEach((c, j) => {
      const cell = r.getCell(j + 1);
      setLook(cell, looks[j]!);
      let v: ExcelJS.CellValue | undefined;
      if (c.key.startsWith('fact.')) v = sub?.facts?.[c.key.slice(5)];
      else if (j < HEADER_FIELDS.length) v = headerValue(c.key as (typeof HEADER_FIELDS)[number]['key'], sub, { ...(unit ? { unit } : {}), ...(opts.period ? { period: opts.period } : {}) });
      else {
        const f = fields[j - HEADER_FIELDS.length - facts.length]!;
        const raw = answerFor(sub?.answers, f.indicator.id);
        const a = raw === undefined ? undefined : readAnswer(raw);
        v = a?.kind === 'not_applicable' ? `不适用：${a.reason}` : values[i]?.get(f.key);
      }
      if (v !== undefined) cell.value = v;
    });
  }
  // One rule per column over the data rows, not one per cell.
  const last = first - 1 + Math.max(rows, 200);
  columns.forEach((c, j) => {
    const v = typeof c.validation === 'function' ? c.validation(`${columnLetter(j + 1)}${first}`) : c.validation;
    if (v) (ws as Worksheet & { dataValidations: { add(range: string, rule: DataValidation): void } }).dataValidations.add(`${columnLetter(j + 1)}${first}:${columnLetter(j + 1)}${last}`, v);
  });
  // exceljs writes the area as '$' + each corner, so the rows are made absolute here.
  pageSetup(ws, { orientation: 'landscape', scale: 100, area: `A$1:${columnLetter(noticeSpan)}$1` });
  await protect(ws, { insertRows: true, deleteRows: true });
  metaSheet(wb, rubric, 'bulk');
  return workbookBytes(wb);
}

const protect = (ws: Worksheet, extra: object = {}) => ws.protect('', { ...PROTECT, ...extra });

function headerValue(key: (typeof HEADER_FIELDS)[number]['key'], sub: Submission | undefined, opts: { unit?: Unit; period?: string }): string | undefined {
  // A unit named by the caller wins over the pre-filled one: last month's answers for this unit.
  const unit = opts.unit ?? sub?.unit;
  switch (key) {
    case 'unit.code': return unit?.code;
    case 'unit.name': return unit?.name;
    case 'unit.level': return unit ? LEVEL_ZH[unit.level] : undefined;
    case 'period': return opts.period ?? sub?.period;
    case 'inspector': return sub?.inspector;
    case 'inspected_on': return sub?.inspected_on;
  }
}

function headerValidation(key: string, rubric: Rubric): DataValidation | undefined {
  if (key === 'unit.level') {
    return { type: 'list', allowBlank: true, formulae: [`"${rubric.appliesTo.map((l) => LEVEL_ZH[l]).join(',')}"`], showErrorMessage: true, errorTitle: '单位层级', error: `请选择：${rubric.appliesTo.map((l) => LEVEL_ZH[l]).join('、')}` };
  }
  if (key === 'period') {
    const { pattern, example } = PERIOD_PATTERN[rubric.period];
    return { type: 'textLength', operator: 'between', allowBlank: true, formulae: [6, 8], showInputMessage: true, promptTitle: '考核期间', prompt: `格式 ${pattern}，例如 ${example}` };
  }
  return undefined;
}

/** Field values of each submission, keyed by field key, as cells should show them. */
function fieldValues(rubric: Rubric, subs: readonly Submission[]): Array<Map<string, ExcelJS.CellValue>> {
  const fields = new Map(rubricFields(rubric).map((f) => [f.key, f]));
  return subs.map((sub) => {
    const out = new Map<string, ExcelJS.CellValue>();
    for (const ind of rubric.indicators) {
      const raw = answerFor(sub.answers, ind.id);
      if (raw === undefined) continue;
      const a = readAnswer(raw);
      if (a.kind !== 'value') continue;
      for (const [key, v] of splitAnswer(ind, a.value)) {
        const f = fields.get(key);
        if (!f) continue;
        out.set(key, cellText(f, v));
      }
    }
    return out;
  });
}

/** A field value as the template pre-fills it. */
function cellText(f: Field, v: unknown): ExcelJS.CellValue {
  const i = f.input;
  if (i.type === 'yesno') return v ? '是' : '否';
  if (i.type === 'choice') return i.options.find((o) => o.id === v)?.label ?? String(v);
  if (i.type === 'numbers') return (v as number[]).length === 0 ? '无' : (v as number[]).join('、');
  return numberShown(f, v as number);
}

/**
 * A percentage under 1 is written with its sign (0.5%): a bare 0.5 in a percentage cell is read back as 50%, the
 * fraction people mean when they type it (cells.ts).
 */
const numberShown = (f: Field, v: number): ExcelJS.CellValue => (f.input.type === 'number' && f.input.unit === '%' && v > 0 && v < 1 ? `${v}%` : v);

type Lists = { add(values: readonly string[]): string };

/** Long or comma-bearing dropdowns go to a hidden sheet: Excel rejects inline lists over 255 characters. */
function listSheet(wb: Workbook): Lists {
  let ws: Worksheet | undefined;
  let column = 0;
  return {
    add(values) {
      ws ??= wb.addWorksheet(SHEET.lists, { state: 'veryHidden' });
      column++;
      values.forEach((v, i) => (ws!.getCell(i + 1, column).value = v));
      const letter = columnLetter(column);
      return `'${SHEET.lists}'!$${letter}$1:$${letter}$${values.length}`;
    },
  };
}

/**
 * `anchor` is the top-left cell the rule applies to; relative formulas are written against it. No errorStyle is
 * written: its default is "stop", and the schema allows only stop, warning and information.
 */
function fieldValidation(f: Field, lists: Lists, anchor: string): DataValidation {
  const na = f.first && f.indicator.na !== null;
  const i = f.input;
  if (i.type === 'number') return numberValidation(i, na ? anchor : undefined);
  if (i.type === 'numbers') {
    // A list of numbers is text; Excel has no rule for it, so only a prompt guides the entry.
    const prompt = cap(`逐次填写数值（单位 ${i.unit}），用顿号分隔，如“20、45”；没有填“无”`, 255);
    return { type: 'custom', allowBlank: true, formulae: ['TRUE'], showInputMessage: true, promptTitle: cap(`单位：${i.unit}`, 32), prompt };
  }
  const choices = i.type === 'yesno' ? ['是', '否'] : i.options.map((o) => o.label);
  if (na) choices.push('不适用');
  const inline = `"${choices.join(',')}"`;
  const formula = inline.length > 255 || choices.some((c) => c.includes(',') || c.includes('"')) ? lists.add(choices) : inline;
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: '请从下拉列表中选择',
    error: cap(`可选：${choices.join('、')}`, 255),
  };
}

function numberValidation(i: Extract<Field['input'], { type: 'number' }>, naAnchor?: string): DataValidation {
  const naAllowed = naAnchor !== undefined;
  const range = i.min !== undefined && i.max !== undefined ? `${i.min}–${i.max}` : i.min !== undefined ? `不小于 ${i.min}` : i.max !== undefined ? `不大于 ${i.max}` : '';
  const percent = i.unit === '%' ? '；百分比填 0–100 的数（如 95）或 95%' : '';
  const message = cap(`请填写${i.integer ? '整数' : '数值'}${range ? `（${range}）` : ''}，单位：${i.unit}${percent}${naAllowed ? '；不适用的填“不适用：原因”' : ''}`, 255);
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: cap(`数值无效（${i.unit}）`, 32), error: message, showInputMessage: true, promptTitle: cap(`单位：${i.unit}`, 32), prompt: message };
  if (naAllowed) {
    // A numeric rule would refuse the text 不适用; a custom rule allows either.
    return { ...common, type: 'custom', formulae: [`OR(ISNUMBER(${naAnchor}),LEFT(${naAnchor},3)="不适用")`] };
  }
  const type = i.integer ? 'whole' : 'decimal';
  if (i.min !== undefined && i.max !== undefined) return { ...common, type, operator: 'between', formulae: [i.min, i.max] };
  if (i.min !== undefined) return { ...common, type, operator: 'greaterThanOrEqual', formulae: [i.min] };
  if (i.max !== undefined) return { ...common, type, operator: 'lessThanOrEqual', formulae: [i.max] };
  return { ...common, type, operator: 'greaterThanOrEqual', formulae: [-1e15] };
}

/** A cell to fill in: unlocked, yellow, bordered. */
const INPUT: Look = { protection: UNLOCKED, fill: INPUT_FILL, border: BORDER };

const SCORES_HOW =
  '“自评分”填被检查单位自己评的分，“考核分”可填检查人手算的分，都可以留空。有分值的项目填在该项目的第一行；有自己分值的部分（标题行右侧有分值的）填在标题行，表示整个部分的得分；只扣分、没有分值的条目（灰色）不填。得分始终按答案计算：考核分与计算结果不一致时导入会提醒；报告中列出自评分和与考核得分的差额。';
const SCORES_NOT_IN_BULK = '批量录入表不含自评分和考核分。需要记录单位自评分的，请用逐单位的检查表（template）填写导入。';

function guideSheet(wb: Workbook, rubric: Rubric, kind: 'single' | 'bulk'): void {
  const ws = wb.addWorksheet(SHEET.guide);
  const lines: Array<[string, string]> = [
    ['评分标准', `${rubric.title}（${rubric.id}，版本 ${rubric.version}）`],
    ['发布机关', rubric.issuer],
    ['内容指纹', rubric.hash],
    ['填写方法', kind === 'single' ? '在“检查表”的黄色单元格中填写：单位信息、每个检查项的答案、不适用原因和备注。其他单元格已锁定。' : '在“批量录入”中每个单位填一行，每个检查项一列；单位代码按文本填写，保留前导零。'],
    ['是/否', '填“是”或“否”，也可以填 √/×、Y/N、有/无。'],
    ['数值', '按“检查项”中的单位填写数字。百分比填 0–100 的数（如 95），或 95%；在百分比格式的单元格中填 95% 亦可。只填一个小于 1 的数（如 0.6）时按比例读取，即 60%，导入时会逐格提醒；确实是不到 1% 的，请写明“0.6%”。'],
    ['清单与尺寸', '清单类指标逐项填写是/否；尺寸类指标逐项填写实测值。'],
    ['不适用', kind === 'single' ? '只有评分标准允许的指标可以不适用：在该指标第一行的答案中填“不适用”，并在“不适用原因”中写明原因。' : '只有评分标准允许的指标可以不适用：在该指标第一列填写“不适用：原因”。'],
    ['只适用于某一层级的指标', kind === 'single' ? '标有［仅村(社区)］等字样的指标，其他层级的单位不必填写（已锁定为灰色）。' : '批注中写明“仅适用于”的列，其他层级的单位留空。'],
    ['未检查', '留空表示未检查；未检查的指标不计为达标。一项也没有填写的表不能导入。'],
    ...(rubric.scoring.method === 'points' ? [['自评分与考核分', kind === 'single' ? SCORES_HOW : SCORES_NOT_IN_BULK] as [string, string]] : []),
    ['打印', kind === 'single' ? '“检查表”按 A4 横向排版，每页重复表头，同一指标不跨页，末尾有签字栏。' : NOT_FOR_PRINTING],
    ['导入', '填好后保存为 .xlsx 文件再导入。请不要另存为 .xls 或 .et，也不要修改隐藏的工作表和隐藏的行列。'],
  ];
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 74;
  merge(ws, 1, 1, 1, 2);
  const head = ws.getCell('A1');
  head.value = `${rubric.title} — ${kind === 'single' ? '检查表' : '批量录入表'}填写说明`;
  setLook(head, { font: TITLE, alignment: WRAP });
  ws.getRow(1).height = textHeight(String(head.value), spanWidth(ws, 1, 2), TITLE.size);
  lines.forEach(([label, text], i) => {
    const r = ws.getRow(3 + i);
    r.getCell(1).value = label;
    r.getCell(2).value = text;
    setLook(r.getCell(1), { font: BOLD, alignment: WRAP, fill: HEADER_FILL, border: BORDER });
    setLook(r.getCell(2), { font: FONT, alignment: WRAP, border: BORDER });
    r.height = Math.max(textHeight(label, 16), textHeight(text, 74));
  });
  pageSetup(ws, { orientation: 'portrait', scale: 100 });
}

function metaSheet(wb: Workbook, rubric: Rubric, kind: 'single' | 'bulk' | 'print'): void {
  const ws = wb.addWorksheet(SHEET.meta, { state: 'veryHidden' });
  const rows: Array<[string, string]> = [
    ['format', TEMPLATE_FORMAT],
    ['template_version', TEMPLATE_VERSION],
    ['kind', kind],
    ['rubric_id', rubric.id],
    ['rubric_version', rubric.version],
    ['rubric_hash', rubric.hash],
  ];
  rows.forEach(([k, v], i) => {
    ws.getCell(i + 1, 1).value = k;
    ws.getCell(i + 1, 2).value = v;
  });
  writeEmbedded(ws, rubric, rows.length + 1);
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
