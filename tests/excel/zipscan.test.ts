import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditError, type Problem } from '../../src/errors.js';
import { importWorkbook } from '../../src/excel/import.js';
import { openWorkbook, SHEET_LIMITS } from '../../src/excel/open.js';
import { buildTemplate } from '../../src/excel/template.js';
import { scanXlsx, XLSX_LIMITS } from '../../src/excel/zipscan.js';
import { rubric } from '../support/rubrics.js';
import { save } from '../support/workbooks.js';
import { zeros, type EntrySpec, entriesOf, MiB, writeZip } from '../support/zips.js';

const r = await rubric('township-center-2022');
const template = await buildTemplate(r, { unit: { code: '330212001000', name: '测试镇便民服务中心', level: 'township' }, period: '2026-11' });
const parts = await entriesOf(template);
/** The real template's parts plus (or instead of) others. */
const withParts = (extra: EntrySpec[], keep: (e: EntrySpec) => boolean = () => true, o = {}) => writeZip([...parts.filter(keep), ...extra], o);

const refusal = async (p: Promise<unknown>): Promise<Problem> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AuditError);
  expect((e as AuditError).code).toBe('IMPORT_INVALID');
  return (e as AuditError).problems[0]!;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the real thing passes', () => {
  it('a template, and the same parts written again by hand, scan clean and import alike', async () => {
    await expect(scanXlsx(template)).resolves.toBeUndefined();
    const again = withParts([]);
    await expect(scanXlsx(again)).resolves.toBeUndefined();
    expect(await importWorkbook(again, { resolve: () => r })).toEqual(await importWorkbook(template, { resolve: () => r }));
  });
});

/**
 * Growth of the JS heap plus Buffers (inflated bytes live in Buffers, outside heapUsed), sampled while the work runs
 * and once at the end: the most it reached over where it started.
 */
function watchMemory(): { stop(): number } {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const start = used();
  let peak = 0;
  const sample = () => (peak = Math.max(peak, used() - start));
  const timer = setInterval(sample, 1);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

describe('zip bombs are refused before exceljs sees them, quickly and without holding what they inflate to', () => {
  const bombs: Array<[string, () => Buffer, Problem['code'], string]> = [
    ['one 200 MiB entry, honest headers', () => withParts([{ name: 'xl/media/image1.png', ...zeros(200) }]), 'ZIP_LIMIT', '解压后超过 25 MiB'],
    ['ten 20 MiB entries, each under the size limit, ratio ~1000:1', () => withParts(Array.from({ length: 10 }, (_, i) => ({ name: `xl/media/image${i}.png`, ...zeros(20) }))), 'ZIP_LIMIT', '压缩比超过 100:1'],
    ['200 MiB behind headers that claim 1,000 bytes', () => withParts([{ name: 'xl/media/image1.png', ...zeros(200), size: 1000 }]), 'ZIP_UNSAFE', '大小与实际解压出的内容不符'],
  ];
  it.each(bombs)('%s', async (_, build, code, message) => {
    const bytes = build();
    expect(bytes.length).toBeLessThan(MiB);
    const load = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const memory = watchMemory();
    const started = performance.now();
    expect(await refusal(scanXlsx(bytes))).toMatchObject({ code, message: expect.stringContaining(message) });
    expect(await refusal(openWorkbook(bytes))).toMatchObject({ code });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(memory.stop()).toBeLessThan(50 * MiB);
    expect(load).not.toHaveBeenCalled();
  });

  it('bytes that really inflate are counted, and the total is capped: 96 MiB pass, the next entry does not', async () => {
    // Ratio relaxed so that zeros, cheap to build, reach the total limit instead of the ratio limit first.
    const limits = { ...XLSX_LIMITS, maxRatio: 5_000 };
    const entry = (i: number): EntrySpec => ({ name: `xl/media/image${i}.png`, ...zeros(24) });
    const memory = watchMemory();
    await expect(scanXlsx(withParts([0, 1, 2, 3].map(entry)), limits)).resolves.toBeUndefined();
    expect(await refusal(scanXlsx(withParts([0, 1, 2, 3, 4].map(entry)), limits))).toMatchObject({ code: 'ZIP_LIMIT', message: expect.stringContaining('总大小超过 100 MiB') });
    expect(memory.stop()).toBeLessThan(50 * MiB);
  });

  it('the ratio spares small entries: 1 MiB of zeros is fine, 2 MiB is not', async () => {
    await expect(scanXlsx(withParts([{ name: 'xl/media/a.bin', data: Buffer.alloc(MiB) }]))).resolves.toBeUndefined();
    expect(await refusal(scanXlsx(withParts([{ name: 'xl/media/a.bin', data: Buffer.alloc(2 * MiB) }])))).toMatchObject({ code: 'ZIP_LIMIT' });
  });

  it('stored (uncompressed) entries count too', async () => {
    const big = randomBytes(3 * MiB);
    expect(await refusal(scanXlsx(withParts([{ name: 'xl/media/a.bin', data: big, method: 0 }]), { ...XLSX_LIMITS, maxEntryBytes: 2 * MiB }))).toMatchObject({ code: 'ZIP_LIMIT' });
    expect(await refusal(scanXlsx(withParts([{ name: 'xl/media/a.bin', data: big, method: 0 }, { name: 'xl/media/b.bin', data: big, method: 0 }]), { ...XLSX_LIMITS, maxTotalBytes: 5 * MiB }))).toMatchObject({ code: 'ZIP_LIMIT', message: expect.stringContaining('总大小') });
  });
});

describe('headers that lie are refused', () => {
  it('a claimed size smaller than what inflates', async () => {
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet2.xml')!;
    const lie = withParts([{ ...sheet, claimSize: 100 }], (p) => p.name !== sheet.name);
    expect(await refusal(scanXlsx(lie))).toMatchObject({ code: 'ZIP_UNSAFE', message: expect.stringContaining('大小与实际解压出的内容不符') });
  });

  it('a claimed size larger than what inflates', async () => {
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet2.xml')!;
    const lie = withParts([{ ...sheet, claimSize: sheet.data!.length + 1 }], (p) => p.name !== sheet.name);
    expect(await refusal(scanXlsx(lie))).toMatchObject({ code: 'ZIP_UNSAFE' });
  });

  it('a stored (uncompressed) entry whose two sizes differ', async () => {
    expect(await refusal(scanXlsx(withParts([{ name: 'xl/media/a.bin', data: Buffer.alloc(100), method: 0, claimSize: 50 }])))).toMatchObject({ code: 'ZIP_UNSAFE', message: expect.stringContaining('大小与实际解压出的内容不符') });
  });

  it('a checksum that does not match what inflates (a damaged file whose sizes still fit)', async () => {
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet2.xml')!;
    const damaged = withParts([{ ...sheet, crc: 0x12345678 }], (p) => p.name !== sheet.name);
    expect(await refusal(scanXlsx(damaged))).toMatchObject({ code: 'NOT_XLSX', message: expect.stringContaining('校验和不符') });
  });

  it('a local header naming another part than the central directory', async () => {
    expect(await refusal(scanXlsx(withParts([{ name: 'docProps/extra.xml', localName: 'xl/vbaProject.bin', data: Buffer.from('x') }])))).toMatchObject({ code: 'ZIP_UNSAFE', message: expect.stringContaining('名称不同') });
  });

  it('central records beyond the count the end record claims (JSZip would read them, yauzl would not)', async () => {
    const bytes = withParts([{ name: 'xl/media/hidden.bin', ...zeros(200) }], () => true, { claimEntries: parts.length });
    expect(await refusal(scanXlsx(bytes))).toMatchObject({ code: 'ZIP_UNSAFE', message: expect.stringContaining('压缩目录') });
  });

  it('a gap between the central directory and its end record (JSZip would shift every offset)', async () => {
    expect(await refusal(scanXlsx(withParts([], () => true, { gap: 64 })))).toMatchObject({ code: 'ZIP_UNSAFE', message: expect.stringContaining('压缩目录') });
  });

  it('ZIP64 records', async () => {
    expect(await refusal(scanXlsx(withParts([], () => true, { zip64Locator: true })))).toMatchObject({ code: 'ZIP_UNSAFE', message: expect.stringContaining('ZIP64') });
  });
});

describe('structure: each refusal with its own message', () => {
  const cases: Array<[string, () => Buffer, Problem['code'], string]> = [
    ['501 entries', () => withParts(Array.from({ length: 501 - parts.length }, (_, i) => ({ name: `xl/extra/${i}.xml`, data: Buffer.from('<x/>') }))), 'ZIP_LIMIT', '超过上限 500 个'],
    ['a ../ name', () => withParts([{ name: '../evil.xml', data: Buffer.from('x') }]), 'ZIP_UNSAFE', '“..”'],
    ['a ../ name deeper down', () => withParts([{ name: 'xl/../../evil.xml', data: Buffer.from('x') }]), 'ZIP_UNSAFE', '“..”'],
    ['a ..\\ name', () => withParts([{ name: '..\\evil.xml', data: Buffer.from('x') }]), 'ZIP_UNSAFE', '“..”'],
    ['an absolute name', () => withParts([{ name: '/etc/passwd', data: Buffer.from('x') }]), 'ZIP_UNSAFE', '绝对路径'],
    ['a backslash-absolute name', () => withParts([{ name: '\\evil.xml', data: Buffer.from('x') }]), 'ZIP_UNSAFE', '绝对路径'],
    ['a drive-letter name', () => withParts([{ name: 'C:\\evil.xml', data: Buffer.from('x') }]), 'ZIP_UNSAFE', '绝对路径'],
    ['a duplicate name', () => withParts([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]), 'ZIP_UNSAFE', '出现了不止一次'],
    ['a duplicate differing only in case', () => withParts([{ name: 'XL/Workbook.xml', data: Buffer.from('<workbook/>') }]), 'ZIP_UNSAFE', '出现了不止一次'],
    ['macros', () => withParts([{ name: 'xl/vbaProject.bin', data: Buffer.from('macro') }]), 'MACRO', '宏'],
    ['no xl/workbook.xml', () => withParts([], (p) => p.name !== 'xl/workbook.xml'), 'NOT_XLSX', '缺少 xl/workbook.xml'],
    ['an encrypted-looking OLE file', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'NOT_XLSX', '另存为” .xlsx'],
    ['not a zip', () => Buffer.from('单位代码,单位名称\n'), 'NOT_XLSX', '请另存为 .xlsx'],
    ['a truncated zip', () => template.subarray(0, 2000), 'NOT_XLSX', '文件已损坏'],
  ];
  it.each(cases)('%s', async (_, build, code, message) => {
    const p = await refusal(scanXlsx(build()));
    expect(p).toMatchObject({ code, message: expect.stringContaining(message) });
    expect(await refusal(openWorkbook(build()))).toEqual(p);
  });

  it('500 entries are fine', async () => {
    await expect(scanXlsx(withParts(Array.from({ length: 500 - parts.length }, (_, i) => ({ name: `xl/extra/${i}.xml`, data: Buffer.from('<x/>') }))))).resolves.toBeUndefined();
  });
});

describe('after loading: rows, cells, merges and cell text are bounded, and the message names the sheet', () => {
  const book = async (fill: (ws: ExcelJS.Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '填表说明';
    fill(wb.addWorksheet('大表'));
    return save(wb);
  };
  const sheetRefusal = async (bytes: Buffer, message: string) =>
    expect(await refusal(openWorkbook(bytes))).toMatchObject({ code: 'SHEET_LIMIT', sheet: '大表', message: expect.stringMatching(new RegExp(`工作表“大表”.*${message}`)) });

  it(`more than ${SHEET_LIMITS.maxRows} rows in all`, async () => {
    // One row on the other sheet, so the limit is on the sum.
    await sheetRefusal(await book((ws) => { for (let i = 1; i <= SHEET_LIMITS.maxRows; i++) ws.getCell(i, 1).value = i; }), '超过 10000 行');
    await expect(openWorkbook(await book((ws) => { for (let i = 1; i < SHEET_LIMITS.maxRows; i++) ws.getCell(i, 1).value = i; }))).resolves.toBeDefined();
  }, 30_000);

  it(`more than ${SHEET_LIMITS.maxCells} cells`, async () => {
    const row = Array.from({ length: 250 }, (_, i) => i);
    await sheetRefusal(await book((ws) => { for (let i = 0; i < 801; i++) ws.addRow(row); }), '超过 200000 个');
  }, 60_000);

  it('a string longer than Excel allows in a cell, with the cell named', async () => {
    const bytes = await book((ws) => { ws.getCell('C7').value = '长'.repeat(SHEET_LIMITS.maxCellChars + 1); });
    expect(await refusal(openWorkbook(bytes))).toMatchObject({ code: 'SHEET_LIMIT', sheet: '大表', cell: 'C7', message: expect.stringContaining('工作表“大表”的单元格 C7 有 32768 个字符') });
    const rich = await book((ws) => { ws.getCell('B2').value = { richText: [{ text: 'a'.repeat(20_000) }, { text: 'b'.repeat(20_000) }] }; });
    expect(await refusal(openWorkbook(rich))).toMatchObject({ cell: 'B2' });
  });

  it(`more than ${SHEET_LIMITS.maxMergesPerSheet} merged ranges`, async () => {
    await sheetRefusal(await book((ws) => { for (let i = 1; i <= SHEET_LIMITS.maxMergesPerSheet + 1; i++) ws.mergeCells(i, 1, i, 2); }), '5001 处合并单元格');
  }, 60_000);

  it('a workbook with no sheets', async () => {
    // Drop the <sheets> children from workbook.xml, keeping the zip otherwise intact.
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    const text = Buffer.from(wb.data!).toString('utf8').replace(/<sheets>.*<\/sheets>/s, '<sheets/>').replace(/<definedNames>.*<\/definedNames>/s, '');
    const bytes = withParts([{ name: wb.name, data: Buffer.from(text) }], (p) => p.name !== wb.name);
    expect(await refusal(openWorkbook(bytes))).toMatchObject({ code: 'NOT_XLSX' });
  });
});
