// The bytes of a workbook. exceljs lays out every part's XML, then zips the parts through JSZip, which deflates them
// with pako, in JavaScript: about a third of the time of writing a template (4 to 5 ms of 13), more than the layout
// code of ours that decides every cell. So exceljs is asked for a zip whose parts are stored (not compressed), and
// each part is deflated here by Node's zlib (native code: about 2 ms for the same parts) into a new zip with the same entries, in
// the same order, with the same names, dates, checksums and attributes: only the compression changes. The XML is
// exactly what exceljs writes either way.
import type ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const END_SIZE = 22;
const STORED = 0;
const DEFLATED = 8;
/** "Version needed to extract" for deflate (2.0). */
const DEFLATE_VERSION = 20;
/** Bit 3 of the flags: sizes and checksum follow the data instead of being in the header. */
const DATA_DESCRIPTOR = 0x0008;

/** Where a local header and a central record keep the fields that change when an entry is deflated. */
interface Fields {
  version: number;
  method: number;
  compressed: number;
  extra: number;
}
const LOCAL_FIELDS: Fields = { version: 4, method: 8, compressed: 18, extra: 28 };
const CENTRAL_FIELDS: Fields = { version: 6, method: 10, compressed: 20, extra: 30 };

/** A copy of the first `length` bytes of a header at `from`, marked deflated to `compressed` bytes if given, its extra field dropped. */
function copyHeader(zip: Buffer, from: number, length: number, fields: Fields, compressed: number | undefined): Buffer {
  const h = Buffer.from(zip.subarray(from, from + length));
  if (compressed !== undefined) {
    h.writeUInt16LE(DEFLATE_VERSION, fields.version);
    h.writeUInt16LE(DEFLATED, fields.method);
    h.writeUInt32LE(compressed, fields.compressed);
  }
  h.writeUInt16LE(0, fields.extra);
  return h;
}

/** A workbook as the bytes of an .xlsx file. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  // exceljs types it as an ArrayBuffer; in Node it is a Buffer (JSZip's "nodebuffer"), read without a copy.
  const stored: unknown = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return deflateStored(Buffer.isBuffer(stored) ? stored : Buffer.from(stored as ArrayBuffer));
}

/**
 * A zip of stored entries, as JSZip writes it, with every entry deflated. Only that input is expected (it is ours):
 * anything else (an entry already compressed, sizes after the data, a zip64 archive, a comment) is a programming
 * error and throws, rather than being passed on half understood.
 */
export function deflateStored(zip: Buffer): Buffer {
  const end = zip.length - END_SIZE;
  if (end < 0 || zip.readUInt32LE(end) !== END) throw new Error('deflateStored: no end record where one was expected (a zip comment?)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (at + zip.readUInt32LE(end + 12) !== end) throw new Error('deflateStored: the central directory does not end at the end record');
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`deflateStored: no central record at ${at}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (method !== STORED || flags & DATA_DESCRIPTOR || zip.readUInt32LE(at + 20) !== size) throw new Error(`deflateStored: entry ${i} is not stored plainly`);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`deflateStored: no local header at ${local}`);
    const localName = zip.readUInt16LE(local + 26);
    const dataStart = local + LOCAL_SIZE + localName + zip.readUInt16LE(local + 28);
    if (dataStart + size > zip.length) throw new Error(`deflateStored: entry ${i} runs past the end of the zip`);
    const content = zip.subarray(dataStart, dataStart + size);
    // An empty entry (JSZip lists each folder as one) stays stored: deflated it would only grow.
    const data = size > 0 ? deflateRawSync(content) : content;
    const compressed = size > 0 ? data.length : undefined;

    // The local header and the central record as they were (dates, checksum, sizes, name, attributes), marked
    // deflated where the entry is, without extra fields; the record points at where the entry now starts.
    const header = copyHeader(zip, local, LOCAL_SIZE + localName, LOCAL_FIELDS, compressed);
    parts.push(header, data);
    const record = copyHeader(zip, at, CENTRAL_SIZE + nameLength, CENTRAL_FIELDS, compressed);
    record.writeUInt16LE(0, 32); // no comment
    record.writeUInt32LE(offset, 42);
    central.push(record);

    offset += header.length + data.length;
    at += CENTRAL_SIZE + skip;
  }
  if (at !== end) throw new Error('deflateStored: the central directory holds more than its entry count says');
  const directory = Buffer.concat(central);
  const tail = Buffer.alloc(END_SIZE);
  tail.writeUInt32LE(END, 0);
  tail.writeUInt16LE(count, 8);
  tail.writeUInt16LE(count, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, tail]);
}
