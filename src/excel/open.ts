// Opening an uploaded workbook: the zip container is scanned before exceljs sees it (zipscan.ts), then the file is
// loaded with the precautions excel.md records (skip validation and formatting nodes, which can expand without
// bound), and what was loaded is measured before any reader walks it: the readers loop over every row up to the
// last one, so a sheet's size is bounded here rather than by how long the server is willing to wait.
import { posix } from 'node:path';
import ExcelJS, { type Cell, type Workbook, type Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { refuse } from './refusal.js';
import { scanXlsx, XLSX_LIMITS, type XlsxLimits } from './zipscan.js';

export const SHEET_LIMITS = {
  /** Rows across all sheets, counted up to each sheet's last row (formatted empty rows too: the readers walk them). */
  maxRows: 10_000,
  /** Non-empty cells across all sheets. */
  maxCells: 200_000,
  maxMergesPerSheet: 5_000,
  /** Excel's own limit for one cell. */
  maxCellChars: 32_767,
} as const;

export type SheetLimits = { readonly [K in keyof typeof SHEET_LIMITS]: number };
export interface OpenLimits {
  zip?: XlsxLimits;
  sheets?: SheetLimits;
}


export async function openWorkbook(bytes: Uint8Array, limits: OpenLimits = {}): Promise<Workbook> {
  await scanXlsx(bytes, limits.zip ?? XLSX_LIMITS);
  const wb = new ExcelJS.Workbook();
  try {
    const normalised = await normalisePackage(bytes);
    await wb.xlsx.load(Buffer.from(normalised) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] } as never);
  } catch {
    refuse('NOT_XLSX', '文件已损坏，无法读取：请在 Excel 或 WPS 中重新保存为 .xlsx');
  }
  checkSheets(wb, limits.sheets ?? SHEET_LIMITS);
  return wb;
}

const COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';

/**
 * What exceljs 4.4.0 cannot read in files other programs write, put right before it loads them. openpyxl writes
 * relationship targets as absolute part names (Target="/xl/comments/comment1.xml"); the format allows that, but
 * exceljs looks parts up by the relative names it writes itself, and crashes on a worksheet's comments it cannot
 * find. So absolute targets become relative to their source part, and a comments relationship exceljs will not have
 * read (any part not named xl/commentsN.xml) is dropped: imports never read cell notes. Files without such targets
 * are passed on untouched; the zip is only repacked when something changed.
 */
export async function normalisePackage(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.rels'))) {
    const xml = await zip.file(name)!.async('string');
    if (!/Target="\//.test(xml)) continue;
    // xl/worksheets/_rels/sheet1.xml.rels describes xl/worksheets/sheet1.xml: targets are relative to xl/worksheets.
    const base = posix.dirname(posix.dirname(name));
    const fixed = xml.replace(/<Relationship\b[^>]*>/g, (rel) => {
      const target = /\bTarget="([^"]*)"/.exec(rel)?.[1];
      if (!target?.startsWith('/') || /TargetMode="External"/.test(rel)) return rel;
      const relative = posix.relative(posix.join('/', base), target);
      if (rel.includes(`Type="${COMMENTS}"`) && !/^\.\.\/comments\d+\.xml$/.test(relative)) return '';
      return rel.replace(/\bTarget="[^"]*"/, `Target="${relative}"`);
    });
    zip.file(name, fixed);
    changed = true;
  }
  return changed ? zip.generateAsync({ type: 'uint8array', compression: 'STORE' }) : bytes;
}

const sheetName = (ws: Worksheet) => (ws.name.length > 40 ? `${ws.name.slice(0, 40)}…` : ws.name);

function checkSheets(wb: Workbook, limits: SheetLimits): void {
  if (wb.worksheets.length === 0) refuse('NOT_XLSX', '工作簿中没有工作表：请在 Excel 或 WPS 中重新保存为 .xlsx');
  let rows = 0;
  let cells = 0;
  for (const ws of wb.worksheets) {
    const name = sheetName(ws);
    const at = { sheet: ws.name };
    const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges ?? {}).length;
    if (merges > limits.maxMergesPerSheet) refuse('SHEET_LIMIT', `工作表“${name}”有 ${merges} 处合并单元格，超过每张表 ${limits.maxMergesPerSheet} 处的上限：请取消不必要的合并后再导入`, at);
    rows += ws.rowCount;
    if (rows > limits.maxRows) {
      refuse('SHEET_LIMIT', `工作表“${name}”有 ${ws.rowCount} 行（含设置了格式的空行），全部工作表合计超过 ${limits.maxRows} 行的上限：请删除多余的行，或拆分后分批导入`, at);
    }
    let own = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        own++;
        const length = textLength(cell);
        if (length > limits.maxCellChars) refuse('SHEET_LIMIT', `工作表“${name}”的单元格 ${cell.address} 有 ${length} 个字符，超过 Excel 单元格 ${limits.maxCellChars} 个字符的上限`, { ...at, cell: cell.address });
      }),
    );
    cells += own;
    if (cells > limits.maxCells) {
      refuse('SHEET_LIMIT', `工作表“${name}”有 ${own} 个非空单元格，全部工作表合计超过 ${limits.maxCells} 个的上限：请删除无关内容，或拆分后分批导入`, at);
    }
  }
}

/** Characters of text a cell holds; a merged cell other than the top-left one repeats it and is not counted again. */
function textLength(cell: Cell): number {
  if (cell.type === ExcelJS.ValueType.Merge) return 0;
  const v = cell.value as unknown;
  if (typeof v === 'string') return v.length;
  if (v === null || typeof v !== 'object' || v instanceof Date) return 0;
  const o = v as { richText?: Array<{ text?: unknown }>; text?: unknown; result?: unknown };
  if (Array.isArray(o.richText)) return o.richText.reduce((n, r) => n + (typeof r.text === 'string' ? r.text.length : 0), 0);
  if (typeof o.text === 'string') return o.text.length;
  if (typeof o.result === 'string') return o.result.length;
  return 0;
}
