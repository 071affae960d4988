import type { FastifyReply } from 'fastify';

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
