import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditError } from '../errors.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends workbook bytes as a download; the file name is UTF-8 encoded per RFC 5987. */
export function sendXlsx(reply: FastifyReply, bytes: Buffer, name: string): FastifyReply {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}

const ref = (name: string) => ({ $ref: `https://bianmin-audit.local/schemas/${name}.json#` });
export const SUBMISSION = ref('submission');
export const ASSESSMENT = ref('assessment');
export const PERIOD = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
export const CODE = { type: 'string', pattern: '^[0-9A-Za-z][0-9A-Za-z-]{0,31}$' } as const;

/** The bytes of the one uploaded file of a multipart request; a clear 400 when there is none. */
export async function uploadedBytes(req: FastifyRequest): Promise<Buffer> {
  const file = req.isMultipart() ? await req.file().catch(() => undefined) : undefined;
  if (!file) throw new AuditError('BAD_REQUEST', '请以 multipart/form-data 上传一个 .xlsx 文件（字段名 file）', [{ code: 'SCHEMA', path: '/file', message: '缺少文件' }]);
  return file.toBuffer();
}
