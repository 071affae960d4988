/** A problem found in some input, located as precisely as the input allows. Messages are Chinese; codes are English. */
export interface Problem {
  code: ProblemCode;
  message: string;
  /** JSON pointer into the parsed document ('' for the whole document). */
  path: string;
  file?: string;
  line?: number;
  column?: number;
  /** The indicator concerned, when there is one. */
  indicator?: string;
  /** Spreadsheet location and the raw value found there, for problems in imported workbooks. */
  sheet?: string;
  cell?: string;
  value?: string;
}

export type ProblemCode =
  | 'FILE_UNREADABLE'
  | 'SYNTAX'
  | 'FORBIDDEN_KEY'
  | 'SCHEMA'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_TIER'
  | 'UNKNOWN_PARAMETER'
  | 'UNKNOWN_FACT'
  | 'THRESHOLD_MISSING'
  | 'THRESHOLD_ORDER'
  | 'BOUNDS'
  | 'RUBRIC_NOT_FOUND'
  | 'RUBRIC_MISMATCH'
  | 'UNIT_LEVEL'
  | 'UNKNOWN_INDICATOR'
  | 'WRONG_TYPE'
  | 'OUT_OF_RANGE'
  | 'NOT_INTEGER'
  | 'UNKNOWN_ITEM'
  | 'INCOMPLETE_CHECKLIST'
  | 'NA_NOT_ALLOWED'
  | 'NA_REASON_MISSING'
  | 'PARAMETER_UNDEFINED'
  | 'FACT_MISSING'
  | 'CITATION_MISSING'
  | 'WRONG_UNIT'
  | 'POINTS'
  | 'CONFLICT'
  | 'UNKNOWN_ITEM_REF'
  | 'NOT_XLSX'
  | 'MACRO'
  | 'ZIP_LIMIT'
  | 'ZIP_UNSAFE'
  | 'SHEET_LIMIT'
  | 'TOO_COMPLEX'
  | 'FOREIGN_TEMPLATE'
  | 'TEMPLATE_MISMATCH'
  | 'MISSING_COLUMN'
  | 'UNREADABLE_CELL'
  | 'DUPLICATE_ROW'
  | 'NOT_FOR_LEVEL'
  | 'NOT_APPLICABLE_HERE'
  | 'PERIOD_KIND'
  | 'CALENDAR_MISSING'
  | 'REASON_MISSING'
  | 'UNKNOWN_INDICATOR_REF'
  | 'CYCLE'
  | 'EXTENDS'
  | 'QUOTE_NOT_FOUND'
  | 'CONTROL_CHARACTER'
  | 'EMPTY_TEMPLATE'
  | 'PERCENT_AS_FRACTION';

export type ErrorCode =
  | 'RUBRIC_INVALID'
  | 'RUBRIC_REFUSED'
  | 'RUBRIC_NOT_FOUND'
  | 'SUBMISSION_INVALID'
  | 'INPUT_UNREADABLE'
  | 'IMPORT_INVALID'
  | 'USAGE'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'FROZEN'
  | 'CONFLICT'
  | 'UNKNOWN_UNIT'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'READ_ONLY';

/** An error that carries every problem found, never just the first. */
export class AuditError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'AuditError';
  }
}

export const isAuditError = (e: unknown): e is AuditError => e instanceof AuditError;

/** Escapes one JSON-pointer segment (RFC 6901). */
export const pointerSegment = (s: string | number): string => {
  const t = String(s);
  return t.includes('~') || t.includes('/') ? t.replace(/~/g, '~0').replace(/\//g, '~1') : t;
};
export const pointer = (...segments: Array<string | number>): string => segments.map((s) => `/${pointerSegment(s)}`).join('');

/** Renders a problem as `file:line:col  /json/pointer  message [CODE]` for terminals and logs. */
export function formatProblem(p: Problem): string {
  const cell = p.sheet !== undefined ? `${p.sheet}!${p.cell ?? ''}` : undefined;
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined, cell].filter((x) => x !== undefined).join(':');
  // In a spreadsheet the reader knows cells and indicators, not JSON pointers.
  const at = cell !== undefined ? (p.indicator !== undefined ? `指标 ${p.indicator}` : undefined) : p.path === '' ? '(根)' : p.path;
  const value = p.value !== undefined ? `（单元格内容：“${p.value}”）` : '';
  return [where || undefined, at, `${p.message}${value} [${p.code}]`].filter((x) => x !== undefined).join('  ');
}

/** A value as a message may quote it: its kind, and text cut short. */
export function describeValue(v: unknown): string {
  if (v === null) return '空值 null';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'string') return `文本“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`;
  if (typeof v === 'object') return '对象';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `${typeof v === 'number' ? '数值 ' : ''}${String(v)}`;
}
