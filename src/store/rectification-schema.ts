// The tables of what follows an inspection, and the database's own refusals on them (as guards.ts does for the
// rest): an order's fixed content never changes, only its status and who moved it, and a closed order never
// changes at all; an exemption only ever gets revoked once; evidence files and their attachments never change; nothing
// is deleted; PostgreSQL refuses TRUNCATE and SQLite refuses REPLACE. Verification checks these guards are installed.
import type { Guard, PgFunction } from './guards.js';
import type { Dialect } from './types.js';

export const RECTIFICATION_TABLES = ['rectification_orders', 'exemptions', 'evidence_blobs', 'evidence'] as const;

/** The columns an order keeps for life. */
const ORDER_FIXED = ['id', 'assessment_id', 'unit_code', 'rubric_id', 'period', 'indicator_id', 'starts_on', 'workdays', 'content', 'content_hash', 'created_at', 'created_by'];
const EXEMPTION_FIXED = ['id', 'unit_code', 'rubric_id', 'indicator_id', 'kind', 'reason', 'approved_by', 'granted_at', 'starts_on', 'expires_on'];
const EXEMPTION_REVOKE = ['revoked_at', 'revoked_by', 'revoke_reason'];

export const RECTIFICATION_GUARD_MESSAGES = {
  orders: 'rectification orders keep their content; a closed order never changes and none is deleted',
  exemptions: 'exemptions are never changed or deleted, only revoked once',
  evidence: 'evidence files and attachments never change',
} as const;

const same = (d: Dialect, cols: readonly string[]) => cols.map((c) => (d === 'sqlite' ? `NEW.${c} IS OLD.${c}` : `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`)).join(' AND ');
const orderMayChange = (d: Dialect) => `(OLD.status <> 'closed' AND ${same(d, ORDER_FIXED)})`;
const exemptionMayChange = (d: Dialect) =>
  `(OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND NEW.revoked_by IS NOT NULL AND ${same(d, EXEMPTION_FIXED)}) OR (${same(d, [...EXEMPTION_FIXED, ...EXEMPTION_REVOKE])})`;
const raise = (m: string) => `SELECT RAISE(ABORT, '${m}')`;
const M = RECTIFICATION_GUARD_MESSAGES;

export const RECTIFICATION_SQLITE_GUARDS: readonly Guard[] = [
  { name: 'bm_orders_update', table: 'rectification_orders', sql: `CREATE TRIGGER bm_orders_update BEFORE UPDATE ON rectification_orders WHEN NOT (${orderMayChange('sqlite')}) BEGIN ${raise(M.orders)}; END` },
  { name: 'bm_orders_no_delete', table: 'rectification_orders', sql: `CREATE TRIGGER bm_orders_no_delete BEFORE DELETE ON rectification_orders BEGIN ${raise(M.orders)}; END` },
  {
    // REPLACE would delete the row holding the id, or the open order of the same indicator, to make room.
    name: 'bm_orders_no_replace',
    table: 'rectification_orders',
    sql: `CREATE TRIGGER bm_orders_no_replace BEFORE INSERT ON rectification_orders WHEN NEW.status <> 'pending' OR EXISTS (SELECT 1 FROM rectification_orders WHERE id = NEW.id OR (unit_code = NEW.unit_code AND rubric_id = NEW.rubric_id AND indicator_id = NEW.indicator_id AND status <> 'closed')) BEGIN ${raise(M.orders)}; END`,
  },
  { name: 'bm_exemptions_update', table: 'exemptions', sql: `CREATE TRIGGER bm_exemptions_update BEFORE UPDATE ON exemptions WHEN NOT (${exemptionMayChange('sqlite')}) BEGIN ${raise(M.exemptions)}; END` },
  { name: 'bm_exemptions_no_delete', table: 'exemptions', sql: `CREATE TRIGGER bm_exemptions_no_delete BEFORE DELETE ON exemptions BEGIN ${raise(M.exemptions)}; END` },
  { name: 'bm_exemptions_no_replace', table: 'exemptions', sql: `CREATE TRIGGER bm_exemptions_no_replace BEFORE INSERT ON exemptions WHEN EXISTS (SELECT 1 FROM exemptions WHERE id = NEW.id) BEGIN ${raise(M.exemptions)}; END` },
  ...(['evidence_blobs', 'evidence'] as const).flatMap((t): Guard[] => {
    const key = t === 'evidence' ? 'id' : 'sha256';
    return [
      { name: `bm_${t}_no_update`, table: t, sql: `CREATE TRIGGER bm_${t}_no_update BEFORE UPDATE ON ${t} BEGIN ${raise(M.evidence)}; END` },
      { name: `bm_${t}_no_delete`, table: t, sql: `CREATE TRIGGER bm_${t}_no_delete BEFORE DELETE ON ${t} BEGIN ${raise(M.evidence)}; END` },
      { name: `bm_${t}_no_replace`, table: t, sql: `CREATE TRIGGER bm_${t}_no_replace BEFORE INSERT ON ${t} WHEN EXISTS (SELECT 1 FROM ${t} WHERE ${key} = NEW.${key}) BEGIN ${raise(M.evidence)}; END` },
    ];
  }),
];

const plpgsql = (body: string) => `BEGIN ${body} END`;

export const RECTIFICATION_PG_FUNCTIONS: readonly PgFunction[] = [
  {
    name: 'bm_order_guard',
    body: plpgsql(`IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '${M.orders}'; END IF; IF TG_OP = 'INSERT' THEN IF NEW.status <> 'pending' THEN RAISE EXCEPTION '${M.orders}'; END IF; RETURN NEW; END IF; IF NOT (${orderMayChange('postgres')}) THEN RAISE EXCEPTION '${M.orders}'; END IF; RETURN NEW;`),
  },
  {
    name: 'bm_exemption_guard',
    body: plpgsql(`IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '${M.exemptions}'; END IF; IF NOT (${exemptionMayChange('postgres')}) THEN RAISE EXCEPTION '${M.exemptions}'; END IF; RETURN NEW;`),
  },
  { name: 'bm_evidence_guard', body: plpgsql(`RAISE EXCEPTION '${M.evidence}';`) },
];

const pgTrigger = (name: string, table: string, when: string, fn: string, level: 'ROW' | 'STATEMENT' = 'ROW'): Guard => ({
  name,
  table,
  sql: `CREATE TRIGGER ${name} BEFORE ${when} ON ${table} FOR EACH ${level} EXECUTE FUNCTION ${fn}()`,
});

export const RECTIFICATION_PG_GUARDS: readonly Guard[] = [
  pgTrigger('bm_order_guard', 'rectification_orders', 'INSERT OR UPDATE OR DELETE', 'bm_order_guard'),
  pgTrigger('bm_exemption_guard', 'exemptions', 'UPDATE OR DELETE', 'bm_exemption_guard'),
  pgTrigger('bm_evidence_blobs_guard', 'evidence_blobs', 'UPDATE OR DELETE', 'bm_evidence_guard'),
  pgTrigger('bm_evidence_guard', 'evidence', 'UPDATE OR DELETE', 'bm_evidence_guard'),
  ...RECTIFICATION_TABLES.map((t) => pgTrigger(`bm_no_truncate_${t}`, t, 'TRUNCATE', 'bm_no_truncate', 'STATEMENT')),
];

/** Migration 5: the tables. */
export const rectificationTables = (d: Dialect): string[] => [
  `CREATE TABLE rectification_orders (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    unit_code TEXT NOT NULL REFERENCES units(code),
    rubric_id TEXT NOT NULL,
    period TEXT NOT NULL,
    indicator_id TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    workdays INTEGER NOT NULL,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'submitted', 'closed')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    closed_at TEXT,
    closed_by TEXT,
    closed_by_assessment TEXT REFERENCES assessments(id)
  )`,
  // One open order per unit, rubric and indicator: a finding made again is recorded on it, not doubled.
  "CREATE UNIQUE INDEX rectification_open ON rectification_orders(unit_code, rubric_id, indicator_id) WHERE status <> 'closed'",
  'CREATE INDEX rectification_unit ON rectification_orders(unit_code, rubric_id, status)',
  `CREATE TABLE exemptions (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    rubric_id TEXT NOT NULL,
    indicator_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('defer', 'waive')),
    reason TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT,
    revoke_reason TEXT
  )`,
  'CREATE INDEX exemptions_unit ON exemptions(unit_code, rubric_id)',
  `CREATE TABLE evidence_blobs (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    bytes ${d === 'postgres' ? 'BYTEA' : 'BLOB'} NOT NULL,
    stored_at TEXT NOT NULL
  )`,
  `CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES evidence_blobs(sha256),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('assessment', 'order')),
    target_id TEXT NOT NULL,
    indicator_id TEXT,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    location TEXT,
    uploaded_at TEXT NOT NULL,
    uploaded_by TEXT NOT NULL
  )`,
  'CREATE INDEX evidence_target ON evidence(target_kind, target_id)',
];

/** Migration 5: the guards. */
export const rectificationGuards = (d: Dialect): string[] =>
  d === 'sqlite'
    ? RECTIFICATION_SQLITE_GUARDS.map((g) => g.sql)
    : [...RECTIFICATION_PG_FUNCTIONS.map((f) => `CREATE OR REPLACE FUNCTION ${f.name}() RETURNS trigger LANGUAGE plpgsql AS $$ ${f.body} $$`), ...RECTIFICATION_PG_GUARDS.map((g) => g.sql)];

/** The statements that remove these guards: for tests that play someone with database access. */
export const dropRectificationGuards = (d: Dialect): string[] =>
  d === 'sqlite' ? RECTIFICATION_SQLITE_GUARDS.map((g) => `DROP TRIGGER ${g.name}`) : RECTIFICATION_PG_GUARDS.map((g) => `DROP TRIGGER ${g.name} ON ${g.table}`);
