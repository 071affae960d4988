import { AuditError, type Problem } from '../errors.js';

/** A workbook refused as a whole: one located problem, its message also the error's. */
export const importRefusal = (code: Problem['code'], message: string, where: { sheet?: string; cell?: string } = {}): AuditError =>
  new AuditError('IMPORT_INVALID', message, [{ code, path: '', message, ...where }]);

/** Throws the refusal; typed `never` so checks read as guards. */
export function refuse(code: Problem['code'], message: string, where: { sheet?: string; cell?: string } = {}): never {
  throw importRefusal(code, message, where);
}
