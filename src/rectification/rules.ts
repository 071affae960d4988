// A rubric's rectification rules (整改), with their defaults: the deadline in working days, the escalation levels of
// an overdue order, and the indicators whose report must carry evidence. Rubric data, which a county's tailoring may
// change; the defaults are the real rule quoted in the issue (对“不满意”“非常不满意”在15个工作日内整改到位) and the
// yellow and red cards of the county tables.
import type { Problem } from '../errors.js';
import type { EscalationLevel, RubricDefinition } from '../schema/generated/rubric.js';

export type { EscalationLevel } from '../schema/generated/rubric.js';

export interface RectificationRules {
  deadlineWorkdays: number;
  /** In order of after_workdays. */
  escalation: readonly EscalationLevel[];
  evidenceRequired: readonly string[];
}

export const DEFAULT_RECTIFICATION: RectificationRules = {
  deadlineWorkdays: 15,
  escalation: [
    { id: 'yellow', label: '黄牌', after_workdays: 0 },
    { id: 'red', label: '红牌', after_workdays: 5 },
  ],
  evidenceRequired: [],
};

export function rectificationRules(def: RubricDefinition): RectificationRules {
  const r = def.rectification ?? {};
  return {
    deadlineWorkdays: r.deadline_workdays ?? DEFAULT_RECTIFICATION.deadlineWorkdays,
    escalation: r.escalation ?? DEFAULT_RECTIFICATION.escalation,
    evidenceRequired: r.evidence_required ?? DEFAULT_RECTIFICATION.evidenceRequired,
  };
}

/** What the schema cannot say: levels strictly increasing with distinct ids, and evidence named by existing indicators. */
export function rectificationProblems(def: RubricDefinition, indicatorIds: ReadonlySet<string>): Problem[] {
  const r = def.rectification;
  if (!r) return [];
  const problems: Problem[] = [];
  const ids = new Set<string>();
  r.escalation?.forEach((level, i) => {
    const at = `/rectification/escalation/${i}`;
    if (ids.has(level.id)) problems.push({ code: 'DUPLICATE_ID', path: `${at}/id`, message: `逾期等级 id“${level.id}”重复` });
    ids.add(level.id);
    const before = r.escalation![i - 1];
    if (before && level.after_workdays <= before.after_workdays) {
      problems.push({ code: 'CONFLICT', path: `${at}/after_workdays`, message: `逾期等级“${level.label}”的 after_workdays（${level.after_workdays}）应大于前一等级“${before.label}”的（${before.after_workdays}）` });
    }
  });
  r.evidence_required?.forEach((id, i) => {
    if (!indicatorIds.has(id)) problems.push({ code: 'UNKNOWN_INDICATOR_REF', path: `/rectification/evidence_required/${i}`, message: `要求整改佐证材料的指标“${id}”不存在` });
  });
  return problems;
}
