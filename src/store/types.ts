import type { AssessmentRecord, AssessmentStatus, LogAnchor, LogEntry, LogVerification, NewAssessment, Origin, TokenRecord } from '../domain/records.js';
import type { UnitLevel, UnitRecord } from '../domain/units.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import type { FinalizeFollowUp } from '../domain/rectification.js';
import type { RectificationStore } from './rectification.js';

export type Dialect = 'sqlite' | 'postgres';

export interface AssessmentFilter {
  units?: readonly string[];
  period?: string;
  /** Inclusive period range: YYYY-MM, or YYYY-Qn / YYYY-Hn for a rubric assessed by quarter or half year (labels of one kind sort in time order). */
  from?: string;
  to?: string;
  rubric?: string;
  tier?: string;
  status?: AssessmentStatus;
  origin?: Origin;
  /** Superseded records are left out unless asked for. */
  includeSuperseded?: boolean;
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
  /** The unit's code and those above it, from the top of the tree down to it; null when there is no such unit. */
  ancestry(code: string): Promise<string[] | null>;
  /** The unit and every unit below it. */
  subtree(code: string): Promise<UnitRecord[]>;

  /** Pins a rubric's exact content, so results scored with it stay explainable after it changes. */
  putRubric(definition: RubricDefinition, hash: string, at: string): Promise<void>;
  getRubric(hash: string): Promise<RubricDefinition | null>;
  /** Pins an uploaded rubric and records the upload (with its transcriptions' fingerprints) in the chain. */
  uploadRubric(definition: RubricDefinition, hash: string, transcriptions: Readonly<Record<string, string>>, at: string, actor: string): Promise<void>;
  /** Every uploaded rubric, in upload order. */
  uploadedRubrics(): Promise<RubricDefinition[]>;

  createAssessment(a: NewAssessment): Promise<AssessmentRecord>;
  /** Creates several in one transaction: all or none. */
  createAssessments(a: readonly NewAssessment[]): Promise<AssessmentRecord[]>;
  getAssessment(id: string): Promise<AssessmentRecord | null>;
  listAssessments(filter?: AssessmentFilter): Promise<AssessmentRecord[]>;
  /** The same records as JSON text, one string per record (JSON.stringify of it), for streaming without parsing. */
  assessmentsAsJson(filter?: AssessmentFilter): AsyncIterable<string>;
  /** With a follow-up (an inspection), its rectification orders open and earlier ones close in the same transaction. */
  finalizeAssessment(id: string, by: string, at: string, followUp?: FinalizeFollowUp): Promise<AssessmentRecord>;
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

  /** Rectification orders, exemptions and evidence. */
  readonly rectification: RectificationStore;

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
