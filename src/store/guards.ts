// The database's own refusals, one definition for both the migration that installs them and the verification that
// checks they are still there, unchanged. A frozen (final or superseded) assessment never changes except final →
// superseded; a draft only becomes final (with who and when) or superseded; nothing is deleted; the log is
// append-only; a token is only ever revoked; a pinned rubric never changes. On PostgreSQL TRUNCATE is refused (row
// triggers do not fire on it); on SQLite an insert that would make REPLACE delete a row is refused (REPLACE deletes
// without firing delete triggers).
import type { Dialect } from './types.js';

/** Every column of assessments, in the order the row triggers compare them (migration 2's guards use it too). */
export const ASSESSMENT_COLUMNS = [
  'id', 'unit_code', 'period', 'rubric_id', 'rubric_version', 'rubric_hash', 'engine_version', 'revision', 'supersedes', 'amend_reason',
  'score', 'tier', 'passed', 'submission', 'assessment', 'created_at', 'created_by', 'finalized_at', 'finalized_by', 'content_hash', 'origin',
];
const TOKEN_COLUMNS = ['id', 'digest', 'name', 'role', 'scope', 'created_at', 'created_by'];

/** The one error text per table; the SQLite adapter recognises the duplicate one as a unique violation. */
export const GUARD_MESSAGES = {
  log: 'audit_log is append-only',
  assessments: 'assessments are frozen: a finalized record never changes and no record is deleted',
  duplicate: 'duplicate assessment: this unit, period, rubric and origin already has a current record',
  tokens: 'api_tokens are never changed or deleted, only revoked once',
  rubrics: 'rubric snapshots never change',
  units: 'units are never deleted',
  truncate: 'tables of the record chain may not be truncated',
} as const;

export interface Guard {
  name: string;
  table: string;
  /** The CREATE statement, as installed. */
  sql: string;
}

export interface PgFunction {
  name: string;
  body: string;
}

/** Null-safe equality of a column before and after. */
const unchanged = (d: Dialect, c: string) => (d === 'sqlite' ? `NEW.${c} IS OLD.${c}` : `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`);
const same = (d: Dialect, cols: readonly string[], except: readonly string[] = []) =>
  cols.filter((c) => !except.includes(c)).map((c) => unchanged(d, c)).join(' AND ');

/** The changes an assessment row may undergo (besides none at all). */
const assessmentMayChange = (d: Dialect) =>
  `(OLD.status = 'draft' AND NEW.status = 'final' AND NEW.finalized_at IS NOT NULL AND NEW.finalized_by IS NOT NULL AND ${same(d, ASSESSMENT_COLUMNS, ['finalized_at', 'finalized_by'])})` +
  ` OR (OLD.status IN ('draft', 'final') AND NEW.status = 'superseded' AND ${same(d, ASSESSMENT_COLUMNS)})` +
  ` OR (NEW.status = OLD.status AND ${same(d, ASSESSMENT_COLUMNS)})`;

const tokenMayChange = (d: Dialect) => `(OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND ${same(d, TOKEN_COLUMNS)}) OR (${unchanged(d, 'revoked_at')} AND ${same(d, TOKEN_COLUMNS)})`;

const raise = (message: string) => `SELECT RAISE(ABORT, '${message}')`;

export const SQLITE_GUARDS: readonly Guard[] = [
  { name: 'bm_log_no_update', table: 'audit_log', sql: `CREATE TRIGGER bm_log_no_update BEFORE UPDATE ON audit_log BEGIN ${raise(GUARD_MESSAGES.log)}; END` },
  { name: 'bm_log_no_delete', table: 'audit_log', sql: `CREATE TRIGGER bm_log_no_delete BEFORE DELETE ON audit_log BEGIN ${raise(GUARD_MESSAGES.log)}; END` },
  { name: 'bm_log_no_replace', table: 'audit_log', sql: `CREATE TRIGGER bm_log_no_replace BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq) BEGIN ${raise(GUARD_MESSAGES.log)}; END` },
  {
    name: 'bm_assessments_update',
    table: 'assessments',
    sql: `CREATE TRIGGER bm_assessments_update BEFORE UPDATE ON assessments WHEN NOT (${assessmentMayChange('sqlite')}) BEGIN ${raise(GUARD_MESSAGES.assessments)}; END`,
  },
  { name: 'bm_assessments_no_delete', table: 'assessments', sql: `CREATE TRIGGER bm_assessments_no_delete BEFORE DELETE ON assessments BEGIN ${raise(GUARD_MESSAGES.assessments)}; END` },
  {
    name: 'bm_assessments_insert',
    table: 'assessments',
    sql: `CREATE TRIGGER bm_assessments_insert BEFORE INSERT ON assessments WHEN NEW.status <> 'draft' OR EXISTS (SELECT 1 FROM assessments WHERE id = NEW.id) BEGIN ${raise(GUARD_MESSAGES.assessments)}; END`,
  },
  {
    // What REPLACE would delete to make room is refused instead, as the unique index would refuse a plain insert.
    name: 'bm_assessments_no_replace',
    table: 'assessments',
    sql: `CREATE TRIGGER bm_assessments_no_replace BEFORE INSERT ON assessments WHEN EXISTS (SELECT 1 FROM assessments WHERE unit_code = NEW.unit_code AND period = NEW.period AND rubric_id = NEW.rubric_id AND origin = NEW.origin AND status <> 'superseded') BEGIN ${raise(GUARD_MESSAGES.duplicate)}; END`,
  },
  {
    name: 'bm_assessments_no_replace_update',
    table: 'assessments',
    sql: `CREATE TRIGGER bm_assessments_no_replace_update BEFORE UPDATE ON assessments WHEN NEW.status <> 'superseded' AND EXISTS (SELECT 1 FROM assessments WHERE id <> OLD.id AND (id = NEW.id OR (unit_code = NEW.unit_code AND period = NEW.period AND rubric_id = NEW.rubric_id AND origin = NEW.origin AND status <> 'superseded'))) BEGIN ${raise(GUARD_MESSAGES.assessments)}; END`,
  },
  { name: 'bm_tokens_update', table: 'api_tokens', sql: `CREATE TRIGGER bm_tokens_update BEFORE UPDATE ON api_tokens WHEN NOT (${tokenMayChange('sqlite')}) BEGIN ${raise(GUARD_MESSAGES.tokens)}; END` },
  { name: 'bm_tokens_no_delete', table: 'api_tokens', sql: `CREATE TRIGGER bm_tokens_no_delete BEFORE DELETE ON api_tokens BEGIN ${raise(GUARD_MESSAGES.tokens)}; END` },
  { name: 'bm_tokens_no_replace', table: 'api_tokens', sql: `CREATE TRIGGER bm_tokens_no_replace BEFORE INSERT ON api_tokens WHEN EXISTS (SELECT 1 FROM api_tokens WHERE id = NEW.id OR digest = NEW.digest) BEGIN ${raise(GUARD_MESSAGES.tokens)}; END` },
  { name: 'bm_rubrics_no_update', table: 'rubric_snapshots', sql: `CREATE TRIGGER bm_rubrics_no_update BEFORE UPDATE ON rubric_snapshots BEGIN ${raise(GUARD_MESSAGES.rubrics)}; END` },
  { name: 'bm_rubrics_no_delete', table: 'rubric_snapshots', sql: `CREATE TRIGGER bm_rubrics_no_delete BEFORE DELETE ON rubric_snapshots BEGIN ${raise(GUARD_MESSAGES.rubrics)}; END` },
  { name: 'bm_units_no_delete', table: 'units', sql: `CREATE TRIGGER bm_units_no_delete BEFORE DELETE ON units BEGIN ${raise(GUARD_MESSAGES.units)}; END` },
];

const plpgsql = (body: string) => `BEGIN ${body} END`;

export const PG_FUNCTIONS: readonly PgFunction[] = [
  { name: 'bm_log_guard', body: plpgsql(`RAISE EXCEPTION '${GUARD_MESSAGES.log}';`) },
  {
    name: 'bm_assessment_guard',
    body: plpgsql(
      `IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '${GUARD_MESSAGES.assessments}'; END IF; ` +
        `IF TG_OP = 'INSERT' THEN IF NEW.status <> 'draft' THEN RAISE EXCEPTION '${GUARD_MESSAGES.assessments}'; END IF; RETURN NEW; END IF; ` +
        `IF NOT (${assessmentMayChange('postgres')}) THEN RAISE EXCEPTION '${GUARD_MESSAGES.assessments}'; END IF; RETURN NEW;`,
    ),
  },
  {
    name: 'bm_token_guard',
    body: plpgsql(`IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '${GUARD_MESSAGES.tokens}'; END IF; IF NOT (${tokenMayChange('postgres')}) THEN RAISE EXCEPTION '${GUARD_MESSAGES.tokens}'; END IF; RETURN NEW;`),
  },
  { name: 'bm_rubric_guard', body: plpgsql(`RAISE EXCEPTION '${GUARD_MESSAGES.rubrics}';`) },
  { name: 'bm_unit_guard', body: plpgsql(`RAISE EXCEPTION '${GUARD_MESSAGES.units}';`) },
  { name: 'bm_no_truncate', body: plpgsql(`RAISE EXCEPTION '${GUARD_MESSAGES.truncate}';`) },
];

const pgTrigger = (name: string, table: string, when: string, fn: string, level: 'ROW' | 'STATEMENT' = 'ROW'): Guard => ({
  name,
  table,
  sql: `CREATE TRIGGER ${name} BEFORE ${when} ON ${table} FOR EACH ${level} EXECUTE FUNCTION ${fn}()`,
});

const CHAIN_TABLES = ['audit_log', 'assessments', 'api_tokens', 'units', 'rubric_snapshots'] as const;

export const PG_GUARDS: readonly Guard[] = [
  pgTrigger('bm_log_guard', 'audit_log', 'UPDATE OR DELETE', 'bm_log_guard'),
  pgTrigger('bm_assessment_guard', 'assessments', 'INSERT OR UPDATE OR DELETE', 'bm_assessment_guard'),
  pgTrigger('bm_token_guard', 'api_tokens', 'UPDATE OR DELETE', 'bm_token_guard'),
  pgTrigger('bm_rubric_guard', 'rubric_snapshots', 'UPDATE OR DELETE', 'bm_rubric_guard'),
  pgTrigger('bm_unit_guard', 'units', 'DELETE', 'bm_unit_guard'),
  ...CHAIN_TABLES.map((t) => pgTrigger(`bm_no_truncate_${t}`, t, 'TRUNCATE', 'bm_no_truncate', 'STATEMENT')),
];

/** The statements that install the guards (after dropping those of migration 2). */
export function installGuards(d: Dialect): string[] {
  if (d === 'sqlite') {
    return [
      ...['audit_log_no_update', 'audit_log_no_delete', 'assessments_frozen_update', 'assessments_frozen_delete'].map((t) => `DROP TRIGGER IF EXISTS ${t}`),
      ...SQLITE_GUARDS.map((g) => g.sql),
    ];
  }
  return [
    'DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log',
    'DROP TRIGGER IF EXISTS assessments_frozen ON assessments',
    'DROP FUNCTION IF EXISTS bm_append_only()',
    'DROP FUNCTION IF EXISTS bm_frozen()',
    ...PG_FUNCTIONS.map((f) => `CREATE OR REPLACE FUNCTION ${f.name}() RETURNS trigger LANGUAGE plpgsql AS $$ ${f.body} $$`),
    ...PG_GUARDS.map((g) => g.sql),
  ];
}

/** The statements that remove every guard: for tests that play someone with database access. */
export const dropGuards = (d: Dialect): string[] =>
  d === 'sqlite' ? SQLITE_GUARDS.map((g) => `DROP TRIGGER ${g.name}`) : PG_GUARDS.map((g) => `DROP TRIGGER ${g.name} ON ${g.table}`);
