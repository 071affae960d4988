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

export type OrderStatus = 'pending' | 'in_progress' | 'submitted' | 'closed';
export const ORDER_STATUS_ZH: Readonly<Record<OrderStatus, string>> = { pending: '待整改', in_progress: '整改中', submitted: '已提交', closed: '已销号' };

/** GET /rectifications: an order with its deadline and standing today. */
export interface Order {
  id: string;
  assessment: string;
  unit: string;
  unit_name: string;
  rubric: string;
  period: string;
  indicator: string;
  title: string;
  requirement: string;
  finding: { reason: string; note?: string; deducted?: number };
  evidence_required: boolean;
  starts_on: string;
  workdays: number;
  status: OrderStatus;
  status_label: string;
  due_on: string | null;
  overdue: boolean | null;
  days_overdue: number;
  workdays_overdue: number | null;
  level: { id: string; label: string } | null;
  problem: string | null;
  exempted: { id: string; kind: 'defer' | 'waive'; expires_on: string } | null;
  closed_at: string | null;
  closed_by: string | null;
  closed_by_assessment: string | null;
}

export interface Evidence {
  id: string;
  sha256: string;
  name: string;
  media_type: string;
  size: number;
  location: { lat: number; lon: number } | null;
  uploaded_at: string;
  uploaded_by: string;
}

/** GET /rectifications/:id */
export interface OrderDetail extends Order {
  history: Array<{ seq: number; at: string; actor: string; action: string; payload: { to?: string; note?: string; by_assessment?: string; evidence?: Array<{ name: string; sha256: string }> } }>;
  evidence: Evidence[];
}
