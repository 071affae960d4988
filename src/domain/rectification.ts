// What follows an inspection: rectification orders (整改事项) and their statuses, exemptions (暂缓/豁免) a county
// grants, and evidence files (photos and documents) attached to an indicator of a record or to an order. Shared by the
// store, the pure rectification rules, the services and the API.
import type { ExemptionKind } from '../engine/exemptions.js';
import type { EscalationLevel } from '../rectification/rules.js';
import type { AnswerValue } from '../schema/generated/submission.js';
import type { Shortfall } from '../schema/generated/assessment.js';

export type { ExemptionKind } from '../engine/exemptions.js';

/** 待整改 → 整改中 → 已提交 → 已销号 (复查通过), or back to 整改中 (复查未通过). */
export type OrderStatus = 'pending' | 'in_progress' | 'submitted' | 'closed';
export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'in_progress', 'submitted', 'closed'];
export const ORDER_STATUS_ZH: Readonly<Record<OrderStatus, string>> = { pending: '待整改', in_progress: '整改中', submitted: '已提交', closed: '已销号' };

/** What the inspection found, as its result said. */
export interface Finding {
  value?: AnswerValue;
  note?: string;
  reason_code: string;
  reason: string;
  shortfalls: Shortfall[];
  missing_items: string[];
  /** Points rubrics: the points deducted. */
  deducted?: number;
}

/** An order's fixed content, pinned by its content hash in the create entry. */
export interface OrderContent {
  title: string;
  /** The indicator's source sentence: what is required. */
  requirement: string;
  finding: Finding;
  escalation: EscalationLevel[];
  evidence_required: boolean;
}

export interface NewOrder extends OrderContent {
  indicator: string;
}

export interface OrderRecord extends OrderContent {
  id: string;
  /** The finalized inspection that found it. */
  assessment: string;
  unit: string;
  rubric: string;
  period: string;
  indicator: string;
  /** The inspection's date: the deadline counts from the day after it. */
  starts_on: string;
  workdays: number;
  status: OrderStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  closed_at: string | null;
  closed_by: string | null;
  /** A closure by a later inspection that found the indicator met: that record. */
  closed_by_assessment: string | null;
  content_hash: string;
}

/** What a finalized inspection does to orders, in the same transaction as the finalize. */
export interface FinalizeFollowUp {
  /** The inspection's date (the deadline counts from the day after). */
  startsOn: string;
  workdays: number;
  /** One per unmet indicator or deduction; an indicator already under an open order gets none. */
  orders: NewOrder[];
  /** Indicators found met: their open orders from this period or earlier are closed. */
  met: string[];
}

export interface ExemptionRecord {
  id: string;
  unit: string;
  rubric: string;
  indicator: string;
  kind: ExemptionKind;
  reason: string;
  approved_by: string;
  granted_at: string;
  /** First and last day it holds, inclusive. */
  starts_on: string;
  expires_on: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export type EvidenceTarget = 'assessment' | 'order';

export interface EvidenceRecord {
  id: string;
  sha256: string;
  target_kind: EvidenceTarget;
  target_id: string;
  /** The indicator of a record the file is evidence for; null for an order's file. */
  indicator: string | null;
  name: string;
  media_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size: number;
  /** Where a photo says it was taken (EXIF GPS), kept as evidence; null when it says nothing. */
  location: { lat: number; lon: number } | null;
  uploaded_at: string;
  uploaded_by: string;
}
