// Schema versions, applied in order on start and recorded in schema_migrations. Never edit an applied one:
// add the next. {{float}} is the 8-byte floating type of each dialect. A migration is either one SQL text split
// on semicolons, or explicit statements per dialect (needed for trigger bodies, which contain semicolons).
import { ASSESSMENT_COLUMNS, installGuards } from './guards.js';
import { rectificationGuards, rectificationTables } from './rectification-schema.js';
import type { Dialect } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sql?: string;
  statements?: (dialect: Dialect) => string[];
  /**
   * Records written before the log existed are adopted: each gets its content hash and an `assessment.adopt`
   * entry, so the chain vouches for them from then on. It runs after `statements` and before `guards`, since the
   * guards would refuse the content-hash update on a finalized row.
   */
  adopt?: boolean;
  guards?: (dialect: Dialect) => string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'units, rubric snapshots, assessments',
    sql: `
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
  parent TEXT REFERENCES units(code),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent);
CREATE TABLE rubric_snapshots (
  hash TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  definition TEXT NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units(code),
  period TEXT NOT NULL,
  rubric_id TEXT NOT NULL,
  rubric_version TEXT NOT NULL,
  rubric_hash TEXT NOT NULL REFERENCES rubric_snapshots(hash),
  engine_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'final', 'superseded')),
  revision INTEGER NOT NULL,
  supersedes TEXT REFERENCES assessments(id),
  amend_reason TEXT,
  score {{float}},
  tier TEXT,
  passed INTEGER NOT NULL,
  submission TEXT NOT NULL,
  assessment TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  finalized_at TEXT,
  finalized_by TEXT
);
CREATE UNIQUE INDEX assessments_current ON assessments(unit_code, period, rubric_id) WHERE status <> 'superseded';
CREATE INDEX assessments_period ON assessments(rubric_id, period);
`,
  },
  {
    version: 2,
    name: 'hash-chained audit log; content hashes; finalized rows and the log refuse changes; record origin; API tokens',
    statements: () => [
      `CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      )`,
      'ALTER TABLE assessments ADD COLUMN content_hash TEXT',
      // A township's self-check and the county's inspection of the same month are different records.
      "ALTER TABLE assessments ADD COLUMN origin TEXT NOT NULL DEFAULT 'inspection' CHECK (origin IN ('inspection', 'self_check'))",
      'DROP INDEX assessments_current',
      "CREATE UNIQUE INDEX assessments_current ON assessments(unit_code, period, rubric_id, origin) WHERE status <> 'superseded'",
      `CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        digest TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'county_inspector', 'township_staff', 'viewer')),
        scope TEXT REFERENCES units(code),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
      )`,
    ],
    adopt: true,
    guards: (d) => {
      const same = ASSESSMENT_COLUMNS.map((c) => (d === 'sqlite' ? `NEW.${c} IS OLD.${c}` : `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`)).join(' AND ');
      if (d === 'sqlite') {
        return [
          "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
          "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
          `CREATE TRIGGER assessments_frozen_update BEFORE UPDATE ON assessments
           WHEN OLD.status <> 'draft' AND NOT (OLD.status = 'final' AND NEW.status = 'superseded' AND ${same})
           BEGIN SELECT RAISE(ABORT, 'finalized assessments are frozen'); END`,
          "CREATE TRIGGER assessments_frozen_delete BEFORE DELETE ON assessments WHEN OLD.status <> 'draft' BEGIN SELECT RAISE(ABORT, 'finalized assessments are frozen'); END",
        ];
      }
      return [
        `CREATE FUNCTION bm_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
        'CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION bm_append_only()',
        `CREATE FUNCTION bm_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' THEN
             IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'finalized assessments are frozen'; END IF;
             RETURN OLD;
           END IF;
           IF OLD.status <> 'draft' AND NOT (OLD.status = 'final' AND NEW.status = 'superseded' AND ${same}) THEN
             RAISE EXCEPTION 'finalized assessments are frozen';
           END IF;
           RETURN NEW;
         END $$`,
        'CREATE TRIGGER assessments_frozen BEFORE UPDATE OR DELETE ON assessments FOR EACH ROW EXECUTE FUNCTION bm_frozen()',
      ];
    },
  },
  {
    version: 3,
    name: 'guards on every table of the record chain: no deletes, no TRUNCATE (PostgreSQL), no REPLACE (SQLite), drafts change only by finalize or supersede, tokens only by revoking; log looked up by target',
    statements: () => ['CREATE INDEX audit_log_target ON audit_log(target, action)'],
    // Verification now holds units and rubric snapshots to the chain too: those from before it are adopted first.
    adopt: true,
    guards: installGuards,
  },
  {
    version: 4,
    name: 'shared request counters (rate limits and the sign-in throttle across instances)',
    // Counters are not records: UNLOGGED on PostgreSQL (no WAL, emptied after a crash). SQLite keeps them in memory.
    statements: (d) => (d === 'postgres' ? ['CREATE UNLOGGED TABLE rate_counters (key TEXT NOT NULL, slot BIGINT NOT NULL, hits INTEGER NOT NULL, expires BIGINT NOT NULL, PRIMARY KEY (key, slot))'] : []),
  },
  {
    version: 5,
    name: 'rectification orders, exemptions, evidence (content-addressed blobs) and their guards',
    statements: rectificationTables,
    guards: rectificationGuards,
  },
];
