// The scoring engine as it was before rubrics were compiled (src/engine/evaluate.ts, issue 11), kept as a
// straightforward reference: every result built from scratch, every reason rendered in place. The compiled evaluator
// must give equal assessments (tests/engine/compiled.test.ts). What compiling did not change (how often a frequency
// falls due, the headline) it takes from the engine itself.
import { checkKind, type EvalContext, type Outcome } from '../../src/checks/index.js';
import { AuditError } from '../../src/errors.js';
import type { Indicator, Rubric } from '../../src/rubric/model.js';
import type { Assessment, IndicatorResult, Notice } from '../../src/schema/generated/assessment.js';
import type { AnswerValue, Submission } from '../../src/schema/generated/submission.js';
import { answerFor, readAnswer } from '../../src/engine/answers.js';
import { dueIn } from '../../src/calendar/due.js';
import { headline } from '../../src/engine/compile.js';
import { Conditions, conditionText, type Exclusion } from '../../src/engine/conditions.js';
import { percentModel } from '../../src/engine/models/percent.js';
import { claimedScore, pointsModel } from '../../src/engine/models/points.js';
import type { Evaluation, ScoringModel } from '../../src/engine/models/types.js';
import { resolveParameters } from '../../src/engine/parameters.js';
import { computeGrade } from '../../src/engine/score.js';
import { selfScores } from '../../src/engine/self.js';
import { submissionProblems } from '../../src/engine/submission.js';
import { type AssessOptions, exemptIndicators } from '../../src/engine/exemptions.js';
import { levelForTier, reportedTiers, tierResults } from '../../src/engine/tiers.js';
import { ENGINE_VERSION } from '../../src/engine/version.js';

const THIS_PERIOD = { month: '本月', quarter: '本季度', half_year: '本半年' } as const;

const MODELS: Readonly<Record<Rubric['scoring']['method'], ScoringModel>> = { percent: percentModel, points: pointsModel };

/**
 * options.exemptions: the unit's exemptions (暂缓/豁免) for this period, judged valid or expired by the caller; a valid
 * one makes its indicator 不适用 citing it, and every one given is listed in the assessment.
 */
export function referenceAssess(rubric: Rubric, input: unknown, options?: AssessOptions): Assessment {
  const problems = submissionProblems(rubric, input, options);
  if (problems.length > 0) throw new AuditError('SUBMISSION_INVALID', `提交无效：共 ${problems.length} 处问题`, problems);
  const sub = input as Submission;
  // A valid submission has a period whose year the rubric defines (submissionProblems checked it).
  const params = resolveParameters(rubric, sub.period);

  const tierLabels = new Map(rubric.tiers.map((t) => [t.id, t.label]));
  const rank = new Map(rubric.tiers.map((t, i) => [t.id, i]));
  const facts = sub.facts ?? {};
  const conditions = new Conditions(rubric, sub.answers, sub.unit.level, exemptIndicators(rubric.byId, options));
  const exemptions = (options?.exemptions ?? []).filter((e) => rubric.byId.has(e.indicator));
  const ctx: EvalContext = {
    resolve: (req) =>
      req.value ?? (req.derived ? (req.derived.value * facts[req.derived.fact]!) / req.derived.per : params.values.get(req.param!)!),
    tierLabel: (t) => tierLabels.get(t) ?? t,
    holds: (cond) => conditions.holds(cond),
    conditionText: (cond) => conditionText(rubric, cond),
    due: (basis) => dueIn(sub.period, basis),
    thisPeriod: THIS_PERIOD[rubric.period],
  };

  const evaluations = rubric.indicators.map((ind): Evaluation => {
    const tiers = reportedTiers(ind, rubric);
    const excluded = conditions.excluded(ind);
    const raw = answerFor(sub.answers, ind.id);
    return excluded ? { ind, result: excludedResult(ind, raw, tiers, excluded) } : evaluateIndicator(ind, raw, ctx, tiers, rank);
  });
  const { score, detail, sections } = MODELS[rubric.scoring.method].score(rubric, evaluations);
  const results = evaluations.map((e) => e.result);
  const allNa = results.length > 0 && results.every((r) => r.status === 'not_applicable');
  const tiers = tierResults(rubric, results, score, allNa);
  const reached = tiers.filter((t) => t.reached).at(-1);
  const unanswered = results.filter((r) => r.status === 'not_assessed');
  const grade = computeGrade(rubric, results, score);
  const self = selfScores(rubric, sub, results, sections, score, (claims) => claimedScore(rubric, evaluations, claims));
  const warnings: Notice[] = [...params.warnings, ...self.warnings];

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
    ...(sections ? { sections } : {}),
    ...(self.summary ? { self_assessment: self.summary } : {}),
    tiers,
    gaps: Object.fromEntries(tiers.filter((t) => !t.reached).map((t) => [t.id, t.blocking.map((b) => b.id)])),
    completeness: {
      complete: unanswered.length === 0,
      unanswered: unanswered.map((r) => r.id),
      unanswered_necessary: unanswered.filter((r) => r.necessary_for.length > 0).map((r) => r.id),
    },
    parameters: params.uses,
    warnings,
    ...(exemptions.length ? { exemptions: exemptions.map((e) => ({ ...e })) } : {}),
  };
}

function evaluateIndicator(ind: Indicator, raw: unknown, ctx: EvalContext, tiers: readonly string[], rank: ReadonlyMap<string, number>): Evaluation {
  const base = resultBase(ind);
  if (raw === undefined) {
    const result: IndicatorResult = {
      ...base,
      status: 'not_assessed',
      reason_code: 'NOT_ANSWERED',
      reason: '未检查（没有答案），不计为达标',
      credit: 0,
      tier_status: Object.fromEntries(tiers.map((t) => [t, 'not_assessed'])),
      shortfalls: [],
      missing_items: [],
    };
    return { ind, result };
  }
  const answer = readAnswer(raw);
  if (answer.kind === 'not_applicable') return { ind, result: notApplicable(ind, tiers, 'NOT_APPLICABLE', answer.reason, answer.note) };
  const outcome: Outcome = checkKind(ind.check).evaluate(ind.check, answer.value, ctx);
  if (outcome.notApplicable !== undefined) {
    const result = notApplicable(ind, tiers, 'NOTHING_TO_ASSESS', `${outcome.notApplicable}（${outcome.reason}）`, answer.note);
    return { ind, result: { ...result, value: answer.value as AnswerValue } };
  }
  const metLevels = outcome.levels.filter((l) => l.met).length;
  const status = metLevels === outcome.levels.length ? 'met' : 'unmet';
  // Per-tier thresholds earn an equal share each, so 120 m² (standard met, demonstration not) earns half; a
  // rating band earns its own share.
  const credit = outcome.credit ?? (outcome.levels.length === 0 ? 1 : metLevels / outcome.levels.length);
  const tierStatus: Record<string, 'met' | 'unmet'> = {};
  for (const t of tiers) {
    const level = levelForTier(outcome.levels, t, rank);
    if (level) tierStatus[t] = level.met ? 'met' : 'unmet';
  }
  const result: IndicatorResult = {
    ...base,
    ...(answer.note !== undefined ? { note: answer.note } : {}),
    status,
    value: answer.value as AnswerValue,
    reason_code: outcome.reasonCode,
    reason: outcome.reason,
    credit,
    ...(outcome.computed ? { computed: outcome.computed } : {}),
    tier_status: tierStatus,
    shortfalls: outcome.levels.flatMap((l) => (l.shortfall ? [l.shortfall] : [])),
    missing_items: outcome.missingItems,
  };
  return { ind, result, outcome };
}

/** An indicator 不适用 before its answer is read (another level, the county, a condition); an explicit 不适用 keeps its own reason. */
function excludedResult(ind: Indicator, raw: unknown, tiers: readonly string[], why: Exclusion): IndicatorResult {
  const given = raw === undefined ? undefined : readAnswer(raw);
  // An exemption is always cited, whatever 不适用 reason the answer gave.
  const reason = given?.kind === 'not_applicable' && why.code !== 'EXEMPTED' ? given.reason : why.reason;
  return notApplicable(ind, tiers, why.code, reason, given?.note);
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
