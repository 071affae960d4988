import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pacer } from '../turns.js';
import { AuditError } from '../errors.js';
import type { Download } from '../service/render.js';
import type { AssessmentRecord } from '../domain/records.js';
import { recordText } from '../store/rows.js';
import { schemaId, type SchemaName } from '../schema/ids.js';
import { PATTERNS } from '../schema/validate.js';
import { LIMITS, MIB } from './limits.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a rendered workbook as a download; the file name is UTF-8 encoded per RFC 5987. */
export function sendXlsx(reply: FastifyReply, { bytes, name }: Download): FastifyReply {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}

/**
 * Sends a list of JSON texts as one array, written as they come with the event loop free in between: a county's year
 * of records in one piece would hold every other request up for a second or more.
 */
export function sendJsonArray(reply: FastifyReply, items: AsyncIterable<string>): FastifyReply {
  async function* chunks() {
    const pacer = new Pacer();
    let first = true;
    yield '[';
    for await (const item of items) {
      yield first ? item : `,${item}`;
      first = false;
      await pacer.pace();
    }
    yield ']';
  }
  return reply.type('application/json; charset=utf-8').send(Readable.from(chunks()));
}

/** A record just written: sent as the text it was stored as (recordText), byte for byte what reading it back sends. */
export function sendRecord(reply: FastifyReply, rec: AssessmentRecord): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(recordText(rec));
}

/** JSON text of a plain value, piece by piece: containers down to `depth` are opened, what lies deeper is written whole. */
export async function* pieces(v: unknown, depth: number, pacer: Pacer): AsyncGenerator<string> {
  if (depth === 0 || v === null || typeof v !== 'object') {
    yield JSON.stringify(v) ?? 'null';
    return pacer.pace();
  }
  const list = Array.isArray(v);
  yield list ? '[' : '{';
  let first = true;
  for (const [k, x] of list ? v.entries() : Object.entries(v)) {
    if (x === undefined && !list) continue;
    yield `${first ? '' : ','}${list ? '' : `${JSON.stringify(k)}:`}`;
    first = false;
    yield* pieces(x, depth - 1, pacer);
  }
  yield list ? ']' : '}';
}

/** Sends a large plain value (an import's created records, say) as JSON written a piece at a time. */
export function sendJsonPieces(reply: FastifyReply, value: unknown, depth = 2): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(Readable.from(pieces(value, depth, new Pacer())));
}

const ref = (name: SchemaName) => ({ $ref: `${schemaId(name)}#` });
export const SUBMISSION = ref('submission');
export const PERIOD = { type: 'string', pattern: PATTERNS.period } as const;
export const CODE = { type: 'string', pattern: PATTERNS.unitCode } as const;

/**
 * The bytes of the one uploaded file of a multipart request. Every part is consumed, so a second file or an
 * oversize one is refused (413) instead of left unread; a body that is not valid multipart is a 400, never a 5xx.
 */
export async function uploadedBytes(req: FastifyRequest): Promise<Buffer> {
  return (await uploadedFile(req)).bytes;
}

/** The one uploaded file with the name and type its sender gave, within `maxBytes` (the service's file limit by default). */
export async function uploadedFile(req: FastifyRequest, opts: { maxBytes?: number; what?: string } = {}): Promise<{ bytes: Buffer; name: string; type: string }> {
  const max = opts.maxBytes ?? LIMITS.fileBytes;
  const what = opts.what ?? '.xlsx 文件';
  const missing = () => new AuditError('BAD_REQUEST', `请以 multipart/form-data 上传一个${what}（字段名 file）`, [{ code: 'SCHEMA', path: '/file', message: '缺少文件' }]);
  if (!req.isMultipart()) throw missing();
  let file: { bytes: Buffer; name: string; type: string } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: max } })) if (part.type === 'file') file = { bytes: await part.toBuffer(), name: part.filename, type: part.mimetype };
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 413) throw new AuditError('TOO_LARGE', `上传的文件过大或过多：每次只能上传一个不超过 ${MIB(max)} 的${what}`, []);
    req.log.info({ err: e }, 'unreadable multipart body');
    throw new AuditError('BAD_REQUEST', '上传的内容不是有效的 multipart/form-data', []);
  }
  if (!file) throw missing();
  return file;
}
