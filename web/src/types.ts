// Shapes of the API's answers as the page uses them (the assessment itself is the generated type).
import type { Assessment, Submission } from './engine/index.js';
import type { PeriodKind } from './engine/light.js';
import type { Unit } from './session.js';

export type { Unit } from './session.js';

export type RecordStatus = 'draft' | 'final' | 'superseded';
export type Origin = 'inspection' | 'self_check';

export interface RubricSummary {
  id: string;
  version: string;
  title: string;
  issuer: string;
  hash: string;
  applies_to: Array<Unit['level']>;
  /** The period one assessment covers: a month, a quarter or a half year. */
  period: PeriodKind;
  tiers: Array<{ id: string; label: string }>;
  scoring: 'percent' | 'points';
  indicators: number;
}

/** GET /assessments/summary */
export interface Brief {
  id: string;
  unit: { code: string; name: string; level: Unit['level'] };
  period: string;
  rubric: { id: string; version: string };
  status: RecordStatus;
  origin: Origin;
  revision: number;
  tier: string | null;
  tier_label: string | null;
  result: { passed: boolean; label: string };
  score: number | null;
  grade: { id: string; label: string; vetoed: boolean } | null;
  counts: Assessment['counts'];
  unmet: string[];
  created_at: string;
  created_by: string;
  finalized_at: string | null;
}

/** GET /assessments/:id */
export interface AssessmentRecord {
  id: string;
  unit: string;
  period: string;
  rubric: { id: string; version: string; hash: string };
  status: RecordStatus;
  origin: Origin;
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

export const STATUS_ZH: Record<RecordStatus, string> = { draft: '草稿', final: '已定稿', superseded: '已被更正' };
export const ORIGIN_ZH: Record<Origin, string> = { inspection: '县级考核', self_check: '自查' };
