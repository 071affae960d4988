// Blank (or pre-filled) inspection workbooks: a single-unit sheet with one row per answer field, and a bulk
// sheet with one row per unit and one column per field. Pure: rubric in, bytes out.
import ExcelJS, { type Cell, type DataValidation, type Workbook, type Worksheet } from 'exceljs';
import type { Rubric } from '../rubric/model.js';
import type { Submission, Unit } from '../schema/generated/submission.js';
import { readAnswer } from '../engine/answers.js';
import { writeEmbedded } from './embedded.js';
import { bulkLabel, type Field, requirementText, rubricFields, splitAnswer } from './fields.js';
import { LEVEL_ZH } from '../levels.js';
import {
  factKey,
  factName,
  FIELD_KEY_COLUMN,
  HEADER_FIELDS,
  POINT_COLUMNS,
  SHEET,
  SINGLE_COLUMNS,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
} from './layout.js';
import { BOLD, BORDER, cap, CENTER, fitWidth, FONT, header, INPUT_FILL, labelledRows, LINE_HEIGHT, linesNeeded, newWorkbook, printSetup, title, TITLE, WRAP } from './style.js';

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

export async function buildTemplate(rubric: Rubric, opts: TemplateOptions = {}): Promise<Buffer> {
  const wb = newWorkbook();
  const fields = rubricFields(rubric);
  guideSheet(wb, rubric, 'single');
  const ws = wb.addWorksheet(SHEET.single, { views: [{ state: 'frozen', ySplit: 5 }] });
  const points = rubric.scoring.method === 'points';
  const columns = [...SINGLE_COLUMNS, ...(points ? POINT_COLUMNS : []), FIELD_KEY_COLUMN];
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  const lists = listSheet(wb);

  title(ws, `${rubric.title} 检查表`, columns.length - 1);

  // Header block: label/value pairs across rows 2–3; values are unlocked and found by defined names.
  const sub = opts.prefill;
  const headerFields: Array<{ key: string; label: string; name: string; value: string | number | undefined; validation?: DataValidation }> = [
    ...HEADER_FIELDS.map((h) => ({ ...h, value: headerValue(h.key, sub, opts), validation: headerValidation(h.key, rubric) })),
    ...Object.entries(rubric.facts).map(([name, f]) => ({
      key: factKey(name),
      label: `${f.label}（${f.unit}）`,
      name: factName(name),
      value: sub?.facts?.[name],
      validation: numberValidation({ type: 'number', unit: f.unit, min: f.minimum, integer: f.integer ?? false }),
    })),
  ];
  headerFields.forEach((h, i) => {
    const row = 2 + Math.floor(i / 4);
    const c = 1 + (i % 4) * 3;
    const label = ws.getCell(row, c);
    label.value = h.label;
    label.font = BOLD;
    label.alignment = { vertical: 'middle', horizontal: 'right' };
    ws.mergeCells(row, c + 1, row, c + 2);
    const cell = ws.getCell(row, c + 1);
    cell.numFmt = '@';
    if (h.value !== undefined) cell.value = h.value;
    inputCell(cell);
    if (h.validation) cell.dataValidation = h.validation;
    wb.definedNames.add(`'${SHEET.single}'!$${columnLetter(c + 1)}$${row}`, h.name);
  });

  const headRow = 5;
  ws.getRow(4).values = columns.map((c) => c.key);
  ws.getRow(4).hidden = true;
  header(ws, headRow, columns.map((c) => c.label));

  const answers = fieldValues(rubric, sub ? [sub] : []);
  let row = headRow + 1;
  for (const ind of rubric.indicators) {
    const own = fields.filter((f) => f.indicator === ind);
    const first = row;
    const raw = sub?.answers[ind.id];
    const answer = raw === undefined ? undefined : readAnswer(raw);
    for (const f of own) {
      const r = ws.getRow(row);
      const set = (key: string, v: ExcelJS.CellValue) => (r.getCell(col(key)).value = v);
      set('level1', ind.section[0] ?? '');
      set('level2', ind.section[1] ?? '');
      set('id', ind.id);
      set('title', ind.title + (ind.veto ? '［否决项］' : '') + (ind.requirement === 'recommended' ? '［推荐］' : ''));
      set('text', ind.text);
      set('inspect', `${ind.guidance.inspect}\n留存：${ind.guidance.evidence.join('、')}`);
      set('item', f.label);
      set('hint', hint(f, requirementText(rubric, ind)));
      set('field', f.key);
      const answerCell = r.getCell(col('answer'));
      answerCell.dataValidation = fieldValidation(f, lists, answerCell.address);
      const v = answer?.kind === 'not_applicable' ? (f.first ? '不适用' : undefined) : answers[0]?.get(f.key);
      if (v !== undefined) answerCell.value = v;
      for (const key of ['answer', 'na', 'note'] as const) inputCell(r.getCell(col(key)));
      if (f.first) {
        if (answer?.kind === 'not_applicable') r.getCell(col('na')).value = answer.reason;
        if (answer?.note) r.getCell(col('note')).value = answer.note;
      }
      if (points) {
        r.getCell(col('points')).value = ind.points ?? 0;
        for (const key of ['self', 'assessed'] as const) {
          inputCell(r.getCell(col(key)));
          r.getCell(col(key)).dataValidation = numberValidation({ type: 'number', unit: '分', min: 0, max: ind.points ?? 0, integer: false });
        }
      }
      r.eachCell({ includeEmpty: true }, (c, n) => {
        if (n > columns.length) return;
        c.border = BORDER;
        c.alignment = n === col('answer') ? CENTER : WRAP;
        c.font = c.font?.bold ? c.font : FONT;
      });
      row++;
    }
    // Descriptive cells span the indicator's rows; answers stay one per row.
    if (own.length > 1) for (const key of ['level1', 'level2', 'id', 'title', 'text', 'inspect', 'na', 'note']) ws.mergeCells(first, col(key), row - 1, col(key));
  }

  const widths: Record<string, [number, number]> = { level1: [8, 16], level2: [8, 16], id: [5, 8], title: [10, 22], text: [30, 60], inspect: [24, 44], item: [6, 24], answer: [10, 14], hint: [10, 28], na: [12, 20], note: [12, 24] };
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    const [min, max] = widths[c.key] ?? [8, 10];
    const values: string[] = [];
    column.eachCell((cell, n) => {
      if (n >= headRow) values.push(String(cell.value ?? ''));
    });
    column.width = fitWidth(values, min, max);
  });
  ws.getColumn(col('field')).hidden = true;
  sizeRows(ws, headRow + 1, row - 1, columns.length - 1, new Set(['level1', 'level2', 'id', 'title', 'text', 'inspect', 'na', 'note'].map(col)));
  printSetup(ws, `${headRow}:${headRow}`);
  await ws.protect('', PROTECT);
  metaSheet(wb, rubric, 'single');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function buildBulkTemplate(rubric: Rubric, opts: BulkTemplateOptions = {}): Promise<Buffer> {
  const wb = newWorkbook();
  const fields = rubricFields(rubric);
  guideSheet(wb, rubric, 'bulk');
  const ws = wb.addWorksheet(SHEET.bulk, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const lists = listSheet(wb);
  const facts = Object.entries(rubric.facts);
  const columns = [
    ...HEADER_FIELDS.map((h) => ({ key: h.key, label: h.label, note: undefined as string | undefined, validation: headerValidation(h.key, rubric) as DataValidation | undefined | ((anchor: string) => DataValidation) })),
    ...facts.map(([name, f]) => ({ key: factKey(name), label: `${f.label}（${f.unit}）`, note: undefined, validation: numberValidation({ type: 'number', unit: f.unit, min: f.minimum, integer: f.integer ?? false }) })),
    ...fields.map((f) => ({
      key: f.key,
      label: bulkLabel(f),
      note: `${f.indicator.text}\n要求：${requirementText(rubric, f.indicator)}${f.indicator.na ? `\n可填“不适用：原因”（${f.indicator.na.when}）` : ''}`,
      validation: (anchor: string) => fieldValidation(f, lists, anchor),
    })),
  ];
  ws.getRow(1).values = columns.map((c) => c.key);
  ws.getRow(1).hidden = true;
  header(ws, 2, columns.map((c) => c.label));
  const head = ws.getRow(2);
  head.height = 48;
  columns.forEach((c, i) => {
    if (c.note) head.getCell(i + 1).note = c.note;
    ws.getColumn(i + 1).width = i < HEADER_FIELDS.length ? fitWidth([c.label], 12, 26) : fitWidth([c.label], 10, 24);
  });

  const subs = opts.prefill ?? [];
  const units = subs.length > 0 ? subs.map((s) => s.unit) : (opts.units ?? []);
  const rows = Math.max(units.length, 1);
  const values = fieldValues(rubric, subs);
  for (let i = 0; i < rows; i++) {
    const r = ws.getRow(3 + i);
    const sub = subs[i];
    const unit = units[i];
    columns.forEach((c, j) => {
      const cell = r.getCell(j + 1);
      inputCell(cell);
      if (j < HEADER_FIELDS.length || c.key.startsWith('fact.')) cell.numFmt = '@';
      let v: ExcelJS.CellValue | undefined;
      if (c.key.startsWith('fact.')) v = sub?.facts?.[c.key.slice(5)];
      else if (j < HEADER_FIELDS.length) v = headerValue(c.key as (typeof HEADER_FIELDS)[number]['key'], sub, { ...(unit ? { unit } : {}), ...(opts.period ? { period: opts.period } : {}) });
      else {
        const f = fields[j - HEADER_FIELDS.length - facts.length]!;
        const raw = sub?.answers[f.indicator.id];
        const a = raw === undefined ? undefined : readAnswer(raw);
        v = a?.kind === 'not_applicable' ? `不适用：${a.reason}` : values[i]?.get(f.key);
      }
      if (v !== undefined) cell.value = v;
    });
  }
  // One rule per column over the data rows, not one per cell.
  const last = 2 + Math.max(rows, 200);
  columns.forEach((c, j) => {
    const v = typeof c.validation === 'function' ? c.validation(`${columnLetter(j + 1)}3`) : c.validation;
    if (v) (ws as Worksheet & { dataValidations: { add(range: string, rule: DataValidation): void } }).dataValidations.add(`${columnLetter(j + 1)}3:${columnLetter(j + 1)}${last}`, v);
  });
  printSetup(ws, '2:2');
  await ws.protect('', { ...PROTECT, insertRows: true, deleteRows: true });
  metaSheet(wb, rubric, 'bulk');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function headerValue(key: (typeof HEADER_FIELDS)[number]['key'], sub: Submission | undefined, opts: { unit?: Unit; period?: string }): string | undefined {
  const unit = sub?.unit ?? opts.unit;
  switch (key) {
    case 'unit.code': return unit?.code;
    case 'unit.name': return unit?.name;
    case 'unit.level': return unit ? LEVEL_ZH[unit.level] : undefined;
    case 'period': return sub?.period ?? opts.period;
    case 'inspector': return sub?.inspector;
    case 'inspected_on': return sub?.inspected_on;
  }
}

function headerValidation(key: string, rubric: Rubric): DataValidation | undefined {
  if (key === 'unit.level') {
    return { type: 'list', allowBlank: true, formulae: [`"${rubric.appliesTo.map((l) => LEVEL_ZH[l]).join(',')}"`], showErrorMessage: true, errorTitle: '单位层级', error: `请选择：${rubric.appliesTo.map((l) => LEVEL_ZH[l]).join('、')}` };
  }
  if (key === 'period') return { type: 'textLength', operator: 'between', allowBlank: true, formulae: [6, 8], showInputMessage: true, promptTitle: '考核期间', prompt: '格式 YYYY-MM，例如 2026-11' };
  return undefined;
}

/** Field values of each submission, keyed by field key, as cells should show them. */
function fieldValues(rubric: Rubric, subs: readonly Submission[]): Array<Map<string, ExcelJS.CellValue>> {
  const fields = rubricFields(rubric);
  return subs.map((sub) => {
    const out = new Map<string, ExcelJS.CellValue>();
    for (const ind of rubric.indicators) {
      const raw = sub.answers[ind.id];
      if (raw === undefined) continue;
      const a = readAnswer(raw);
      if (a.kind !== 'value') continue;
      for (const [key, v] of splitAnswer(ind, a.value)) {
        const f = fields.find((x) => x.key === key);
        if (!f) continue;
        out.set(key, cellText(f, v));
      }
    }
    return out;
  });
}

/** A field value as the template pre-fills it. */
function cellText(f: Field, v: unknown): string | number {
  const i = f.input;
  if (i.type === 'yesno') return v ? '是' : '否';
  if (i.type === 'choice') return i.options.find((o) => o.id === v)?.label ?? String(v);
  if (i.type === 'numbers') return (v as number[]).length === 0 ? '无' : (v as number[]).join('、');
  return v as number;
}

function hint(f: Field, requirement: string): string {
  const i = f.input;
  const how =
    i.type === 'yesno' ? '填 是/否'
    : i.type === 'choice' ? '从下拉列表选择'
    : i.type === 'numbers' ? `逐次填写数值（单位 ${i.unit}），用顿号分隔，如“20、45”；没有填“无”`
    : `填${i.integer ? '整数' : '数值'}，单位 ${i.unit}`;
  return `${how}\n要求：${requirement}`;
}

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

/** `anchor` is the top-left cell the rule applies to; relative formulas are written against it. */
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
    errorStyle: 'error',
    errorTitle: '请从下拉列表中选择',
    error: cap(`可选：${choices.join('、')}`, 255),
  };
}

function numberValidation(i: Extract<Field['input'], { type: 'number' }>, naAnchor?: string): DataValidation {
  const naAllowed = naAnchor !== undefined;
  const range = i.min !== undefined && i.max !== undefined ? `${i.min}–${i.max}` : i.min !== undefined ? `不小于 ${i.min}` : i.max !== undefined ? `不大于 ${i.max}` : '';
  const message = cap(`请填写${i.integer ? '整数' : '数值'}${range ? `（${range}）` : ''}，单位：${i.unit}${naAllowed ? '；不适用的填“不适用：原因”' : ''}`, 255);
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'error' as const, errorTitle: cap(`数值无效（${i.unit}）`, 32), error: message, showInputMessage: true, promptTitle: cap(`单位：${i.unit}`, 32), prompt: message };
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

function inputCell(cell: Cell): void {
  cell.protection = { locked: false };
  cell.fill = INPUT_FILL;
  cell.border = BORDER;
}

function guideSheet(wb: Workbook, rubric: Rubric, kind: 'single' | 'bulk'): void {
  const ws = wb.addWorksheet(SHEET.guide);
  const lines: Array<[string, string]> = [
    ['评分标准', `${rubric.title}（${rubric.id}，版本 ${rubric.version}）`],
    ['发布机关', rubric.issuer],
    ['内容指纹', rubric.hash],
    ['填写方法', kind === 'single' ? '在“检查表”的黄色单元格中填写：单位信息、每个子项的答案、不适用原因和备注。其他单元格已锁定。' : '在“批量录入”中每个单位填一行，每个子项一列；单位代码按文本填写，保留前导零。'],
    ['是/否', '填“是”或“否”，也可以填 √/×、Y/N、有/无。'],
    ['数值', '按“单位/填写说明”中的单位填写数字；百分比填 0–100 的数（如 95），或在百分比格式的单元格中填 95%。'],
    ['清单与尺寸', '清单类指标逐项填写是/否；尺寸类指标逐项填写实测值。'],
    ['不适用', kind === 'single' ? '只有评分标准允许的指标可以不适用：在该指标第一行的答案中填“不适用”，并在“不适用原因”中写明原因。' : '只有评分标准允许的指标可以不适用：在该指标第一列填写“不适用：原因”。'],
    ['未检查', '留空表示未检查；未检查的指标不计为达标。'],
    ['导入', '填好后保存为 .xlsx 文件再导入。请不要另存为 .xls 或 .et，也不要修改隐藏的工作表和隐藏的行列。'],
  ];
  ws.getCell('A1').value = `${rubric.title} — ${kind === 'single' ? '检查表' : '批量录入表'}填写说明`;
  ws.getCell('A1').font = TITLE;
  labelledRows(ws, 3, lines);
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 90;
  printSetup(ws, '1:1');
}

function metaSheet(wb: Workbook, rubric: Rubric, kind: 'single' | 'bulk'): void {
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

/**
 * Neither exceljs nor LibreOffice sizes rows for wrapped text, so estimate: a row needs its own cells' lines,
 * and its share of the lines of the merged cells (one indicator's description) spanning it.
 */
function sizeRows(ws: Worksheet, from: number, to: number, lastColumn: number, mergedColumns: ReadonlySet<number>): void {
  const width = (c: number) => ws.getColumn(c).width ?? 10;
  const text = (r: number, c: number) => String(ws.getCell(r, c).value ?? '');
  let r = from;
  while (r <= to) {
    const id = text(r, 3);
    let end = r;
    while (end < to && text(end + 1, 3) === id && ws.getCell(end + 1, 3).isMerged) end++;
    const span = end - r + 1;
    let shared = 1;
    for (const c of mergedColumns) shared = Math.max(shared, linesNeeded(text(r, c), width(c)));
    for (let x = r; x <= end; x++) {
      let own = 1;
      for (let c = 1; c <= lastColumn; c++) if (!(span > 1 && mergedColumns.has(c))) own = Math.max(own, linesNeeded(text(x, c), width(c)));
      ws.getRow(x).height = Math.max(own, Math.ceil(shared / span)) * LINE_HEIGHT;
    }
    r = end + 1;
  }
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
