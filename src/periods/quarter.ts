// The quarterly circular (季通报): units ranked by the mean of the quarter's monthly scores, the units below
// standard, those that dropped a tier or grade, and the indicators most often unmet. Pure.
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Unit } from '../schema/generated/submission.js';
import { quarterWindow, rankBy } from './calendar.js';
import { mean, mostUnmet, standingLabel, standingRank, type UnmetIndicator } from './county.js';
import type { RectificationCounts } from './rectification.js';

export interface QuarterUnit {
  rank: number;
  unit: Unit;
  /** Mean of the monthly scores the unit has in the quarter; missing months are not scored. */
  mean: number | null;
  months: Array<{ period: string; score: number | null; standing: string }>;
  missing: string[];
  /** Standing in the quarter's latest assessed month. */
  standing: string;
  passed: boolean;
}

export interface QuarterlyCircular {
  rubric: { id: string; version: string; title: string };
  year: number;
  quarter: number;
  months: string[];
  units: QuarterUnit[];
  belowStandard: Array<{ unit: Unit; standing: string; period: string }>;
  dropped: Array<{ unit: Unit; from: { period: string; standing: string }; to: { period: string; standing: string } }>;
  unmet: UnmetIndicator[];
  rule: string;
  /** Open and overdue rectification orders per unit, when the service adds them. */
  rectification?: RectificationCounts;
}

/**
 * `assessments` may hold any months; those of the quarter are ranked, and the previous quarter's are used to
 * see who dropped. Ranked by mean score, highest first; equal means share a rank and are listed by unit code.
 */
export function quarterlyCircular(rubric: Rubric, assessments: readonly Assessment[], year: number, quarter: number): QuarterlyCircular {
  const { months, before } = quarterWindow(year, quarter);
  const inQuarter = assessments.filter((a) => months.includes(a.period));
  const byUnit = group(inQuarter);
  const previous = group(assessments.filter((a) => before.includes(a.period)));

  const rows = [...byUnit.values()].map((list) => {
    const last = list.at(-1)!;
    return {
      unit: last.unit,
      mean: mean(list.flatMap((a) => (a.score === null ? [] : [a.score]))),
      months: list.map((a) => ({ period: a.period, score: a.score, standing: standingLabel(a) })),
      missing: months.filter((m) => !list.some((a) => a.period === m)),
      standing: standingLabel(last),
      passed: last.result.passed,
    };
  });
  const ranked = rankBy(rows, (r) => r.mean, 'highest');

  const dropped: QuarterlyCircular['dropped'] = [];
  for (const [code, list] of byUnit) {
    // Compared with the end of the previous quarter, or with the quarter's own first month.
    const from = previous.get(code)?.at(-1) ?? list[0]!;
    const to = list.at(-1)!;
    if (standingRank(rubric, to) < standingRank(rubric, from)) {
      dropped.push({ unit: to.unit, from: { period: from.period, standing: standingLabel(from) }, to: { period: to.period, standing: standingLabel(to) } });
    }
  }

  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    year,
    quarter,
    months,
    units: ranked.map(({ rank, row }) => ({ rank, ...row })),
    belowStandard: ranked.map(({ row }) => row).filter((r) => !r.passed).map((r) => ({ unit: r.unit, standing: r.standing, period: r.months.at(-1)!.period })),
    dropped: dropped.sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    unmet: mostUnmet(rubric, inQuarter),
    rule: '按季度内各月得分的平均分排名（缺考月份不计分，另行列出），平均分相同者名次相同，按单位代码排列；未达标单位以季度内最近一次考核为准；等级下降与上季度末（无则与本季度首月）比较。',
  };
}

/** Assessments by unit code, each list in period order. */
export function group(assessments: readonly Assessment[]): Map<string, Assessment[]> {
  const out = new Map<string, Assessment[]>();
  for (const a of [...assessments].sort((x, y) => x.period.localeCompare(y.period))) out.set(a.unit.code, [...(out.get(a.unit.code) ?? []), a]);
  return out;
}
