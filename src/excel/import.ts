// Filled templates and bulk sheets back into submissions. Columns are found by the hidden keys first and by
// normalised header text second, never by position alone. Every problem is collected with its sheet, cell,
// indicator and value; a file with problems imports nothing unless only its valid rows are asked for.
import type { Cell, Row, Workbook, Worksheet } from 'exceljs';
import { submissionProblems } from '../engine/submission.js';
import { PERIOD_PATTERN } from '../calendar/period.js';
import type { Problem } from '../errors.js';
import { readEmbedded } from './embedded.js';
import { refuse as refuseWorkbook } from './refusal.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Submission } from '../schema/generated/submission.js';
import { headerText, readCode, readField, readPeriod, readPlain, readScore, type Read } from './cells.js';
import { assembleAnswer, bulkLabel, type Field, rubricFields, scoredSections } from './fields.js';
import { LEVEL_ZH, levelFromLabel } from '../levels.js';
import { factKey, factName, HEADER_FIELDS, POINT_COLUMNS, SECTION_KEY, SHEET, SIGNATURE_KEY, SINGLE_COLUMNS, TEMPLATE_FORMAT } from './layout.js';
import { type OpenLimits, openWorkbook } from './open.js';

export interface ImportOptions {
  /** Finds a bundled rubric by id; used when the workbook names its rubric. */
  resolve(id: string): Rubric | undefined;
  /** The rubric the caller expects; required for workbooks that are not our templates. */
  rubric?: Rubric;
  /** Finds a rubric by content hash (the service's snapshots): a template of an older or uploaded version still imports. */
  byHash?(hash: string): Rubric | undefined;
  /** Take the rubric the template carries when nothing else knows its hash (the CLI, on the user's own files). */
  trustEmbedded?: boolean;
  /** Import the rows without problems and report the rest, instead of importing nothing. */
  onlyValid?: boolean;
}

export interface ImportResult {
  kind: 'single' | 'bulk';
  rubric: Rubric;
  submissions: Submission[];
  /** Every problem, in sheet order and then row by row. */
  problems: Problem[];
  /** Values read, but not as typed (a fraction in a percentage cell): they import, and the person is told where. */
  warnings: Problem[];
  /** Rows (units) that had problems. */
  rejected: number;
}

interface Located {
  sheet: string;
  cell: string;
  value?: string;
}

/** One unit's row (bulk) or sheet (single) as read, before validation. */
interface Draft {
  sub: Submission;
  problems: Problem[];
  warnings: Problem[];
  /** Answer cells with anything in them, readable or not: none means nothing was filled in. */
  filled: number;
  /** The sheet could not be read at all (no header, a column missing): nothing to check against the rubric. */
  unread?: boolean;
  /** Header pointers (/unit/code, /period, /facts/x) -> where they came from. */
  where: Map<string, Located>;
  /** The answer cell of a field, found only when a problem needs locating: most cells never do. */
  cellOf?: (f: Field) => Cell | undefined;
  at?: (cell: Cell) => Located;
}

export async function importWorkbook(bytes: Uint8Array, opts: ImportOptions, limits?: OpenLimits): Promise<ImportResult> {
  const wb = await openWorkbook(bytes, limits);
  const { rubric, kind, ours } = identify(wb, opts);
  const fields = rubricFields(rubric);
  const drafts = kind === 'single' ? [readSingle(wb, rubric, fields, ours)] : readBulk(wb, rubric, fields);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const valid: Submission[] = [];
  for (const d of drafts) {
    const found = [...d.problems];
    // Only what the sheet could be read into is worth checking against the rubric.
    if (!d.unread) for (const p of submissionProblems(rubric, d.sub)) if (!found.some((q) => q.path === p.path)) found.push(withAdvice(locate(p, d, fields)));
    problems.push(...found);
    warnings.push(...d.warnings);
    if (found.length === 0) valid.push(d.sub);
  }
  const rejected = drafts.length - valid.length;
  const order = wb.worksheets.map((w) => w.name);
  return { kind, rubric, submissions: problems.length === 0 || opts.onlyValid ? valid : [], problems: inSheetOrder(problems, order), warnings: inSheetOrder(warnings, order), rejected };
}

/** Problems as a person works through a workbook: sheet by sheet, then row by row, then left to right. */
export function inSheetOrder(problems: readonly Problem[], sheets: readonly string[]): Problem[] {
  const at = (p: Problem): [number, number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(p.cell ?? '');
    const column = m ? [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    const sheet = p.sheet === undefined ? -1 : sheets.indexOf(p.sheet);
    return [sheet === -1 && p.sheet !== undefined ? sheets.length : sheet, m ? Number(m[2]) : 0, column];
  };
  return problems
    .map((p, i) => ({ p, i, k: at(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map(({ p }) => p);
}

/** What to do, for the rubric's problems that say only what is wrong (the engine serves JSON callers too). */
const ADVICE: Partial<Record<Problem['code'], string>> = {
  OUT_OF_RANGE: '请按实际情况填写范围内的数值',
  NOT_INTEGER: '请填写整数',
  INCOMPLETE_CHECKLIST: '请逐项填写是/否',
  WRONG_TYPE: '请按“检查项”一栏的说明填写',
  UNKNOWN_ITEM: '请按模板中的检查项填写',
  UNIT_LEVEL: '请选择本评分标准适用的单位层级，或换用适用于该层级的评分标准',
  FACT_MISSING: '请在表头填写该项',
  UNKNOWN_FACT: '请使用本系统下载的模板',
};

function withAdvice(p: Problem): Problem {
  const advice = ADVICE[p.code];
  return advice && !p.message.includes('请') ? { ...p, message: `${p.message}：${advice}` } : p;
}

function identify(wb: Workbook, opts: ImportOptions): { rubric: Rubric; kind: 'single' | 'bulk'; ours: boolean } {
  const meta = new Map<string, string>();
  wb.getWorksheet(SHEET.meta)?.eachRow((row) => meta.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
  // Every refusal here is about the template's hidden settings sheet, which people never see: it is not named.
  const refuse = (code: Problem['code'], message: string): never => refuseWorkbook(code, message);
  if (meta.get('kind') === 'print') refuse('FOREIGN_TEMPLATE', '这是逐单位打印表，只用于打印，不能导入：请把检查结果填入检查表或批量录入表后再导入');
  if (meta.get('format') !== TEMPLATE_FORMAT) {
    if (!opts.rubric) refuse('FOREIGN_TEMPLATE', '不是本系统生成的模板（找不到模板信息）：请下载本系统的模板填写，或指定评分标准后按表头导入');
    const kind = wb.getWorksheet(SHEET.bulk) || !wb.getWorksheet(SHEET.single) ? 'bulk' : 'single';
    return { rubric: opts.rubric!, kind: wb.getWorksheet(SHEET.single) ? 'single' : kind, ours: false };
  }
  const id = meta.get('rubric_id') ?? '';
  const version = meta.get('rubric_version') ?? '';
  const hash = meta.get('rubric_hash') ?? '';
  if (opts.rubric && opts.rubric.id !== id) refuse('TEMPLATE_MISMATCH', `这是评分标准“${id}”的模板，不是“${opts.rubric.id}”的模板：请按“${id}”导入，或下载“${opts.rubric.id}”的模板填写`);
  const kind = meta.get('kind') === 'bulk' ? 'bulk' : 'single';
  // The template's own rubric, by hash: the one named, one the caller knows by hash, or (where trusted) the one it carries.
  const named = opts.rubric ?? opts.resolve(id);
  const candidate = named?.hash === hash ? named : (opts.byHash?.(hash) ?? (opts.trustEmbedded ? readEmbedded(meta, hash) : undefined));
  // The id and version printed in the sheet must be the ones the hash stands for.
  const exact = candidate && candidate.id === id && candidate.version === version ? candidate : undefined;
  if (exact) return { rubric: exact, kind, ours: true };
  if (!named) return refuse('TEMPLATE_MISMATCH', `模板所用的评分标准“${id}”（版本 ${version}）不存在：请指明该评分标准文件，或从本系统重新下载模板填写`);
  return refuse('TEMPLATE_MISMATCH', `模板是按评分标准“${id}”版本 ${version} 生成的，与当前版本 ${named.version} 不一致（内容指纹不同）：请重新下载模板后填写`);
}

const headerKeys = new Set<string>(HEADER_FIELDS.map((h) => h.key));

/** The row of hidden keys, if the sheet still has it, else null. */
function keyRow(ws: Worksheet, marker: string): number | null {
  for (let r = 1; r <= Math.min(ws.rowCount, 12); r++) {
    const values = (ws.getRow(r).values as unknown[]).map((v) => String(v ?? ''));
    if (values.includes(marker)) return r;
  }
  return null;
}

function readSingle(wb: Workbook, rubric: Rubric, fields: Field[], ours: boolean): Draft {
  const ws = wb.getWorksheet(SHEET.single) ?? wb.worksheets.find((w) => w.state === 'visible' && w.name !== SHEET.guide) ?? wb.worksheets[0]!;
  const draft = newDraft(rubric);
  const at = (cell: Cell): Located => ({ sheet: ws.name, cell: cell.address, value: display(cell) });
  const fail = (code: Problem['code'], cell: Cell | undefined, message: string, indicator?: string) =>
    draft.problems.push({ code, path: '', message, ...(cell ? at(cell) : { sheet: ws.name }), ...(indicator ? { indicator } : {}) });

  // Header values: by defined name, else by the label to their left.
  for (const h of [...HEADER_FIELDS, ...Object.keys(rubric.facts).map((name) => ({ key: factKey(name), label: rubric.facts[name]!.label, name: factName(name) }))]) {
    const cell = namedCell(wb, h.name) ?? labelledCell(ws, h.label);
    if (cell) setHeader(draft, h.key, cell, at(cell), rubric);
  }

  // Columns: hidden key row first, header labels second.
  const keys = keyRow(ws, 'answer');
  const columns = new Map<string, number>();
  let firstData: number;
  if (keys !== null) {
    ws.getRow(keys).eachCell((c, n) => columns.set(String(c.value), n));
    firstData = keys + 2;
  } else {
    const head = findRow(ws, (vals) => vals.includes('答案') && vals.includes('序号'));
    if (head === null) {
      fail('MISSING_COLUMN', undefined, '找不到检查表的表头（应有“序号”“答案”等列）：请用本系统下载的模板填写');
      return { ...draft, unread: true };
    }
    ws.getRow(head).eachCell((c, n) => {
      const label = headerText(String(c.value ?? ''));
      const col = [...SINGLE_COLUMNS, ...POINT_COLUMNS].find((x) => headerText(x.label) === label) ?? (label === '子项' ? { key: 'item' } : undefined);
      if (col) columns.set(col.key, n);
    });
    firstData = head + 1;
  }
  for (const need of ['id', 'answer']) if (!columns.has(need)) fail('MISSING_COLUMN', undefined, `检查表缺少“${SINGLE_COLUMNS.find((c) => c.key === need)!.label}”列：请用本系统下载的模板填写，不要删除列`);
  if (!columns.has('id') || !columns.has('answer')) return { ...draft, unread: true };

  const byKey = new Map(fields.map((f) => [f.key, f]));
  const byLabel = new Map(fields.map((f) => [`${f.indicator.id}\u0000${headerText(f.label)}`, f]));
  const cells = new Map<string, Cell>();
  const rows = new Map<string, number>();
  const naCells = new Map<string, Cell>();
  const noteCells = new Map<string, Cell>();
  // 自评分 and 考核分: of an item on its first row, of a section scored whole on its heading row.
  const scored = scoredSections(rubric);
  const scoreCells = (row: Row, id: string) => {
    for (const [key, field] of [['self', 'self_scores'], ['assessed', 'inspector_scores']] as const) {
      if (columns.has(key)) readScoreCell(draft, row.getCell(columns.get(key)!), field, id, at);
    }
  };
  for (let r = firstData; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const keyCell = columns.has('field') ? readPlain(row.getCell(columns.get('field')!)) : undefined;
    // Section headings and signature lines hold no answers; without the key column they are known by their shape.
    const heading = isHeading(row.getCell(columns.get('id')!), row.getCell(columns.get('answer')!));
    if (keyCell?.startsWith(`${SECTION_KEY}:`) || (keyCell === undefined && heading)) {
      const id = keyCell?.slice(SECTION_KEY.length + 1) ?? scored.get(readPlain(row.getCell(columns.get('id')!)) ?? '')?.id;
      if (id !== undefined) scoreCells(row, id);
      continue;
    }
    if (keyCell === SECTION_KEY || keyCell === SIGNATURE_KEY || heading) continue;
    const id = readPlain(row.getCell(columns.get('id')!));
    if (keyCell === undefined && id?.endsWith('：')) continue;
    const item = columns.has('item') ? (readPlain(row.getCell(columns.get('item')!)) ?? '') : '';
    // Without keys: by id and item label; an indicator answered in one cell has a how-to-answer text there instead.
    const field = keyCell !== undefined ? byKey.get(keyCell) : id !== undefined ? (byLabel.get(`${id}\u0000${headerText(item)}`) ?? byLabel.get(`${id}\u0000`)) : undefined;
    if (!field) {
      if (id !== undefined && (keyCell !== undefined || !rubric.byId.has(id))) fail('UNKNOWN_INDICATOR', row.getCell(columns.get('id')!), `评分标准“${rubric.id}”没有这一行的指标“${id}${item ? `·${item}` : ''}”：请删除这一行，或使用本评分标准的模板`, id);
      continue;
    }
    if (rows.has(field.key)) {
      fail('DUPLICATE_ROW', row.getCell(columns.get('answer')!), `指标 ${field.indicator.id}${field.label ? `·${field.label}` : ''} 重复出现（第 ${rows.get(field.key)} 行和第 ${r} 行）：请只保留一行`, field.indicator.id);
      continue;
    }
    rows.set(field.key, r);
    cells.set(field.key, row.getCell(columns.get('answer')!));
    if (field.first) {
      if (columns.has('na')) naCells.set(field.indicator.id, row.getCell(columns.get('na')!));
      if (columns.has('note')) noteCells.set(field.indicator.id, row.getCell(columns.get('note')!));
      scoreCells(row, field.indicator.id);
    }
  }
  if (ours) {
    // A template made for one level has a single locked row for an indicator of another level.
    const missing = fields.filter((f) => !cells.has(f.key) && f.indicator.levels.includes(draft.sub.unit.level));
    if (missing.length > 0) fail('MISSING_COLUMN', undefined, `检查表缺少 ${missing.length} 行：${missing.slice(0, 10).map((f) => f.key).join('、')}${missing.length > 10 ? '…' : ''}：请不要删除模板中的行，重新下载模板填写`);
  }
  readAnswers(draft, rubric, fields, (f) => cells.get(f.key), (ind) => naCells.get(ind.id), (ind) => noteCells.get(ind.id), at);
  if (draft.filled === 0 && draft.problems.length === 0) {
    draft.problems.push({ code: 'EMPTY_TEMPLATE', path: '/answers', sheet: ws.name, message: '未填写任何答案：请在“答案”列填写检查结果后再导入（未检查的项目可以留空，但不能一项都不填）' });
  }
  return draft;
}

function readBulk(wb: Workbook, rubric: Rubric, fields: Field[]): Draft[] {
  const ws = wb.getWorksheet(SHEET.bulk) ?? wb.worksheets.find((w) => w.state === 'visible' && w.name !== SHEET.guide) ?? wb.worksheets[0]!;
  const at = (cell: Cell): Located => ({ sheet: ws.name, cell: cell.address, value: display(cell) });
  const sheetProblem = (message: string, code: Problem['code'] = 'MISSING_COLUMN'): Draft => ({ ...newDraft(rubric), unread: true, problems: [{ code, path: '', sheet: ws.name, message }] });

  const columns = new Map<string, number>();
  const keys = keyRow(ws, 'unit.code');
  let firstData: number;
  if (keys !== null) {
    ws.getRow(keys).eachCell((c, n) => columns.set(String(c.value), n));
    firstData = keys + 2;
  } else {
    // Header text as the template writes it, normalised, mapped back to keys.
    const head = findRow(ws, (vals) => vals.includes('单位代码'));
    if (head === null) return [sheetProblem('找不到批量录入表的表头（应有“单位代码”等列）：请用本系统下载的批量录入表填写')];
    const labels = new Map<string, string>([
      ...HEADER_FIELDS.map((h) => [headerText(h.label), h.key] as [string, string]),
      ...Object.entries(rubric.facts).map(([name, f]) => [headerText(`${f.label}（${f.unit}）`), factKey(name)] as [string, string]),
      ...fields.map((f) => [headerText(bulkLabel(f)), f.key] as [string, string]),
    ]);
    ws.getRow(head).eachCell((c, n) => {
      const key = labels.get(headerText(String(c.value ?? '')));
      if (key) columns.set(key, n);
    });
    firstData = head + 1;
  }
  for (const h of ['unit.code', 'unit.name', 'unit.level', 'period']) {
    if (!columns.has(h)) return [sheetProblem(`批量录入表缺少“${HEADER_FIELDS.find((x) => x.key === h)!.label}”列：请不要删除列，重新下载批量录入表填写`)];
  }
  const missing = fields.filter((f) => !columns.has(f.key));
  // Each field's column, looked up once per sheet rather than once per row.
  const columnOf = new Map<Field, number>();
  for (const f of fields) if (columns.has(f.key)) columnOf.set(f, columns.get(f.key)!);
  const drafts: Draft[] = [];
  const seen = new Map<string, number>();
  const mapped = [...columns.values()];
  for (let r = firstData; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues || !mapped.some((n) => readPlain(row.getCell(n)) !== undefined)) continue;
    const draft = newDraft(rubric);
    for (const [key, n] of columns) {
      if (headerKeys.has(key) || key.startsWith('fact.')) setHeader(draft, key, row.getCell(n), at(row.getCell(n)), rubric);
    }
    const code = draft.sub.unit.code;
    if (code && seen.has(code)) {
      const cell = row.getCell(columns.get('unit.code')!);
      draft.problems.push({ code: 'DUPLICATE_ROW', path: '/unit/code', message: `单位代码 ${code} 重复（第 ${seen.get(code)} 行和第 ${r} 行）：每个单位只填一行，请删除或合并重复的行`, ...at(cell) });
    } else if (code) seen.set(code, r);
    if (missing.length > 0 && drafts.length === 0) {
      draft.problems.push({ code: 'MISSING_COLUMN', path: '', sheet: ws.name, message: `批量录入表缺少 ${missing.length} 列：${missing.slice(0, 10).map((f) => f.key).join('、')}${missing.length > 10 ? '…' : ''}：请不要删除列，重新下载批量录入表填写` });
    }
    const cell = (f: Field) => {
      const n = columnOf.get(f);
      return n === undefined ? undefined : row.getCell(n);
    };
    readAnswers(draft, rubric, fields, cell, () => undefined, () => undefined, at);
    if (draft.filled === 0) {
      const first = row.getCell(columns.get('unit.code')!);
      draft.problems.push({ code: 'EMPTY_TEMPLATE', path: '/answers', message: `第 ${r} 行（${draft.sub.unit.name || draft.sub.unit.code || '未写单位'}）未填写任何答案：请填写该单位的检查结果，或删除这一行`, ...at(first) });
    }
    drafts.push(draft);
  }
  if (drafts.length === 0) return [sheetProblem('批量录入表中没有任何单位的数据：请每个单位填写一行后再导入', 'EMPTY_TEMPLATE')];
  return drafts;
}

/**
 * A 自评分 or 考核分 cell into the submission, remembered by its pointer so the engine's refusal (a score above the
 * item's points, a score on a rule without points) names the cell; text that is not a number is refused here.
 */
function readScoreCell(draft: Draft, cell: Cell, field: 'self_scores' | 'inspector_scores', id: string, at: (cell: Cell) => Located): void {
  const read = readScore(cell);
  if (read.kind === 'empty') return;
  const pointer = `/${field}/${id}`;
  const what = field === 'self_scores' ? '自评分' : '考核分';
  if (read.kind === 'value' && typeof read.value === 'number') {
    (draft.sub[field] ??= {})[id] = read.value;
    draft.where.set(pointer, at(cell));
  } else if (read.kind === 'error') {
    draft.problems.push({ code: 'UNREADABLE_CELL', path: pointer, message: `${id} 的${what}：${read.message}`, ...at(cell) });
  }
}

/** Reads every field of every indicator into the draft's answers, N/A and notes included. */
function readAnswers(
  draft: Draft,
  rubric: Rubric,
  fields: Field[],
  cellOf: (f: Field) => Cell | undefined,
  naCellOf: (ind: Indicator) => Cell | undefined,
  noteCellOf: (ind: Indicator) => Cell | undefined,
  at: (cell: Cell) => Located,
): void {
  draft.cellOf = cellOf;
  draft.at = at;
  // One map for every indicator in turn: assembleAnswer reads it and keeps nothing of it.
  const values = new Map<string, unknown>();
  for (const [ind, own] of byIndicator(fields)) {
    values.clear();
    let na: { reason?: string; cell: Cell } | undefined;
    let firstCell: Cell | undefined;
    for (const f of own) {
      const cell = cellOf(f);
      if (!cell) continue;
      firstCell ??= cell;
      const read: Read = readField(cell, f);
      if (read.kind !== 'empty') draft.filled++;
      const name = () => `指标 ${ind.id}${f.label ? `·${f.label}` : ''}`;
      if (read.kind === 'error') {
        draft.problems.push({ code: 'UNREADABLE_CELL', path: `/answers/${f.key}`, indicator: ind.id, message: `${name()}：${read.message}`, ...at(cell) });
      } else if (read.kind === 'value') {
        values.set(f.key, read.value);
        if (read.warning) draft.warnings.push({ code: 'PERCENT_AS_FRACTION', path: `/answers/${f.key}`, indicator: ind.id, message: `${name()}：${read.warning}`, ...at(cell) });
      } else if (read.kind === 'na') na = { ...(read.reason ? { reason: read.reason } : {}), cell };
    }
    const naCell = naCellOf(ind);
    const naReason = na?.reason ?? (naCell ? readPlain(naCell) : undefined);
    const note = noteCellOf(ind) ? readPlain(noteCellOf(ind)!) : undefined;
    const path = `/answers/${ind.id}`;
    if (na || (naCell && naReason !== undefined)) {
      const where = na?.cell ?? naCell!;
      if (naReason !== undefined && !na) draft.filled++;
      // Whether 不适用 is allowed at all comes first: a reason would not make it acceptable.
      // An indicator that may be 不适用 by a condition or for the whole county is left to the engine to judge.
      if (ind.na === null && !ind.when && ind.countyNa === undefined && ind.levels.includes(draft.sub.unit.level)) {
        draft.problems.push({ code: 'NA_NOT_ALLOWED', path, indicator: ind.id, message: `指标 ${ind.id}“${ind.title}”不允许填“不适用”：请按实际情况填写答案，未检查的留空`, ...at(where) });
      } else if (values.size > 0) {
        draft.problems.push({ code: 'NA_NOT_ALLOWED', path, indicator: ind.id, message: `指标 ${ind.id} 既填写了答案又注明不适用：请只保留一种`, ...at(where) });
      } else if (naReason === undefined) {
        draft.problems.push({ code: 'NA_REASON_MISSING', path: `${path}/reason`, indicator: ind.id, message: `指标 ${ind.id} 填写了“不适用”，但没有写明原因：请在检查表的“不适用原因”栏写明（批量录入表写成“不适用：原因”）`, ...at(where) });
      } else {
        draft.sub.answers[ind.id] = { status: 'not_applicable', reason: naReason, ...(note ? { note } : {}) };
      }
      continue;
    }
    const answer = assembleAnswer(ind, values);
    if (answer !== undefined) draft.sub.answers[ind.id] = (note ? { value: answer, note } : answer) as Submission['answers'][string];
  }
}

// Fields grouped by indicator, computed once per field list rather than once per row.
const groups = new WeakMap<Field[], Map<Indicator, Field[]>>();
function byIndicator(fields: Field[]): Map<Indicator, Field[]> {
  let g = groups.get(fields);
  if (!g) {
    g = new Map();
    for (const f of fields) g.set(f.indicator, [...(g.get(f.indicator) ?? []), f]);
    groups.set(fields, g);
  }
  return g;
}

function newDraft(rubric: Rubric): Draft {
  return { sub: { rubric: rubric.id, unit: { code: '', name: '', level: rubric.appliesTo[0]! }, period: '', answers: {} }, problems: [], warnings: [], filled: 0, where: new Map() };
}

function setHeader(draft: Draft, key: string, cell: Cell, where: Located, rubric: Rubric): void {
  const s = draft.sub;
  const pointer = key.startsWith('fact.') ? `/facts/${key.slice(5)}` : `/${key.replace('.', '/')}`;
  draft.where.set(pointer, where);
  const problem = (message: string) => draft.problems.push({ code: 'UNREADABLE_CELL', path: pointer, message, ...where });
  switch (key) {
    case 'unit.code':
      s.unit.code = readCode(cell) ?? '';
      if (!s.unit.code) problem('缺少单位代码：请填写 12 位统计用区划代码（按文本填写，保留前导零）');
      return;
    case 'unit.name':
      s.unit.name = readPlain(cell) ?? '';
      if (!s.unit.name) problem('缺少单位名称：请填写被检查单位的名称');
      return;
    case 'unit.level': {
      const text = readPlain(cell);
      const level = text ? levelFromLabel(text) : rubric.appliesTo.length === 1 ? rubric.appliesTo[0] : undefined;
      const choices = rubric.appliesTo.map((l) => LEVEL_ZH[l]).join('、');
      if (level) s.unit.level = level;
      else problem(text ? `无法识别的单位层级“${text}”：请从下拉列表选择（${choices}）` : `缺少单位层级：请从下拉列表选择（${choices}）`);
      return;
    }
    case 'period':
      s.period = readPeriod(cell) ?? '';
      if (!s.period) problem(`缺少考核期间：请按 ${PERIOD_PATTERN[rubric.period].pattern} 填写，例如 ${PERIOD_PATTERN[rubric.period].example}`);
      return;
    case 'inspector': {
      const v = readPlain(cell);
      if (v) s.inspector = v;
      return;
    }
    case 'inspected_on': {
      const v = readPlain(cell);
      if (v) s.inspected_on = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(v) ? v.split(/[-/.]/).map((x, i) => (i === 0 ? x : x.padStart(2, '0'))).join('-') : v;
      return;
    }
    default: {
      const name = key.slice(5);
      const { value } = { value: cell.value };
      const text = readPlain(cell);
      if (text === undefined) return;
      const n = typeof value === 'number' ? value : Number(text.replace(/[,人户]/g, ''));
      if (Number.isFinite(n)) (s.facts ??= {})[name] = n;
      else problem(`“${rubric.facts[name]?.label ?? name}”不是数字：请填写数字（单位：${rubric.facts[name]?.unit ?? ''}）`);
    }
  }
}

/** Engine problems name JSON pointers; find the cell the value came from (the nearest recorded ancestor). */
function locate(p: Problem, draft: Draft, fields: Field[]): Problem {
  const path = p.path.replace(/^(\/answers\/[^/]+)\/value(?=\/|$)/, '$1');
  for (let s = path; s !== ''; s = s.slice(0, s.lastIndexOf('/'))) {
    const header = draft.where.get(s);
    if (header) return { ...p, ...header };
    if (!s.startsWith('/answers/') || !draft.cellOf || !draft.at) continue;
    // A field's own cell, or the first cell of the indicator for problems about the whole answer.
    const key = s.slice('/answers/'.length);
    const field = fields.find((f) => f.key === key) ?? (key.includes('/') ? undefined : fields.find((f) => f.indicator.id === key && f.first));
    const cell = field && draft.cellOf(field);
    if (cell) return { ...p, ...draft.at(cell) };
  }
  return p;
}

function namedCell(wb: Workbook, name: string): Cell | undefined {
  const ranges = wb.definedNames.getRanges(name)?.ranges ?? [];
  const m = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0] ?? '');
  return m ? wb.getWorksheet(m[1]!)?.getCell(`${m[2]}${m[3]}`) : undefined;
}

function labelledCell(ws: Worksheet, label: string): Cell | undefined {
  for (let r = 1; r <= Math.min(ws.rowCount, 8); r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= row.cellCount; c++) {
      if (headerText(String(row.getCell(c).value ?? '')).startsWith(headerText(label))) {
        for (let x = c + 1; x <= c + 3; x++) {
          const cell = row.getCell(x);
          if (cell.isMerged ? cell.master === cell : true) return cell;
        }
      }
    }
  }
  return undefined;
}

/** A heading row of the single sheet read without its keys: one merged cell from the id column over the answers. */
function isHeading(id: Cell, answer: Cell): boolean {
  return id.isMerged && answer.isMerged && answer.master === id;
}

function findRow(ws: Worksheet, test: (values: string[]) => boolean): number | null {
  for (let r = 1; r <= Math.min(ws.rowCount, 20); r++) {
    const values = (ws.getRow(r).values as unknown[]).map((v) => headerText(String(v ?? '')));
    if (test(values)) return r;
  }
  return null;
}

function display(cell: Cell): string | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && !(v instanceof Date)) return cell.text;
  return v instanceof Date ? v.toISOString() : String(v);
}
