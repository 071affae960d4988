// A county's unit list from a spreadsheet: columns 单位代码, 单位名称, 层级, 上级代码, found by header text.
import { AuditError, type Problem } from '../errors.js';
import type { UnitRecord } from '../domain/units.js';
import { headerText, normaliseText, readCode, readPlain } from './cells.js';
import { LEVEL_ZH, levelFromLabel } from '../levels.js';
import { type OpenLimits, openWorkbook } from './open.js';

const HEADERS = { code: '单位代码', name: '单位名称', level: '层级', parent: '上级代码' } as const;

export async function readUnitList(bytes: Uint8Array, limits?: OpenLimits): Promise<Array<Partial<UnitRecord>>> {
  const wb = await openWorkbook(bytes, limits);
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  const problems: Problem[] = [];
  const columns = new Map<keyof typeof HEADERS, number>();
  let head = 0;
  for (let r = 1; r <= Math.min(ws?.rowCount ?? 0, 10) && head === 0; r++) {
    ws!.getRow(r).eachCell((c, n) => {
      const text = headerText(String(c.value ?? ''));
      for (const [key, label] of Object.entries(HEADERS) as Array<[keyof typeof HEADERS, string]>) if (text === label || (key === 'level' && text === '单位层级')) columns.set(key, n);
    });
    if (columns.has('code')) head = r;
  }
  for (const key of ['code', 'name', 'level'] as const) {
    if (!columns.has(key)) problems.push({ code: 'MISSING_COLUMN', path: '', sheet: ws?.name ?? '', message: `单位清单缺少“${HEADERS[key]}”列` });
  }
  if (problems.length) throw new AuditError('IMPORT_INVALID', '单位清单格式不对', problems);
  const out: Array<Partial<UnitRecord>> = [];
  for (let r = head + 1; r <= ws!.rowCount; r++) {
    const row = ws!.getRow(r);
    const code = readCode(row.getCell(columns.get('code')!));
    if (!code) continue;
    const levelText = readPlain(row.getCell(columns.get('level')!)) ?? '';
    const level = levelFromLabel(normaliseText(levelText));
    if (!level) problems.push({ code: 'UNREADABLE_CELL', path: '', sheet: ws!.name, cell: row.getCell(columns.get('level')!).address, value: levelText, message: `层级应为 ${Object.values(LEVEL_ZH).join('、')}` });
    const parent = columns.has('parent') ? readCode(row.getCell(columns.get('parent')!)) : undefined;
    out.push({ code, name: readPlain(row.getCell(columns.get('name')!)) ?? '', ...(level ? { level } : {}), parent: parent ?? null });
  }
  if (problems.length) throw new AuditError('IMPORT_INVALID', `单位清单有 ${problems.length} 处问题`, problems);
  return out;
}
