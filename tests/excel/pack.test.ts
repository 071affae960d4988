// Workbooks are zipped with Node's zlib instead of JSZip's pako (src/excel/pack.ts): the same parts, in the same
// order, with the same names, checksums and dates, deflated; readable by every reader we and our users have.
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { deflateStored, workbookBytes } from '../../src/excel/pack.js';
import { buildTemplate } from '../../src/excel/template.js';
import { scanXlsx } from '../../src/excel/zipscan.js';
import { newWorkbook } from '../../src/excel/style.js';
import { rubric } from '../support/rubrics.js';
import { hasLibreOffice, load, throughLibreOffice } from '../support/workbooks.js';
import { fillWithOpenpyxl, hasOpenpyxl } from '../support/programs.js';

const r = await rubric('township-center-2022');

interface Entry { name: string; method: number; crc: number; date: number; content: Buffer }

/** The entries of a zip as its central directory lists them, each inflated by JSZip with its checksum verified. */
async function entries(zip: Buffer): Promise<Entry[]> {
  const z = await JSZip.loadAsync(zip, { checkCRC32: true });
  const listed: Entry[] = [];
  let at = zip.readUInt32LE(zip.length - 22 + 16);
  for (let i = 0; i < zip.readUInt16LE(zip.length - 22 + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    listed.push({
      name,
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      date: zip.readUInt32LE(at + 12),
      // JSZip lists every folder as an empty entry of its own.
      content: z.files[name]!.dir ? Buffer.alloc(0) : await z.file(name)!.async('nodebuffer'),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return listed;
}

async function stored(files: Array<[string, Uint8Array]>): Promise<Buffer> {
  const z = new JSZip();
  const date = new Date(Date.UTC(2026, 10, 28, 8, 30));
  for (const [name, data] of files) z.file(name, data, { date, createFolders: false });
  return z.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

describe('workbookBytes', () => {
  it('holds the parts exceljs writes, in its order, each deflated with the checksum of its content', async () => {
    const ours = await entries(await buildTemplate(r));
    const wb = await load(await buildTemplate(r));
    const theirs = await entries(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ours.map((e) => e.name)).toEqual(theirs.map((e) => e.name));
    for (const e of ours) {
      // Folders stay stored: there is nothing to compress.
      expect(e.method, e.name).toBe(e.name.endsWith('/') ? 0 : 8);
      expect(e.crc, e.name).toBe(crc32(e.content));
    }
    expect(ours.map((e) => e.name)).toContain('xl/worksheets/sheet2.xml');
  });

  it('changes nothing but the compression of what exceljs would have zipped itself', async () => {
    const make = () => {
      const wb = newWorkbook();
      const ws = wb.addWorksheet('检查表');
      ws.getCell('A1').value = '便民服务中心';
      ws.getCell('B2').value = 42;
      ws.mergeCells('A3:C4');
      return wb;
    };
    const ours = await entries(await workbookBytes(make()));
    const theirs = await entries(Buffer.from(await make().xlsx.writeBuffer()));
    expect(ours.map(({ name, crc, content }) => ({ name, crc, content }))).toEqual(theirs.map(({ name, crc, content }) => ({ name, crc, content })));
  });

  it('is a workbook our own upload checks accept and exceljs reads back', async () => {
    const bytes = await buildTemplate(r);
    await expect(scanXlsx(bytes)).resolves.toBeUndefined();
    const wb = await load(bytes);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['说明', '检查表', '_meta']);
  });

  it.skipIf(!hasOpenpyxl)('opens in openpyxl', async () => {
    const back = await load(fillWithOpenpyxl(await buildTemplate(r), { single: {} }));
    expect(back.getWorksheet('检查表')!.rowCount).toBe((await load(await buildTemplate(r))).getWorksheet('检查表')!.rowCount);
  });

  it.skipIf(!hasLibreOffice)('opens in LibreOffice', async () => {
    const back = await load(throughLibreOffice(await buildTemplate(r)));
    expect(back.getWorksheet('检查表')!.getCell('A1').text).toContain(r.title);
  });
});

describe('deflateStored', () => {
  it('keeps every entry, its name, date, checksum and content, whatever they are', async () => {
    const name = fc.stringMatching(/^[a-z0-9_\u4e00-\u4e2f]{1,12}(\/[a-z0-9_]{1,8}){0,2}\.xml$/);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(name, fc.uint8Array({ maxLength: 3000 })), { maxLength: 6, selector: ([n]) => n }), async (files) => {
        const zip = await stored(files);
        const before = await entries(zip);
        const after = await entries(deflateStored(zip));
        expect(after.map((e) => e.method)).toEqual(files.map(([, data]) => (data.length > 0 ? 8 : 0)));
        expect(after.map(({ name, date, crc, content }) => ({ name, date, crc, content }))).toEqual(before.map(({ name, date, crc, content }) => ({ name, date, crc, content })));
      }),
      { numRuns: 60 },
    );
  });

  it('makes text smaller', async () => {
    const xml = Buffer.from('<row><c r="A1" s="4"/></row>'.repeat(2000));
    const zip = await stored([['xl/worksheets/sheet1.xml', xml]]);
    expect(deflateStored(zip).length).toBeLessThan(zip.length / 10);
  });

  it('refuses what it does not understand instead of passing it on half read', async () => {
    const deflated = await new JSZip().file('a.xml', 'x'.repeat(100)).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(() => deflateStored(deflated)).toThrow(/not stored plainly/);
    const commented = await new JSZip().file('a.xml', 'x').generateAsync({ type: 'nodebuffer', compression: 'STORE', comment: '注释' });
    expect(() => deflateStored(commented)).toThrow(/end record/);
    expect(() => deflateStored(Buffer.from('not a zip'))).toThrow(/end record/);
  });
});
