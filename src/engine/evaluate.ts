// assess(rubric, submission) -> Assessment. Pure: no files, clock, network or database.
import { checkKind, type EvalContext } from '../checks/index.js';
import { AuditError } from '../errors.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Assessment, IndicatorResult } from '../schema/generated/assessment.js';
import type { AnswerValue, Submission } from '../schema/generated/submission.js';
import { readAnswer } from './answers.js';
import { resolveParameters } from './parameters.js';
import { computeScore } from './score.js';
import { submissionProblems } from './submission.js';
import { levelForTier, reportedTiers, tierResults } from './tiers.js';
import { ENGINE_VERSION } from './version.js';

export function assess(rubric: Rubric, input: unknown): Assessment {
  const problems = submissionProblems(rubric, input);
  const sub = input as Submission;
  const periodOk = typeof (sub as Partial<Submission> | null)?.period === 'string' && !problems.some((p) => p.path === '/period');
  const params = periodOk ? resolveParameters(rubric, sub.period) : undefined;
  if (params) problems.push(...params.problems);
  if (problems.length > 0 || !params) {
    throw new AuditError('SUBMISSION_INVALID', `提交无效：共 ${problems.length} 处问题`, problems);
  }

  const tierLabels = new Map(rubric.tiers.map((t) => [t.id, t.label]));
  const rank = new Map(rubric.tiers.map((t, i) => [t.id, i]));
  const ctx: EvalContext = {
    resolve: (req) => req.value ?? params.values.get(req.param!)!,
    tierLabel: (t) => tierLabels.get(t) ?? t,
  };

  const results = rubric.indicators.map((ind) => evaluateIndicator(ind, sub.answers[ind.id], ctx, reportedTiers(ind, rubric), rank));
  const { score, detail } = computeScore(rubric, results);
  const allNa = results.length > 0 && results.every((r) => r.status === 'not_applicable');
  const tiers = tierResults(rubric, results, score, allNa);
  const reached = tiers.filter((t) => t.reached).at(-1);
  const unanswered = results.filter((r) => r.status === 'not_assessed');

  return {
    rubric: { id: rubric.id, version: rubric.version, hash: rubric.hash },
    engine_version: ENGINE_VERSION,
    unit: sub.unit,
    period: sub.period,
    ...(sub.inspector !== undefined ? { inspector: sub.inspector } : {}),
    ...(sub.inspected_on !== undefined ? { inspected_on: sub.inspected_on } : {}),
    tier: reached?.id ?? null,
    tier_label: reached?.label ?? null,
    score,
    score_detail: detail,
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

function evaluateIndicator(
  ind: Indicator,
  raw: unknown,
  ctx: EvalContext,
  tiers: readonly string[],
  rank: ReadonlyMap<string, number>,
): IndicatorResult {
  const base = {
    id: ind.id,
    title: ind.title,
    section: [...ind.section],
    necessary_for: [...ind.necessaryFor],
    weight: ind.weight,
  };
  if (raw === undefined) {
    return {
      ...base,
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
  if (answer.kind === 'not_applicable') {
    return {
      ...base,
      ...note,
      status: 'not_applicable',
      reason_code: 'NOT_APPLICABLE',
      reason: `不适用：${answer.reason}`,
      credit: null,
      tier_status: Object.fromEntries(tiers.map((t) => [t, 'not_applicable'])),
      shortfalls: [],
      missing_items: [],
    };
  }
  const outcome = checkKind(ind.check).evaluate(ind.check, answer.value, ctx);
  const metLevels = outcome.levels.filter((l) => l.met).length;
  const tierStatus: Record<string, 'met' | 'unmet'> = {};
  for (const t of tiers) {
    const level = levelForTier(outcome.levels, t, rank);
    if (level) tierStatus[t] = level.met ? 'met' : 'unmet';
  }
  return {
    ...base,
    ...note,
    status: metLevels === outcome.levels.length ? 'met' : 'unmet',
    value: answer.value as AnswerValue,
    reason_code: outcome.reasonCode,
    reason: outcome.reason,
    // Per-tier thresholds earn an equal share each, so 120 m² (standard met, demonstration not) earns half.
    credit: outcome.levels.length === 0 ? 1 : metLevels / outcome.levels.length,
    tier_status: tierStatus,
    shortfalls: outcome.levels.flatMap((l) => (l.shortfall ? [l.shortfall] : [])),
    missing_items: outcome.missingItems,
  };
}
