import { AuditError, type ErrorCode, type Problem } from '../errors.js';

/** Throws a coded error whose one problem repeats the message, unless the problems are given. */
export const fail = (code: ErrorCode, message: string, problems: Problem[] = [{ code: 'SCHEMA', path: '', message }]): never => {
  throw new AuditError(code, message, problems);
};
