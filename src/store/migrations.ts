// Schema versions, applied in order on start and recorded in schema_migrations. Never edit an applied one:
// add the next. {{float}} is the 8-byte floating type of each dialect.
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
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
];
