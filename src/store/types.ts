import type { Assessment } from '../schema/generated/assessment.js';
import type { RubricDefinition, UnitLevel } from '../schema/generated/rubric.js';
import type { Submission } from '../schema/generated/submission.js';
import type { Origin, Role } from '../access/policy.js';

export interface UnitRecord {
  /** 12-digit 统计用区划代码 where one exists; always text. */
  code: string;
  name: string;
  level: UnitLevel;
  /** The unit above: a township's county, a village's township. */
  parent: string | null;
}

export type AssessmentStatus = 'draft' | 'final' | 'superseded';
export type AssessmentOrigin = Origin;
export type Dialect = 'sqlite' | 'postgres';

export interface AssessmentRecord {
  id: string;
  unit: string;
  period: string;
  rubric: { id: string; version: string; hash: string };
  engine_version: string;
  status: AssessmentStatus;
  origin: AssessmentOrigin;
  /** 1 for the first record of a unit, period and rubric; each amendment adds one. */
  revision: number;
  supersedes: string | null;
  amend_reason: string | null;
  submission: Submission;
  assessment: Assessment;
  created_at: string;
  created_by: string;
  finalized_at: string | null;
  finalized_by: string | null;
}

export interface NewAssessment {
  submission: Submission;
  assessment: Assessment;
  created_at: string;
  created_by: string;
  /** Inspection unless said otherwise. */
  origin?: AssessmentOrigin;
}

export interface AssessmentFilter {
  units?: readonly string[];
  period?: string;
  /** Inclusive period range, YYYY-MM. */
  from?: string;
  to?: string;
  rubric?: string;
  tier?: string;
  status?: AssessmentStatus;
  origin?: AssessmentOrigin;
  /** Superseded records are left out unless asked for. */
  includeSuperseded?: boolean;
}

export interface LogEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

/** An API token as stored: only the SHA-256 digest of the secret, never the secret. */
export interface TokenRecord {
  id: string;
  digest: string;
  name: string;
  role: Role;
  /** The unit whose subtree the token may see; null for admin (everything). */
  scope: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

/** A chain head as printed on a report: anchors the log outside the database. */
export interface LogAnchor {
  seq: number;
  hash: string;
}

export interface LogVerification {
  ok: boolean;
  entries: number;
  head: string;
  /** The first entry (or assessment) that does not check out, and why. */
  firstBad?: { seq: number | null; target?: string; reason: string };
}

/** One interface over SQLite and PostgreSQL; every store test runs against both. */
export interface Store {
  readonly dialect: Dialect;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** SQLite: a consistent online copy (the backup API; never a copy of the live file). PostgreSQL: refused, use pg_dump. */
  backup(dest: string): Promise<void>;

  putUnit(unit: UnitRecord, at: string, by?: string): Promise<UnitRecord>;
  getUnit(code: string): Promise<UnitRecord | null>;
  listUnits(filter?: { parent?: string; level?: UnitLevel }): Promise<UnitRecord[]>;
  /** The unit and every unit below it. */
  subtree(code: string): Promise<UnitRecord[]>;

  /** Pins a rubric's exact content, so results scored with it stay explainable after it changes. */
  putRubric(definition: RubricDefinition, hash: string, at: string): Promise<void>;
  getRubric(hash: string): Promise<RubricDefinition | null>;

  createAssessment(a: NewAssessment): Promise<AssessmentRecord>;
  /** Creates several in one transaction: all or none. */
  createAssessments(a: readonly NewAssessment[]): Promise<AssessmentRecord[]>;
  getAssessment(id: string): Promise<AssessmentRecord | null>;
  listAssessments(filter?: AssessmentFilter): Promise<AssessmentRecord[]>;
  finalizeAssessment(id: string, by: string, at: string): Promise<AssessmentRecord>;
  /**
   * A new revision that supersedes `id`; both stay readable. With `expected`, refused (409) if the record's
   * status has changed since the caller read it (the caller's permission was judged on that status).
   */
  amendAssessment(id: string, replacement: NewAssessment, reason: string, expected?: AssessmentStatus): Promise<AssessmentRecord>;

  createToken(t: Omit<TokenRecord, 'revoked_at'>): Promise<TokenRecord>;
  /** The live (unrevoked) token with this digest. */
  findToken(digest: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string, by: string, at: string): Promise<TokenRecord>;

  /** Appends an event that goes with no stored change, such as a refused request. */
  appendEvent(e: { at: string; actor: string; action: string; target: string; payload: unknown }): Promise<void>;

  /** The tamper-evident log: every write above appended one entry in its own transaction. */
  readLog(fromSeq?: number, limit?: number): Promise<LogEntry[]>;
  logHead(): Promise<LogAnchor>;
  /**
   * Re-walks the whole chain and re-hashes every assessment; names the first thing that does not check out.
   * With an anchor (a head printed earlier), also catches a log rewritten or cut back from its end.
   */
  verifyLog(anchor?: LogAnchor): Promise<LogVerification>;
}
