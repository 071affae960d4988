// Exemptions (暂缓/豁免) as the engine sees them: an explicit input, decided by the caller from its store and the
// period (the engine reads no clock). A valid one makes its indicator 不适用 before its answer is read, citing the
// exemption; an expired one changes nothing (the indicator is judged again) and is only listed as expired.

export type ExemptionKind = 'defer' | 'waive';
export const EXEMPTION_KIND_ZH: Readonly<Record<ExemptionKind, string>> = { defer: '暂缓', waive: '豁免' };

export interface ExemptionInput {
  id: string;
  indicator: string;
  kind: ExemptionKind;
  reason: string;
  approved_by: string;
  /** Last day it holds (inclusive), YYYY-MM-DD. */
  expires_on: string;
  /** As the caller judged it for this assessment's period. */
  status: 'valid' | 'expired';
}

export interface AssessOptions {
  /** The unit's exemptions on this rubric that matter for the period: valid ones, and expired ones to list. */
  exemptions?: readonly ExemptionInput[];
}

/** How a valid exemption reads as the reason an indicator is 不适用. */
export const exemptionReason = (e: ExemptionInput): string =>
  `已${EXEMPTION_KIND_ZH[e.kind]}（${e.reason}；批准人 ${e.approved_by}，有效期至 ${e.expires_on}，豁免编号 ${e.id}）`;

/** Indicator id → the reason of its valid exemption; unknown indicators are left out. */
export function exemptIndicators(known: ReadonlySet<string> | ReadonlyMap<string, unknown>, options: AssessOptions | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of options?.exemptions ?? []) if (e.status === 'valid' && known.has(e.indicator) && !out.has(e.indicator)) out.set(e.indicator, exemptionReason(e));
  return out;
}
