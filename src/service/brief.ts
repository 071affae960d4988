// A stored assessment in a few hundred bytes: what tables of many records (a county's units × twelve months, a
// unit's history) show, without each record's full results.
import type { AssessmentRecord } from '../domain/records.js';

export interface AssessmentBrief {
  id: string;
  unit: AssessmentRecord['assessment']['unit'];
  period: string;
  rubric: { id: string; version: string };
  status: AssessmentRecord['status'];
  origin: AssessmentRecord['origin'];
  revision: number;
  tier: string | null;
  tier_label: string | null;
  result: { passed: boolean; label: string };
  score: number | null;
  /** Points rubrics: the grade, and whether a failed 单项否决 item decided it. */
  grade: { id: string; label: string; vetoed: boolean } | null;
  counts: AssessmentRecord['assessment']['counts'];
  /** Ids of the indicators not met, in rubric order. */
  unmet: string[];
  created_at: string;
  created_by: string;
  finalized_at: string | null;
}

export function briefOf(rec: AssessmentRecord): AssessmentBrief {
  const a = rec.assessment;
  return {
    id: rec.id,
    unit: a.unit,
    period: rec.period,
    rubric: { id: rec.rubric.id, version: rec.rubric.version },
    status: rec.status,
    origin: rec.origin,
    revision: rec.revision,
    tier: a.tier,
    tier_label: a.tier_label,
    result: a.result,
    score: a.score,
    grade: a.grade ? { id: a.grade.id, label: a.grade.label, vetoed: a.grade.vetoed } : null,
    counts: a.counts,
    unmet: a.results.filter((r) => r.status === 'unmet').map((r) => r.id),
    created_at: rec.created_at,
    created_by: rec.created_by,
    finalized_at: rec.finalized_at,
  };
}
