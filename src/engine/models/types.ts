import type { Outcome } from '../../checks/index.js';
import type { Indicator, Rubric } from '../../rubric/model.js';
import type { Assessment, IndicatorResult, SectionResult } from '../../schema/generated/assessment.js';

/** One indicator as evaluated: its result being built, and the check's outcome where it was answered. */
export interface Evaluation {
  ind: Indicator;
  result: IndicatorResult;
  outcome?: Outcome;
}

export interface Scored {
  score: number | null;
  detail: Assessment['score_detail'];
  sections?: SectionResult[];
}

/** A scoring model owns how items earn and how the score is made of them. */
export interface ScoringModel {
  /** Completes each result's scoring fields (credit, points, the deduction in the reason) and scores the whole. */
  score(rubric: Rubric, evaluations: readonly Evaluation[]): Scored;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
