// assess(rubric, submission) -> Assessment. Pure: no files, clock, network or database.
import { checkKind, type EvalContext } from '../checks/index.js';
import { AuditError } from '../errors.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Assessment, GradeResult, IndicatorResult } from '../schema/generated/assessment.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import type { AnswerValue, Submission } from '../schema/generated/submission.js';
import { LEVEL_ZH } from '../levels.js';
import { readAnswer } from './answers.js';
import { resolveParameters } from './parameters.js';
import { computeGrade, computeScore, itemPoints } from './score.js';
import { submissionProblems } from './submission.js';
import { levelForTier, reportedTiers, tierResults } from './tiers.js';
import { ENGINE_VERSION } from './version.js';

export function assess(rubric: Rubric, input: unknown): Assessment {
  const problems = submissionProblems(rubric, input);
  if (problems.length > 0) throw new AuditError('SUBMISSION_INVALID', `提交无效：共 ${problems.length} 处问题`, problems);
  const sub = input as Submission;
  // A valid submission has a period whose year the rubric defines (submissionProblems checked it).
  const params = resolveParameters(rubric, sub.period);

  const tierLabels = new Map(rubric.tiers.map((t) => [t.id, t.label]));
  const rank = new Map(rubric.tiers.map((t, i) => [t.id, i]));
  const facts = sub.facts ?? {};
  const ctx: EvalContext = {
    resolve: (req) =>
      req.value ?? (req.derived ? (req.derived.value * facts[req.derived.fact]!) / req.derived.per : params.values.get(req.param!)!),
    tierLabel: (t) => tierLabels.get(t) ?? t,
  };

  const points = rubric.scoring.method === 'points';
  const results = rubric.indicators.map((ind) =>
    ind.levels.includes(sub.unit.level)
      ? evaluateIndicator(ind, sub.answers[ind.id], ctx, reportedTiers(ind, rubric), rank, points)
      : otherLevelResult(ind, sub.answers[ind.id], reportedTiers(ind, rubric), sub.unit.level),
  );
  const { score, detail } = computeScore(rubric, results);
  const allNa = results.length > 0 && results.every((r) => r.status === 'not_applicable');
  const tiers = tierResults(rubric, results, score, allNa);
  const reached = tiers.filter((t) => t.reached).at(-1);
  const unanswered = results.filter((r) => r.status === 'not_assessed');
  const grade = computeGrade(rubric, results, score);

  return {
    rubric: { id: rubric.id, version: rubric.version, hash: rubric.hash },
    engine_version: ENGINE_VERSION,
    unit: sub.unit,
    period: sub.period,
    ...(sub.inspector !== undefined ? { inspector: sub.inspector } : {}),
    ...(sub.inspected_on !== undefined ? { inspected_on: sub.inspected_on } : {}),
    ...(sub.facts !== undefined ? { facts: sub.facts } : {}),
    tier: reached?.id ?? null,
    tier_label: reached?.label ?? null,
    result: headline(rubric, reached?.label ?? null, grade, allNa),
    score,
    score_detail: detail,
    grade,
    all_not_applicable: allNa,
    counts: {
      total: results.length,
      met: results.filter((r) => r.status === 'met').length,
      unmet: results.filter((r) => r.status === 'unmet').length,
      not_applicable: results.filter((r) => r.status === 'not_applicable').length,
      not_assessed: unanswered.length,
    },
    results,
    tiers,
    gaps: Object.fromEntries(tiers.filter((t) => !t.reached).map((t) => [t.id, t.blocking.map((b) => b.id)])),
    completeness: {
      complete: unanswered.length === 0,
      unanswered: unanswered.map((r) => r.id),
      unanswered_necessary: unanswered.filter((r) => r.necessary_for.length > 0).map((r) => r.id),
    },
    parameters: params.uses,
    warnings: params.warnings,
  };
}

/** Tiered rubrics: the tier reached. Without tiers: 达标/未达标, or the grade for points rubrics. */
function headline(rubric: Rubric, tierLabel: string | null, grade: GradeResult | null, allNa: boolean): Assessment['result'] {
  if (allNa) return { passed: false, label: '无法评定（全部不适用）' };
  if (grade) return { passed: grade.pass && tierLabel !== null, label: grade.label };
  if (rubric.implicitTier) return { passed: tierLabel !== null, label: tierLabel ? '达标' : '未达标' };
  return { passed: tierLabel !== null, label: tierLabel ?? '未达到任何等级' };
}

function evaluateIndicator(
  ind: Indicator,
  raw: unknown,
  ctx: EvalContext,
  tiers: readonly string[],
  rank: ReadonlyMap<string, number>,
  points: boolean,
): IndicatorResult {
  const base = resultBase(ind);
  if (raw === undefined) {
    return {
      ...base,
      ...(points ? { points: itemPoints(ind, 'not_assessed', 0, 0, undefined) } : {}),
      status: 'not_assessed',
      reason_code: 'NOT_ANSWERED',
      reason: '未检查（没有答案），不计为达标',
      credit: 0,
      tier_status: Object.fromEntries(tiers.map((t) => [t, 'not_assessed'])),
      shortfalls: [],
      missing_items: [],
    };
  }
  const answer = readAnswer(raw);
  const note = answer.note !== undefined ? { note: answer.note } : {};
  if (answer.kind === 'not_applicable') return notApplicable(ind, tiers, 'NOT_APPLICABLE', answer.reason, answer.note);
  if (ind.bonus) return bonusResult(ind, base, answer.value as number, note);
  const outcome = checkKind(ind.check).evaluate(ind.check, answer.value, ctx);
  const metLevels = outcome.levels.filter((l) => l.met).length;
  const status = metLevels === outcome.levels.length ? 'met' : 'unmet';
  // Per-tier thresholds earn an equal share each, so 120 m² (standard met, demonstration not) earns half.
  const credit = outcome.levels.length === 0 ? 1 : metLevels / outcome.levels.length;
  const tierStatus: Record<string, 'met' | 'unmet'> = {};
  for (const t of tiers) {
    const level = levelForTier(outcome.levels, t, rank);
    if (level) tierStatus[t] = level.met ? 'met' : 'unmet';
  }
  const itemPts = points ? itemPoints(ind, status, credit, outcome.defects, answer.value) : undefined;
  const deduction = itemPts && itemPts.deducted > 0 && status === 'unmet' ? `；扣 ${itemPts.deducted} 分` : '';
  return {
    ...base,
    ...note,
    status,
    value: answer.value as AnswerValue,
    reason_code: outcome.reasonCode,
    reason: outcome.reason + deduction,
    credit: itemPts ? (itemPts.max === 0 ? credit : itemPts.earned / itemPts.max) : credit,
    ...(itemPts ? { points: itemPts } : {}),
    tier_status: tierStatus,
    shortfalls: outcome.levels.flatMap((l) => (l.shortfall ? [l.shortfall] : [])),
    missing_items: outcome.missingItems,
  };
}

/** A bonus item never blocks: with nothing to add it is simply not applicable this period. */
function bonusResult(ind: Indicator, base: ReturnType<typeof resultBase>, n: number, note: { note?: string }): IndicatorResult {
  const pts = itemPoints(ind, 'met', 1, 0, n);
  const unit = ind.check.kind === 'count' ? ind.check.unit : '';
  return {
    ...base,
    ...note,
    status: pts.bonus > 0 ? 'met' : 'not_applicable',
    value: n,
    reason_code: pts.bonus > 0 ? 'BONUS' : 'NO_BONUS',
    reason: pts.bonus > 0 ? `加 ${pts.bonus} 分（${n} ${unit} × ${ind.bonus!.per} 分，本项最多 ${ind.points} 分）` : '本期无加分事项',
    credit: null,
    points: pts,
    tier_status: {},
    shortfalls: [],
    missing_items: [],
  };
}

/** An indicator for another level of unit: 不适用 without an answer (an explicit 不适用 keeps its reason). */
function otherLevelResult(ind: Indicator, raw: unknown, tiers: readonly string[], level: UnitLevel): IndicatorResult {
  const given = raw === undefined ? undefined : readAnswer(raw);
  const reason = given?.kind === 'not_applicable' ? given.reason : `本指标只适用于${ind.levels.map((l) => LEVEL_ZH[l]).join('、')}，本单位为${LEVEL_ZH[level]}`;
  return notApplicable(ind, tiers, 'LEVEL_NOT_APPLICABLE', reason, given?.note);
}

function notApplicable(ind: Indicator, tiers: readonly string[], code: string, reason: string, note: string | undefined): IndicatorResult {
  return {
    ...resultBase(ind),
    ...(note !== undefined ? { note } : {}),
    status: 'not_applicable',
    reason_code: code,
    reason: `不适用：${reason}`,
    credit: null,
    tier_status: Object.fromEntries(tiers.map((t) => [t, 'not_applicable'])),
    shortfalls: [],
    missing_items: [],
  };
}

function resultBase(ind: Indicator) {
  return {
    id: ind.id,
    title: ind.title,
    section: [...ind.section],
    necessary_for: [...ind.necessaryFor],
    requirement: ind.requirement,
    ...(ind.veto ? { veto: true } : {}),
    weight: ind.weight,
  };
}
