// The order's state machine: which step leads from which status to which, and whose action it is in the access
// policy. Township staff report (rectify: start, submit); inspectors review (pass closes the order, 销号; fail sends
// it back to 整改中 with a reason). A later inspection that finds the indicator met closes an order from any open
// status (the store does that inside the finalize, as the system).
import type { Action } from '../domain/people.js';
import { ORDER_STATUS_ZH, type OrderStatus } from '../domain/rectification.js';

export type Step = 'start' | 'submit' | 'pass' | 'fail';
export const STEP_IDS: readonly Step[] = ['start', 'submit', 'pass', 'fail'];

export interface StepRule {
  from: readonly OrderStatus[];
  to: OrderStatus;
  /** The policy action it takes (src/access/policy.ts). */
  action: Extract<Action, 'rectify' | 'review'>;
  label: string;
  /** A note the step must carry: the report of what was done, or why the review failed. */
  needs?: 'note' | 'reason';
}

export const STEPS: Readonly<Record<Step, StepRule>> = {
  start: { from: ['pending'], to: 'in_progress', action: 'rectify', label: '开始整改' },
  // A report may come straight from 待整改: the work was done at once.
  submit: { from: ['pending', 'in_progress'], to: 'submitted', action: 'rectify', label: '提交整改报告', needs: 'note' },
  pass: { from: ['submitted'], to: 'closed', action: 'review', label: '复查通过（销号）' },
  fail: { from: ['submitted'], to: 'in_progress', action: 'review', label: '复查未通过', needs: 'reason' },
};

/** The status a step leads to from `status`, or why it cannot be taken. */
export function next(status: OrderStatus, step: Step): { to: OrderStatus } | { refused: string } {
  const rule = STEPS[step];
  if (rule.from.includes(status)) return { to: rule.to };
  const may = rule.from.map((s) => `“${ORDER_STATUS_ZH[s]}”`).join('或');
  return { refused: `整改事项当前为“${ORDER_STATUS_ZH[status]}”，不能${rule.label}（只能在${may}时${rule.label}）` };
}

/** The audit-log action of a step. */
export const stepAction = (step: Step | 'close'): string => `rectification.${step}`;
