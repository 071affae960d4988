import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS, { type CellValue, type Worksheet } from 'exceljs';

export async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

export const save = async (wb: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await wb.xlsx.writeBuffer());

/** The cell a defined name of a template points at (the header values: bm_unit_code, bm_period, ...). */
export function named(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const m = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(wb.definedNames.getRanges(name).ranges[0] ?? '');
  if (!m) throw new Error(`no defined name ${name}`);
  return wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`);
}

/** The hidden row of column keys of the single inspection sheet (the row holding 'answer'). */
export function keyRow(ws: Worksheet): number {
  for (let r = 1; r <= 12; r++) if ((ws.getRow(r).values as unknown[]).includes('answer')) return r;
  throw new Error('no key row');
}

/** The column of a key of the single inspection sheet ('answer', 'na', 'note', 'field', ...). */
export function column(ws: Worksheet, key: string): number {
  const n = (ws.getRow(keyRow(ws)).values as unknown[]).indexOf(key);
  if (n < 1) throw new Error(`no column ${key}`);
  return n;
}

/** The row of the single inspection sheet holding a field key (in the hidden key column). */
export function fieldRow(ws: Worksheet, key: string): number {
  const keyCol = column(ws, 'field');
  for (let r = keyRow(ws) + 2; r <= ws.rowCount; r++) if (ws.getCell(r, keyCol).value === key) return r;
  throw new Error(`no row for field ${key}`);
}

/** Types values into a single template as a person would, by field key: the answer, N/A reason and note columns. */
export async function fillSingle(bytes: Uint8Array, answers: Record<string, CellValue>, extra: { na?: Record<string, string>; note?: Record<string, string>; cells?: Record<string, CellValue> } = {}): Promise<Buffer> {
  const wb = await load(bytes);
  const ws = wb.getWorksheet('检查表')!;
  for (const [key, v] of Object.entries(answers)) ws.getCell(fieldRow(ws, key), column(ws, 'answer')).value = v;
  for (const [key, v] of Object.entries(extra.na ?? {})) ws.getCell(fieldRow(ws, key), column(ws, 'na')).value = v;
  for (const [key, v] of Object.entries(extra.note ?? {})) ws.getCell(fieldRow(ws, key), column(ws, 'note')).value = v;
  for (const [addr, v] of Object.entries(extra.cells ?? {})) ws.getCell(addr).value = v;
  return save(wb);
}

export const hasLibreOffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/** Opens and re-saves a workbook in LibreOffice Calc, so the importer reads a file we did not write. */
export function throughLibreOffice(bytes: Uint8Array, name = 'in.xlsx'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'lo-'));
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const out = join(dir, 'out');
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, input], { stdio: 'pipe', timeout: 120_000 });
  return readFileSync(join(out, name));
}
