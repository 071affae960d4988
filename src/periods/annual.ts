// The annual accumulation (年累计): the twelve months combined by the rubric's declared method. A missing month
// is listed as missing and never treated as a score. Pure.
import { round2 } from '../engine/score.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Unit } from '../schema/generated/submission.js';
import { monthsOfYear, rankBy } from './calendar.js';
import { mean } from './county.js';
import { group } from './quarter.js';

export interface AnnualUnit {
  rank: number;
  unit: Unit;
  method: 'mean' | 'deductions';
  /** Mean of the monthly scores, or the sum of the monthly deductions; over assessed months only. */
  value: number | null;
  months: Array<{ period: string; score: number | null; deducted: number | null }>;
  missing: string[];
  complete: boolean;
}

export interface AnnualAccumulation {
  rubric: { id: string; version: string; title: string };
  year: number;
  /** The months that count: all twelve, or up to `through` for a year still running. */
  months: string[];
  method: 'mean' | 'deductions';
  units: AnnualUnit[];
  rule: string;
}

export function annualAccumulation(rubric: Rubric, assessments: readonly Assessment[], year: number, through?: string): AnnualAccumulation {
  const months = monthsOfYear(year).filter((m) => through === undefined || m <= through);
  const method = rubric.scoring.annual;
  const rows = [...group(assessments.filter((a) => months.includes(a.period))).values()].map((list) => {
    const scores = list.flatMap((a) => (a.score === null ? [] : [a.score]));
    const deductions = list.map((a) => a.score_detail.deducted ?? 0);
    const missing = months.filter((m) => !list.some((a) => a.period === m));
    return {
      unit: list.at(-1)!.unit,
      method,
      value: method === 'mean' ? mean(scores) : round2(deductions.reduce((s, x) => s + x, 0)),
      months: list.map((a) => ({ period: a.period, score: a.score, deducted: a.score_detail.deducted ?? null })),
      missing,
      complete: missing.length === 0,
    };
  });
  // Higher mean is better; fewer deductions are better.
  const ranked = rankBy(rows, (r) => r.value, method === 'mean' ? 'highest' : 'lowest');
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    year,
    months,
    method,
    units: ranked.map(({ rank, row }) => ({ rank, ...row })),
    rule:
      method === 'mean'
        ? '年累计为已考核月份得分的平均分；缺考月份单列，不按任何分数计；平均分相同者名次相同，按单位代码排列。'
        : '年累计为已考核月份扣分之和（扣分越少名次越前）；缺考月份单列，不按任何分数计；扣分相同者名次相同，按单位代码排列。',
  };
}
