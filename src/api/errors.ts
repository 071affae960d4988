// One table from error codes to HTTP statuses; 4xx carry Chinese messages and details, 5xx only a request id.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { AuditError, type ErrorCode, type Problem } from '../errors.js';
import { translate } from '../schema/validate.js';
import { LIMITS, MIB } from './limits.js';

export const STATUS: Readonly<Record<ErrorCode, number>> = {
  SUBMISSION_INVALID: 400,
  INPUT_UNREADABLE: 400,
  IMPORT_INVALID: 400,
  BAD_REQUEST: 400,
  USAGE: 400,
  UNKNOWN_UNIT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  READ_ONLY: 503,
  NOT_FOUND: 404,
  RUBRIC_NOT_FOUND: 404,
  DUPLICATE: 409,
  FROZEN: 409,
  CONFLICT: 409,
  RUBRIC_INVALID: 500,
  RUBRIC_REFUSED: 400,
};

const FASTIFY_MESSAGES: Record<number, string> = {
  400: '请求有误',
  404: '找不到该地址',
  406: '不支持请求的格式',
  408: '请求超时',
  413: `上传的内容过大（JSON 请求体不超过 ${MIB(LIMITS.bodyBytes)}，上传文件不超过 ${MIB(LIMITS.fileBytes)}，每次一个文件）`,
  415: '不支持的内容类型',
  429: '请求过于频繁，请稍后再试',
};

const CONTEXT_ZH: Record<string, string> = { querystring: '查询参数', params: '路径参数', headers: '请求头' };

const FASTIFY_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  406: 'NOT_ACCEPTABLE',
  408: 'TIMEOUT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * An error body: the first problems (at most LIMITS.problemsListed) and how many there are in all, so a body with
 * forty thousand mistakes gets a short answer that still says how many.
 */
export const body = (code: string, message: string, problems: readonly Problem[]) => ({
  code,
  message,
  details: problems.length > LIMITS.problemsListed ? problems.slice(0, LIMITS.problemsListed) : problems,
  total: problems.length,
});

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AuditError) {
    // Failed sign-ins are not written to the record chain (anyone could fill it); they go to the log with the address.
    if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') request.log.warn({ code: error.code, ip: request.ip, method: request.method, url: request.url }, 'access refused');
    reply.status(STATUS[error.code]).send(body(error.code, error.message, error.problems));
    return;
  }
  if (error.validation) {
    // The same translation as for submissions, so query strings and path parameters get Chinese messages too.
    const problems = translate(error.validation as unknown as ErrorObject[]);
    const where = CONTEXT_ZH[error.validationContext ?? ''] ?? '请求参数';
    reply.status(400).send(body('BAD_REQUEST', `${where}有 ${problems.length} 处问题`, problems));
    return;
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    // The framework's own code (FST_…) goes to the log; clients get one stable code per status.
    request.log.info({ code: error.code, status }, 'request refused');
    reply.status(status).send(body(FASTIFY_CODES[status] ?? 'BAD_REQUEST', FASTIFY_MESSAGES[status] ?? '请求有误', []));
    return;
  }
  // Internals stay in the log; the client gets the request id to quote.
  request.log.error({ err: error }, 'internal error');
  reply.status(500).send({ ...body('INTERNAL', `服务器内部错误（请求编号 ${request.id}）`, []), request_id: request.id });
}
