// The zip container of an uploaded .xlsx, checked before exceljs sees it. exceljs (through JSZip) inflates every
// entry fully with no size, ratio or count limit, so every entry is inflated here first, as a stream that is
// counted and thrown away, and the file is refused the moment a limit is passed. Sizes in the headers are
// claims: yauzl's validateEntrySizes refuses an entry that inflates to more or less than its header says, and
// the limits are applied to the bytes that actually came out.
//
// yauzl and JSZip must also see the same entries, or a payload could hide where only exceljs looks:
// JSZip reads every consecutive central record and takes names from the local headers, and tolerates a gap
// before the end record by shifting all offsets. So the central directory must end exactly at the end record,
// yauzl must have read up to that point, and each local name must equal its central name.
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AuditError } from '../errors.js';
import { refuse } from './refusal.js';

const MiB = 1024 * 1024;

export const XLSX_LIMITS = {
  maxEntries: 500,
  /** Inflated bytes of one entry. */
  maxEntryBytes: 25 * MiB,
  /** Inflated bytes of all entries together. */
  maxTotalBytes: 100 * MiB,
  /** Inflated : compressed, per entry. */
  maxRatio: 100,
  /** Small entries (a sheet of empty styled rows) may compress better; the ratio counts only past this size. */
  ratioFloorBytes: 1 * MiB,
} as const;

export type XlsxLimits = { readonly [K in keyof typeof XLSX_LIMITS]: number };

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_RECORD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;

const CORRUPT = '文件已损坏，无法作为 .xlsx 打开：请在 Excel 或 WPS 中重新保存为 .xlsx';
const TAMPERED = '文件已损坏或被篡改';


/** An entry name as it may be shown to a person: no control characters, not unboundedly long. */
const shown = (name: string) => {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
};
const mib = (n: number) => `${Math.round((n / MiB) * 10) / 10} MiB`;

export async function scanXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  if (OLE.every((b, i) => bytes[i] === b)) {
    // .xls, WPS .et and password-protected .xlsx are all OLE compound files.
    refuse('NOT_XLSX', '文件是旧版 .xls/.et 格式或已加密：请在 Excel 或 WPS 中取消密码，并“另存为” .xlsx 格式后再导入');
  }
  if (!LOCAL_HEADER.every((b, i) => bytes[i] === b)) refuse('NOT_XLSX', '文件不是 Excel 工作簿：请另存为 .xlsx 格式后再导入');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directoryEnd = centralDirectoryEnd(buf);

  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false });
  } catch {
    return refuse('NOT_XLSX', CORRUPT);
  }
  // The entry being inflated, to name it if yauzl finds that its size was a lie.
  let current = '';
  try {
    if (zip.entryCount > limits.maxEntries) {
      refuse('ZIP_LIMIT', `文件内含 ${zip.entryCount} 个部件，超过上限 ${limits.maxEntries} 个：这不像是正常的 Excel 工作簿，请在 Excel 或 WPS 中重新保存为 .xlsx`);
    }
    const seen = new Set<string>();
    let total = 0;
    let hasWorkbook = false;
    for await (const entry of zip.eachEntry()) {
      const name = await checkName(zip, entry, seen);
      if (name === 'xl/workbook.xml') hasWorkbook = true;
      current = name;
      total += await inflateCounted(zip, entry, name, total, limits);
      current = '';
    }
    // The central records yauzl read must be all there are (JSZip would read on while records follow).
    if ((zip as unknown as { readEntryCursor: number }).readEntryCursor !== directoryEnd) refuse('ZIP_UNSAFE', `文件的压缩目录前后不一致，${TAMPERED}：请在 Excel 或 WPS 中重新保存为 .xlsx`);
    if (!hasWorkbook) refuse('NOT_XLSX', '文件不是 Excel 工作簿（缺少 xl/workbook.xml）：请另存为 .xlsx 格式后再导入');
  } catch (e) {
    if (e instanceof AuditError) throw e;
    // Anything yauzl or zlib throws is a damaged or crafted file.
    const message = e instanceof Error ? e.message : '';
    if (/too many bytes|not enough bytes|size mismatch/.test(message)) {
      refuse('ZIP_UNSAFE', `文件内${current ? `的部件“${shown(current)}”` : ''}记录的大小与实际解压出的内容不符，${TAMPERED}：请在 Excel 或 WPS 中重新保存为 .xlsx`);
    }
    refuse('NOT_XLSX', CORRUPT);
  } finally {
    zip.close();
  }
}

/**
 * Where the central directory must end: at the end record, found as yauzl and JSZip find it, the last signature
 * (yauzl then also insists that the comment length fits). ZIP64 is refused outright: no workbook within our
 * limits needs it, and its records are read differently by yauzl and JSZip.
 */
function centralDirectoryEnd(buf: Buffer): number {
  let at = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_RECORD) {
      at = i;
      break;
    }
  }
  if (at < 0) return refuse('NOT_XLSX', CORRUPT);
  const entries = buf.readUInt16LE(at + 10);
  const size = buf.readUInt32LE(at + 12);
  const offset = buf.readUInt32LE(at + 16);
  const zip64 = (at >= 20 && buf.readUInt32LE(at - 20) === ZIP64_LOCATOR) || entries === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  if (zip64) refuse('ZIP_UNSAFE', '文件使用了 ZIP64 扩展格式，这不像是正常的 Excel 工作簿：请在 Excel 或 WPS 中重新保存为 .xlsx');
  if (offset + size !== at) refuse('ZIP_UNSAFE', `文件的压缩目录位置不对，${TAMPERED}：请在 Excel 或 WPS 中重新保存为 .xlsx`);
  return at;
}

/** The entry's name, refused if it could escape a folder, hide behind another, or differ between the two headers. */
async function checkName(zip: ZipFile, entry: Entry, seen: Set<string>): Promise<string> {
  const raw = entry.fileName as unknown as Buffer; // decodeStrings: false gives the raw bytes
  // Backslashes become slashes first, so `\x` and `..\x` are judged as `/x` and `../x`.
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/')) refuse('ZIP_UNSAFE', `文件内含绝对路径的部件“${shown(name)}”，${TAMPERED}，已拒绝导入`);
  if (name.split('/').includes('..')) refuse('ZIP_UNSAFE', `文件内含指向上级目录（“..”）的部件“${shown(name)}”，${TAMPERED}，已拒绝导入`);
  // Package part names compare without case; JSZip keeps only the last of two equal names.
  const key = name.toLowerCase();
  if (seen.has(key)) refuse('ZIP_UNSAFE', `文件内的部件“${shown(name)}”出现了不止一次，${TAMPERED}，已拒绝导入`);
  seen.add(key);
  if (/vbaProject\.bin$/i.test(name)) refuse('MACRO', '文件包含宏（.xlsm）：请另存为不含宏的 .xlsx 格式后再导入');
  const local = await zip.readLocalFileHeaderPromise(entry, { minimal: false });
  if (!local.fileName.equals(raw)) refuse('ZIP_UNSAFE', `文件内的部件“${shown(name)}”前后两处记录的名称不同，${TAMPERED}，已拒绝导入`);
  if (entry.isEncrypted()) refuse('NOT_XLSX', '文件已加密：请在 Excel 或 WPS 中取消密码，并另存为 .xlsx 格式后再导入');
  return name;
}

/**
 * Inflates one entry as a stream, counting and discarding, and stops at the first limit passed. The checksum is
 * checked too: JSZip does not, and a damaged file whose sizes still fit would otherwise import changed values.
 */
async function inflateCounted(zip: ZipFile, entry: Entry, name: string, before: number, limits: XlsxLimits): Promise<number> {
  const check = (inflated: number) => {
    if (inflated > limits.maxEntryBytes) refuse('ZIP_LIMIT', `文件内的部件“${shown(name)}”解压后超过 ${mib(limits.maxEntryBytes)} 的上限：工作簿过大，请删除无关内容或拆分后再导入`);
    if (before + inflated > limits.maxTotalBytes) refuse('ZIP_LIMIT', `文件解压后的总大小超过 ${mib(limits.maxTotalBytes)} 的上限：工作簿过大，请删除无关内容或拆分后再导入`);
    if (inflated > limits.ratioFloorBytes && inflated > limits.maxRatio * entry.compressedSize) {
      refuse('ZIP_LIMIT', `文件内的部件“${shown(name)}”压缩比超过 ${limits.maxRatio}:1，疑似恶意构造的压缩包（“压缩炸弹”），已拒绝导入`);
    }
  };
  // The claims first, so an honest bomb costs nothing; the actual bytes are what count.
  check(entry.uncompressedSize);
  const stream = await zip.openReadStreamPromise(entry);
  let inflated = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      check(inflated);
      crc = crc32(chunk, crc);
    }
  } finally {
    stream.destroy();
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) refuse('NOT_XLSX', `文件已损坏（部件“${shown(name)}”的校验和不符）：请在 Excel 或 WPS 中重新保存为 .xlsx`);
  return inflated;
}
