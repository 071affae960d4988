// What a finalized inspection asks to be put right: one order per unmet indicator and per deduction, each with the
// requirement (the indicator's source sentence) and what was found; and the indicators found met, whose open orders
// it closes. Pure: the caller supplies the rubric the record was scored with and the inspection's date.
import type { FinalizeFollowUp, NewOrder } from '../domain/rectification.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment, IndicatorResult } from '../schema/generated/assessment.js';

/** Unmet, or points deducted (a deduction rule that found occurrences is a finding even where it is "met"). */
export const needsRectification = (r: IndicatorResult): boolean => r.status === 'unmet' || (r.points?.deducted ?? 0) > 0;

export function followUpOf(rubric: Rubric, a: Assessment, startsOn: string): FinalizeFollowUp {
  const rules = rubric.rectification;
  const orders: NewOrder[] = [];
  const met: string[] = [];
  for (const r of a.results) {
    // Where the source breaks off, there is no requirement to cite: no order (such an indicator never blocks either).
    if (rubric.byId.get(r.id)?.truncated) continue;
    if (needsRectification(r)) orders.push(orderFor(rubric, r));
    else if (r.status === 'met') met.push(r.id);
  }
  return { startsOn, workdays: rules.deadlineWorkdays, orders, met };

  function orderFor(rb: Rubric, r: IndicatorResult): NewOrder {
    const ind = rb.byId.get(r.id);
    return {
      indicator: r.id,
      title: r.title,
      requirement: ind?.text ?? r.title,
      finding: {
        ...(r.value !== undefined ? { value: r.value } : {}),
        ...(r.note !== undefined ? { note: r.note } : {}),
        reason_code: r.reason_code,
        reason: r.reason,
        shortfalls: r.shortfalls,
        missing_items: r.missing_items,
        ...(r.points && r.points.deducted > 0 ? { deducted: r.points.deducted } : {}),
      },
      escalation: [...rules.escalation],
      evidence_required: rules.evidenceRequired.includes(r.id),
    };
  }
}
