// How every ranking orders units (the county month, the quarterly circular, the annual accumulation): one rule, as
// rubric data with a default, so the order rows are listed in, the ranks they get and the sentence printed above
// them cannot disagree. Pure.
import { LEVEL_ZH } from '../levels.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Scoring, UnitLevel } from '../schema/generated/rubric.js';
import type { Unit } from '../schema/generated/submission.js';

export type RankingRule = Required<NonNullable<Scoring['ranking']>>;

/**
 * By default a unit with a better standing (tier, grade band, 达标) is ranked above any unit with a worse one
 * whatever their scores, so a vetoed 93 (不合格) never sits above an 89 (良好); and townships and villages, which
 * are assessed on different items, are ranked each among their own.
 */
export const DEFAULT_RANKING: RankingRule = { by: 'standing', levels: 'separate' };

/** The rubric's rule. Read from its definition (validated by the schema) with the defaults filled in. */
export const rankingRule = (rubric: Rubric): RankingRule => ({ ...DEFAULT_RANKING, ...rubric.definition.scoring.ranking });

/**
 * The position of an assessment's standing on the rubric's ladder: higher is better, 0 is the bottom. A rubric with
 * tiers of its own (示范型/标准型, or stars) stands by the tier reached; a graded one by its grade band, where 未评定
 * (a veto item unanswered) is below every band.
 */
export function standingRank(rubric: Rubric, a: Assessment): number {
  if (a.grade && rubric.implicitTier) return gradeRank(rubric, a.grade.id);
  return a.tier === null ? 0 : rubric.tiers.findIndex((t) => t.id === a.tier) + 1;
}

/** The headline the assessment gives: the tier or star, the grade, or 达标/未达标. */
export const standingLabel = (a: Assessment): string => a.result.label;

/** The grade a failed veto item gives: the rubric's veto_grade, else the lowest. */
export const vetoGrade = (rubric: Rubric) => rubric.scoring.grades.find((g) => g.id === rubric.scoring.vetoGrade) ?? rubric.scoring.grades.at(-1)!;

const gradeRank = (rubric: Rubric, id: string): number => {
  const i = rubric.scoring.grades.findIndex((g) => g.id === id);
  return i < 0 ? 0 : rubric.scoring.grades.length - i;
};

/** The veto items an assessment failed, in source order; empty when it was not vetoed. */
export const vetoItems = (a: Assessment): string[] => (a.grade?.vetoed ? [...a.grade.veto_items] : []);

export interface PeriodStanding {
  band: number;
  label: string;
  passed: boolean;
}

/**
 * The standing of several months together (a quarter, a year). Points rubrics: a veto in any month gives the veto
 * grade; otherwise the grade of the mean score. Other rubrics: the lowest standing of the months, since a tier is
 * held only while every month reaches it.
 */
export function periodStanding(rubric: Rubric, months: readonly Assessment[], meanScore: number | null): PeriodStanding {
  const grades = rubric.scoring.grades;
  if (months.some((a) => a.grade)) {
    const grade = months.some((a) => a.grade?.vetoed) ? vetoGrade(rubric) : meanScore === null ? undefined : grades.find((g) => meanScore >= g.min);
    return grade ? { band: gradeRank(rubric, grade.id), label: grade.label, passed: grade.pass } : { band: 0, label: '—', passed: false };
  }
  const worst = [...months].sort((x, y) => standingRank(rubric, x) - standingRank(rubric, y))[0]!;
  return { band: standingRank(rubric, worst), label: standingLabel(worst), passed: months.every((a) => a.result.passed) };
}

export interface Rankable {
  unit: Unit;
  /** standingRank or PeriodStanding.band. */
  band: number;
  value: number | null;
}

export interface Ranked<T> {
  /** Competition rank within the unit's group: equal keys share a rank and the next is skipped (1, 2, 2, 4). */
  rank: number;
  row: T;
  /** The level the unit is ranked among; null when levels are ranked together. */
  group: UnitLevel | null;
}

const LEVEL_ORDER: readonly UnitLevel[] = ['county', 'township', 'village'];

/** Rows in the rule's order with their ranks: by group, then band (if the rule says so), then value, then unit code. */
export function rank<T extends Rankable>(rows: readonly T[], rule: RankingRule, best: 'highest' | 'lowest'): Array<Ranked<T>> {
  const group = (t: T) => (rule.levels === 'separate' ? t.unit.level : null);
  const sign = best === 'highest' ? -1 : 1;
  const bands = rule.by === 'standing';
  const byValue = (x: T, y: T) => {
    if (x.value === null || y.value === null) return (x.value === null ? 1 : 0) - (y.value === null ? 1 : 0);
    return sign * (x.value - y.value);
  };
  const order = (x: T, y: T) => (bands ? y.band - x.band : 0) || byValue(x, y);
  const sorted = [...rows].sort((x, y) => LEVEL_ORDER.indexOf(group(x) ?? 'county') - LEVEL_ORDER.indexOf(group(y) ?? 'county') || order(x, y) || x.unit.code.localeCompare(y.unit.code));
  const out: Array<Ranked<T>> = [];
  let start = 0;
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    if (prev === undefined || prev.group !== group(row)) start = i;
    const tied = prev !== undefined && i > start && order(prev.row, row) === 0;
    out.push({ rank: tied ? prev.rank : i - start + 1, row, group: group(row) });
  });
  return out;
}

/** The rule in words, printed above every ranking. `value` names what is compared (得分, 季度平均分, 扣分合计). */
export function ruleText(rubric: Rubric, rule: RankingRule, value: string, best: 'highest' | 'lowest'): string {
  const direction = best === 'highest' ? '从高到低' : '从少到多';
  const standing = rubric.scoring.grades.length ? '考核等级' : rubric.implicitTier ? '结论（达标在前）' : '达到的等级';
  const veto = rubric.scoring.grades.length && rubric.indicators.some((i) => i.veto) ? `（单项否决的计为${vetoGrade(rubric).label}）` : '';
  const first = rule.by === 'standing' ? `先按${standing}${veto}，同等级内再按${value}${direction}排列` : `按${value}${direction}排列`;
  const levels = rule.levels === 'separate' && rubric.appliesTo.length > 1 ? `；${rubric.appliesTo.map((l) => LEVEL_ZH[l]).join('与')}分别排名` : '';
  return `名次${first}，${rule.by === 'standing' ? '等级和' : ''}${value}都相同者名次相同，按单位代码排列${levels}。`;
}
