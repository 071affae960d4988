// Stored rows as domain records. A row someone has made unreadable parses to null where the caller must go on.
import type { AssessmentRecord, LogEntry, TokenRecord } from '../domain/records.js';
import type { UnitRecord } from '../domain/units.js';

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
