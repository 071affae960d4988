// A county's own scoring table (考核细则, 赋分表) into a draft rubric and the transcription it quotes: the sheet and
// its header found by their words (table-read), its rows as a tree of headings, groups and rows (table-tree), the tree
// as a draft rubric (rubric-draft), the draft as YAML with its comments (yaml-text), the table as markdown row by row
// (transcription). A county keeps the two side by side: my-county.yaml and standards/my-county.md.
import type { Workbook, Worksheet } from 'exceljs';
import type { Problem } from '../errors.js';
import { rubricYaml } from '../rubric/yaml-text.js';
import type { RubricDefinition, UnitLevel } from '../schema/generated/rubric.js';
import { type OpenLimits, openWorkbook } from './open.js';
import { refuse } from './refusal.js';
import { draftRubric, type ToFinish } from './rubric-draft.js';
import { TABLE_META } from './rubric-columns.js';
import { findHeader, type GridRow, readRows, type TableHeader } from './table-read.js';
import { readTableTree } from './table-tree.js';
import { transcribe } from './transcription.js';

export type { ToFinish } from './rubric-draft.js';

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

export interface TableImport {
  definition: RubricDefinition;
  /** The draft rubric as YAML, with its header and 待补充 / 待确认 comments. */
  yaml: string;
  /** The table as markdown, row by row: the file every quotation is verbatim in. */
  transcription: string;
  /** The transcription's path as the rubric cites it (standards/<id>.md). */
  file: string;
  /** Cells that could not be read, and what keeps the draft from loading, each at its cell. */
  problems: Problem[];
  /** Rows drafted for a person to finish, and assumptions to confirm, each with its cell. */
  unparsed: ToFinish[];
}

const DEFAULT_ID = 'county-rubric';
const SCHEMA = '../src/schema/rubric.schema.json';

export async function importRubricTable(bytes: Uint8Array, opts: TableImportOptions = {}, limits?: OpenLimits): Promise<TableImport> {
  const wb = await openWorkbook(bytes, limits);
  const meta = readMeta(wb);
  const { ws, header } = pickSheet(wb, opts.sheet);
  const id = opts.id ?? meta.get('rubric_id') ?? DEFAULT_ID;
  const file = `standards/${id}.md`;
  const first = header.rows[0]!;
  const above = readRows(ws, header, 1, first - 1);
  const heads = readRows(ws, header, first, header.rows.at(-1)!);
  const grid = readRows(ws, header, header.rows.at(-1)! + 1, ws.rowCount);
  const title = opts.title ?? meta.get('title') ?? titleAbove(above) ?? ws.name;
  const original = opts.original ?? 'table.xlsx';
  const issuer = opts.issuer ?? meta.get('issuer');
  const draft = draftRubric(readTableTree(header, above, grid), {
    sheet: ws.name,
    file,
    id,
    title,
    version: meta.get('rubric_version') ?? 'draft-1',
    original,
    ...(issuer !== undefined ? { issuer } : {}),
    ...(opts.appliesTo ? { appliesTo: opts.appliesTo } : {}),
  });
  return {
    definition: draft.definition,
    yaml: rubricYaml(draft.definition, { header: draft.header(opts.schema ?? SCHEMA), comments: draft.comments }),
    transcription: transcribe({ title, original, sheet: ws.name, header, rows: [...above, ...heads, ...grid] }),
    file,
    problems: draft.problems,
    unparsed: draft.unparsed,
  };
}

/** The hidden sheet of a table we exported: its rubric's id, title, version and issuer. */
function readMeta(wb: Workbook): Map<string, string> {
  const meta = new Map<string, string>();
  wb.getWorksheet(TABLE_META.sheet)?.eachRow((row) => meta.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
  return meta.get('format') === TABLE_META.format ? meta : new Map();
}

function pickSheet(wb: Workbook, name: string | undefined): { ws: Worksheet; header: TableHeader } {
  if (name !== undefined) {
    const ws = wb.getWorksheet(name) ?? refuse('MISSING_COLUMN', `找不到工作表“${name}”（工作簿中有：${wb.worksheets.map((w) => w.name).join('、')}）`);
    return { ws, header: findHeader(ws) ?? refuse('MISSING_COLUMN', headerMessage(ws.name), { sheet: ws.name }) };
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

/** The table's title: a line above the header that names a table, rules or a standard, else the first short one. */
function titleAbove(rows: readonly GridRow[]): string | undefined {
  const texts = rows.flatMap((r) => r.own.map((c) => c.text.replace(/\s+/g, ' ')));
  return texts.find((t) => /表|细则|办法|标准/.test(t) && t.length <= 60) ?? texts.find((t) => t.length <= 60);
}
