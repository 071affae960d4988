// What an uploaded evidence file must be: a JPEG, PNG or PDF by its bytes (whatever its name or declared type say),
// agreeing with its name and declared type, within the size limit, and, for an image, an image that decodes. Runs
// in the upload worker (excel/isolate.ts), so a hostile image costs one terminated worker, never the server.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AuditError } from '../errors.js';
import { EVIDENCE_LIMITS } from './limits.js';
import { type Location, photoLocation } from './exif.js';

export type EvidenceType = 'image/jpeg' | 'image/png' | 'application/pdf';

export { EVIDENCE_LIMITS };

const TYPE_ZH: Readonly<Record<EvidenceType, string>> = { 'image/jpeg': 'JPEG 图片', 'image/png': 'PNG 图片', 'application/pdf': 'PDF 文件' };
const BY_EXTENSION: Readonly<Record<string, EvidenceType>> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

const refuse = (message: string, path = '/file'): never => {
  throw new AuditError('BAD_REQUEST', message, [{ code: 'SCHEMA', path, message }]);
};

/** The type the bytes are, by their signature; null for anything else. */
export function sniff(b: Uint8Array): EvidenceType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  if (b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  return null;
}

export interface CheckedEvidence {
  type: EvidenceType;
  location: Location | null;
  /** Images: their size in pixels. */
  width?: number;
  height?: number;
}

/**
 * The file's type by its bytes; refused when it is none of the three, when its name or declared type claims another,
 * when it is too large, or when an image does not decode.
 */
export function checkEvidence(bytes: Uint8Array, name: string, declared: string | undefined): CheckedEvidence {
  if (bytes.byteLength === 0) refuse('上传的文件是空的');
  if (bytes.byteLength > EVIDENCE_LIMITS.fileBytes) refuse(`文件过大：每个佐证文件不超过 ${EVIDENCE_LIMITS.fileBytes / 1024 / 1024} MiB`);
  const type = sniff(bytes) ?? refuse(`“${name}”不是 JPEG、PNG 或 PDF 文件（按文件内容判断）：佐证材料只接受这三种格式`);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const named = ext === undefined ? undefined : BY_EXTENSION[ext];
  if (ext !== undefined && named === undefined) refuse(`文件名“${name}”的扩展名 .${ext} 不是 .jpg、.jpeg、.png 或 .pdf`);
  if (named && named !== type) refuse(`“${name}”的扩展名表明是${TYPE_ZH[named]}，但内容是${TYPE_ZH[type]}：文件类型与名称不符`);
  const claimed = declared?.split(';')[0]?.trim().toLowerCase();
  if (claimed && claimed !== 'application/octet-stream' && claimed !== type && !(claimed === 'image/jpg' && type === 'image/jpeg')) {
    refuse(`“${name}”声明的类型为 ${claimed}，但内容是${TYPE_ZH[type]}：文件类型与声明不符`);
  }
  if (type === 'application/pdf') return { type, location: null, ...pdf(bytes, name) };
  const size = type === 'image/png' ? png(bytes, name) : jpg(bytes, name);
  return { type, location: photoLocation(bytes, type), ...size };
}

function pdf(b: Uint8Array, name: string): Record<string, never> {
  // A PDF ends with its trailer's %%EOF (within the last kilobyte, allowing trailing whitespace or junk).
  const tail = Buffer.from(b.subarray(Math.max(0, b.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) refuse(`“${name}”以 PDF 开头，但不是完整的 PDF 文件（缺少结尾标记 %%EOF）`);
  return {};
}

const tooLarge = (name: string, w: number, h: number) => refuse(`图片“${name}”为 ${w}×${h} 像素，超过 ${EVIDENCE_LIMITS.megapixels} 百万像素的上限：请缩小后再上传`);

function png(b: Uint8Array, name: string): { width: number; height: number } {
  // The header's size is checked before anything is inflated, so a decompression bomb is refused unread.
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') refuse(`PNG 图片“${name}”已损坏，无法读取`);
  const w = v.getUint32(16);
  const h = v.getUint32(20);
  if (w * h > EVIDENCE_LIMITS.megapixels * 1e6) tooLarge(name, w, h);
  try {
    const img = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return { width: img.width, height: img.height };
  } catch {
    return refuse(`PNG 图片“${name}”已损坏，无法解码`);
  }
}

function jpg(b: Uint8Array, name: string): { width: number; height: number } {
  try {
    const img = jpeg.decode(b, { useTArray: true, maxResolutionInMP: EVIDENCE_LIMITS.megapixels, maxMemoryUsageInMB: 512 });
    return { width: img.width, height: img.height };
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    if (/maxResolutionInMP|maxMemoryUsage/.test(m)) return refuse(`图片“${name}”过大，超过 ${EVIDENCE_LIMITS.megapixels} 百万像素的上限：请缩小后再上传`);
    return refuse(`JPEG 图片“${name}”已损坏，无法解码`);
  }
}
