// Stored rows as domain records. A row someone has made unreadable parses to null where the caller must go on.
import type { AssessmentRecord, LogEntry, TokenRecord } from '../domain/records.js';
import type { UnitRecord } from '../domain/units.js';
import type { Pacer } from '../turns.js';

export type Row = Record<string, unknown>;

export const unit = (r: Row): UnitRecord => ({ code: String(r.code), name: String(r.name), level: r.level as UnitRecord['level'], parent: r.parent === null ? null : String(r.parent) });

export function record(r: Row): AssessmentRecord {
  return {
    id: String(r.id),
    unit: String(r.unit_code),
    period: String(r.period),
    rubric: { id: String(r.rubric_id), version: String(r.rubric_version), hash: String(r.rubric_hash) },
    engine_version: String(r.engine_version),
    status: r.status as AssessmentRecord['status'],
    origin: r.origin as AssessmentRecord['origin'],
    revision: Number(r.revision),
    supersedes: r.supersedes === null ? null : String(r.supersedes),
    amend_reason: r.amend_reason === null ? null : String(r.amend_reason),
    submission: JSON.parse(String(r.submission)),
    assessment: JSON.parse(String(r.assessment)),
    created_at: String(r.created_at),
    created_by: String(r.created_by),
    finalized_at: r.finalized_at === null ? null : String(r.finalized_at),
    finalized_by: r.finalized_by === null ? null : String(r.finalized_by),
  };
}

const text = (v: unknown): string => JSON.stringify(v === null ? null : String(v));

/**
 * A row as the JSON text of its record, byte for byte JSON.stringify(record(r)), splicing in the stored submission and
 * assessment (themselves JSON.stringify output) instead of parsing and writing them again.
 */
export function recordJson(r: Row): string {
  return (
    `{"id":${text(r.id)},"unit":${text(r.unit_code)},"period":${text(r.period)},` +
    `"rubric":{"id":${text(r.rubric_id)},"version":${text(r.rubric_version)},"hash":${text(r.rubric_hash)}},` +
    `"engine_version":${text(r.engine_version)},"status":${text(r.status)},"origin":${text(r.origin)},"revision":${Number(r.revision)},` +
    `"supersedes":${text(r.supersedes)},"amend_reason":${text(r.amend_reason)},"submission":${String(r.submission)},"assessment":${String(r.assessment)},` +
    `"created_at":${text(r.created_at)},"created_by":${text(r.created_by)},"finalized_at":${text(r.finalized_at)},"finalized_by":${text(r.finalized_by)}}`
  );
}

/** The JSON text of records just written, kept with them (and gone with them) so an answer need not write them again. */
const texts = new WeakMap<AssessmentRecord, string>();

export const rememberJson = (rec: AssessmentRecord, text: string): void => void texts.set(rec, text);

/** A record as JSON text: the text it was stored as, when the store has just written it; else JSON.stringify. */
export const recordText = (rec: AssessmentRecord): string => texts.get(rec) ?? JSON.stringify(rec);

export function token(r: Row): TokenRecord {
  return {
    id: String(r.id),
    digest: String(r.digest),
    name: String(r.name),
    role: r.role as TokenRecord['role'],
    scope: r.scope === null ? null : String(r.scope),
    created_at: String(r.created_at),
    created_by: String(r.created_by),
    revoked_at: r.revoked_at === null ? null : String(r.revoked_at),
  };
}

/** A log row as stored, or null when someone has made it unreadable. */
export function parseLogRow(r: Row): LogEntry | null {
  try {
    return logEntry(r);
  } catch {
    return null;
  }
}

export function logEntry(r: Row): LogEntry {
  return {
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    action: String(r.action),
    target: String(r.target),
    payload: JSON.parse(String(r.payload)),
    prev_hash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

/** The first column whose stored value differs from what it should be (null and undefined: no value). */
export function differs(row: Row, expected: Record<string, unknown>): string | undefined {
  return Object.keys(expected).find((c) => {
    const want = expected[c];
    const have = row[c];
    if (want === null || want === undefined) return have !== null && have !== undefined;
    return typeof want === 'number' ? Number(have) !== want : String(have) !== String(want);
  });
}

/** Reads a table (or a subquery with an alias) `size` rows at a time in key order, giving the event loop its turns. */
export async function* pages(db: { all(sql: string, params?: readonly unknown[]): Promise<Row[]> }, table: string, key: string, pacer: Pacer, size: number): AsyncGenerator<Row> {
  for (let after = ''; ; ) {
    const page = await db.all(`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`, [after, size]);
    for (const r of page) {
      yield r;
      await pacer.pace();
    }
    if (page.length < size) return;
    after = String(page[page.length - 1]![key]);
  }
}
