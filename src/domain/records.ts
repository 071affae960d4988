// The official records: assessments as stored, API tokens, and the hash-chained log that vouches for both.
import type { Assessment } from '../schema/generated/assessment.js';
import type { Submission } from '../schema/generated/submission.js';
import type { Role } from './people.js';

/** A county inspection counts in rankings and circulars; a township's self-check never does. */
export type Origin = 'inspection' | 'self_check';

export type AssessmentStatus = 'draft' | 'final' | 'superseded';

export interface AssessmentRecord {
  id: string;
  unit: string;
  period: string;
  rubric: { id: string; version: string; hash: string };
  engine_version: string;
  status: AssessmentStatus;
  origin: Origin;
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
  origin?: Origin;
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

/** A chain head as printed on a report: anchors the log outside the database. */
export interface LogAnchor {
  seq: number;
  hash: string;
}

export interface LogVerification {
  ok: boolean;
  entries: number;
  head: string;
  /** The first entry (or record, token, unit or guard) that does not check out, and why. */
  firstBad?: { seq: number | null; target?: string; reason: string };
}
