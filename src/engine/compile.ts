// A rubric compiled once into an evaluator: per indicator its specialised check, the tiers it reports, its static
// result fields and the constant tier statuses; per tier its necessary indicators; year parameters resolved once per
// year. assess() builds each result as one object literal, in the same key order as always, so the assessment JSON
// is byte for byte what the plain evaluator gave (tests/support/reference-evaluator.ts, tests/engine/compiled.test.ts).
// Pure: no files, clock, network or database.
import { dueIn } from '../calendar/due.js';
import { compileCheck, type CompileContext, type CompiledCheck, type EvalContext, type LevelOutcome, type Outcome } from '../checks/index.js';
import type { Condition, FrequencyBasis, Requirement } from '../checks/model.js';
import { AuditError } from '../errors.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Assessment, GradeResult, IndicatorResult, Notice, Shortfall } from '../schema/generated/assessment.js';
import type { AnswerValue, Submission } from '../schema/generated/submission.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import { answerAt, answerSlot, type AnswerSlot } from './answers.js';
import { Conditions, conditionText, type Exclusion } from './conditions.js';
import { type AssessOptions, exemptIndicators } from './exemptions.js';
import { percentModel } from './models/percent.js';
import { claimedScore, pointsModel } from './models/points.js';
import type { Evaluation, ScoringModel } from './models/types.js';
import { parametersFor } from './parameters.js';
import { computeGrade } from './score.js';
import { selfScores } from './self.js';
import { prepareScreen } from './screen.js';
import { submissionProblems } from './submission.js';
import { levelForTier, necessaryByTier, reportedTiers, tierResults } from './tiers.js';
import { ENGINE_VERSION } from './version.js';

/** A rubric ready to score submissions; made by compileRubric, once per rubric. */
export interface CompiledRubric {
  readonly rubric: Rubric;
  /** The same as assess(rubric, submission, options). */
  assess(submission: unknown, options?: AssessOptions): Assessment;
}

type TierStatus = IndicatorResult['tier_status'];

/** One indicator, compiled. */
interface Item extends AnswerSlot {
  ind: Indicator;
  evaluate: CompiledCheck;
  /** The tiers it reports, in rubric order. */
  tiers: readonly string[];
  /** tier_status when every reported tier shares one status (frozen, shared by every result). */
  every: Readonly<Record<'met' | 'unmet' | 'not_applicable' | 'not_assessed', TierStatus>>;
}

const THIS_PERIOD = { month: '本月', quarter: '本季度', half_year: '本半年' } as const;
const MODELS: Readonly<Record<Rubric['scoring']['method'], ScoringModel>> = { percent: percentModel, points: pointsModel };
const NONE: never[] = Object.freeze([]) as unknown as never[];
const NOT_ANSWERED = '未检查（没有答案），不计为达标';

const COMPILED = new WeakMap<Rubric, CompiledRubric>();

/** The rubric's evaluator, compiled on first use and kept as long as the rubric is: services score with it repeatedly. */
export function compiledRubric(rubric: Rubric): CompiledRubric {
  let c = COMPILED.get(rubric);
  if (!c) COMPILED.set(rubric, (c = new Evaluator(rubric)));
  return c;
}

/** The evaluator, and the rubric's one-pass validation compiled with it (assess() compiles that only once it pays, screen.ts). */
export function compileRubric(rubric: Rubric): CompiledRubric {
  prepareScreen(rubric);
  return new Evaluator(rubric);
}

class Evaluator implements CompiledRubric, CompileContext {
  private readonly items: Item[];
  private readonly rank: ReadonlyMap<string, number>;
  readonly tierLabels: ReadonlyMap<string, string>;
  private readonly necessary: number[][];
  private readonly model: ScoringModel;

  constructor(readonly rubric: Rubric) {
    this.rank = new Map(rubric.tiers.map((t, i) => [t.id, i]));
    this.tierLabels = new Map(rubric.tiers.map((t) => [t.id, t.label]));
    this.necessary = necessaryByTier(rubric);
    this.model = MODELS[rubric.scoring.method];
    this.items = rubric.indicators.map((ind) => {
      const tiers = Object.freeze(reportedTiers(ind, rubric));
      const all = (status: string) => Object.freeze(Object.fromEntries(tiers.map((t) => [t, status]))) as TierStatus;
      return {
        ind,
        ...answerSlot(ind),
        evaluate: compileCheck(ind.check, this),
        tiers,
        every: { met: all('met'), unmet: all('unmet'), not_applicable: all('not_applicable'), not_assessed: all('not_assessed') },
      };
    });
  }

  /**
   * options.exemptions: the unit's exemptions (暂缓/豁免) for this period, judged valid or expired by the caller; a
   * valid one makes its indicator 不适用 citing it, and every one given is listed in the assessment.
   */
  assess(input: unknown, options?: AssessOptions): Assessment {
    const rubric = this.rubric;
    const problems = submissionProblems(rubric, input, options);
    if (problems.length > 0) throw new AuditError('SUBMISSION_INVALID', `提交无效：共 ${problems.length} 处问题`, problems);
    const sub = input as Submission;
    // A valid submission has a period whose year the rubric defines (submissionProblems checked it).
    const params = parametersFor(rubric, sub.period);
    const facts = sub.facts ?? {};
    const answers = sub.answers as Readonly<Record<string | number, unknown>>;
    const level: UnitLevel = sub.unit.level;
    const exempt = exemptIndicators(rubric.byId, options);
    const conditions = new Conditions(rubric, answers, level, exempt);
    const ctx = new Context(this, sub.period, facts, params.values, conditions);

    const items = this.items;
    const n = items.length;
    const evaluations: Evaluation[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      const raw = answerAt(answers, item);
      const excluded = item.plain && item.forLevel[level] && (exempt.size === 0 || !exempt.has(item.id)) ? null : conditions.excluded(item.ind);
      evaluations[i] = excluded ? { ind: item.ind, result: excludedResult(item, raw, excluded) } : this.evaluate(item, raw, ctx);
    }
    const { score, detail, sections } = this.model.score(rubric, evaluations);

    const results: IndicatorResult[] = new Array(n);
    let met = 0;
    let unmet = 0;
    let na = 0;
    const unanswered: string[] = [];
    const unansweredNecessary: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = (results[i] = evaluations[i]!.result);
      if (r.status === 'met') met++;
      else if (r.status === 'unmet') unmet++;
      else if (r.status === 'not_applicable') na++;
      else {
        unanswered.push(r.id);
        if (r.necessary_for.length > 0) unansweredNecessary.push(r.id);
      }
    }
    const allNa = n > 0 && na === n;
    const tiers = tierResults(rubric, results, score, allNa, this.necessary);
    let reached: (typeof tiers)[number] | undefined;
    const gaps: Record<string, string[]> = {};
    for (const t of tiers) {
      if (t.reached) reached = t;
      else gaps[t.id] = t.blocking.map((b) => b.id);
    }
    const grade = computeGrade(rubric, results, score);
    const self = selfScores(rubric, sub, results, sections, score, (claims) => claimedScore(rubric, evaluations, claims));
    const warnings: Notice[] = params.warnings.length ? [...params.warnings, ...self.warnings] : self.warnings;

    // Built key by key in the order the assessment has always had, optional keys in their places.
    const out = { rubric: { id: rubric.id, version: rubric.version, hash: rubric.hash }, engine_version: ENGINE_VERSION, unit: sub.unit, period: sub.period } as Assessment;
    if (sub.inspector !== undefined) out.inspector = sub.inspector;
    if (sub.inspected_on !== undefined) out.inspected_on = sub.inspected_on;
    if (sub.facts !== undefined) out.facts = sub.facts;
    out.tier = reached?.id ?? null;
    out.tier_label = reached?.label ?? null;
    out.result = headline(rubric, reached?.label ?? null, grade, allNa);
    out.score = score;
    out.score_detail = detail;
    out.grade = grade;
    out.all_not_applicable = allNa;
    out.counts = { total: n, met, unmet, not_applicable: na, not_assessed: unanswered.length };
    out.results = results;
    if (sections) out.sections = sections;
    if (self.summary) out.self_assessment = self.summary;
    out.tiers = tiers;
    out.gaps = gaps;
    out.completeness = { complete: unanswered.length === 0, unanswered, unanswered_necessary: unansweredNecessary };
    out.parameters = params.uses.slice();
    out.warnings = warnings;
    const exemptions = options?.exemptions?.filter((e) => rubric.byId.has(e.indicator));
    if (exemptions?.length) out.exemptions = exemptions.map((e) => ({ ...e }));
    return out;
  }

  tierLabel(t: string): string {
    return this.tierLabels.get(t) ?? t;
  }

  private evaluate(item: Item, raw: unknown, ctx: EvalContext): Evaluation {
    const ind = item.ind;
    if (raw === undefined) {
      const result = head(ind, undefined);
      result.status = 'not_assessed';
      result.reason_code = 'NOT_ANSWERED';
      result.reason = NOT_ANSWERED;
      result.credit = 0;
      result.tier_status = item.every.not_assessed;
      result.shortfalls = NONE;
      result.missing_items = NONE;
      return { ind, result };
    }
    // The three shapes of an answer (answers.ts), read without making an object for it.
    let value: unknown = raw;
    let note: string | undefined;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const a = raw as Record<string, unknown>;
      if (a.status === 'not_applicable') {
        return { ind, result: notApplicable(item, 'NOT_APPLICABLE', String(a.reason ?? ''), typeof a.note === 'string' ? a.note : undefined) };
      }
      if ('value' in a) {
        value = a.value;
        if (typeof a.note === 'string') note = a.note;
      }
    }
    const outcome: Outcome = item.evaluate(value, ctx);
    if (outcome.notApplicable !== undefined) {
      const result = notApplicable(item, 'NOTHING_TO_ASSESS', `${outcome.notApplicable}（${outcome.reason}）`, note);
      result.value = value as AnswerValue;
      return { ind, result };
    }
    const levels = outcome.levels;
    let metLevels = 0;
    for (let j = 0; j < levels.length; j++) if (levels[j]!.met) metLevels++;
    const status = metLevels === levels.length ? 'met' : 'unmet';
    // Per-tier thresholds earn an equal share each, so 120 m² (standard met, demonstration not) earns half; a
    // rating band earns its own share.
    const credit = outcome.credit ?? (levels.length === 0 ? 1 : metLevels / levels.length);
    let tierStatus: TierStatus;
    let shortfalls: Shortfall[];
    if (levels.length === 1 && levels[0]!.tier === null) {
      // One requirement for the indicator as a whole decides every tier it reports.
      const only = levels[0]!;
      tierStatus = only.met ? item.every.met : item.every.unmet;
      shortfalls = only.shortfall ? [only.shortfall] : NONE;
    } else {
      tierStatus = perTier(levels, item.tiers, this.rank);
      shortfalls = [];
      for (let j = 0; j < levels.length; j++) if (levels[j]!.shortfall) shortfalls.push(levels[j]!.shortfall!);
    }
    // Most results have no veto mark, note or computed value: made as one literal, so they share one shape.
    if (note === undefined && !ind.veto && !outcome.computed) {
      const result: IndicatorResult = {
        id: ind.id,
        title: ind.title,
        section: ind.section as string[],
        necessary_for: ind.necessaryFor as string[],
        requirement: ind.requirement,
        weight: ind.weight,
        status,
        value: value as AnswerValue,
        reason_code: outcome.reasonCode,
        reason: outcome.reason,
        credit,
        tier_status: tierStatus,
        shortfalls,
        missing_items: outcome.missingItems,
      };
      return { ind, result, outcome };
    }
    const result = head(ind, note);
    result.status = status;
    result.value = value as AnswerValue;
    result.reason_code = outcome.reasonCode;
    result.reason = outcome.reason;
    result.credit = credit;
    if (outcome.computed) result.computed = outcome.computed;
    result.tier_status = tierStatus;
    result.shortfalls = shortfalls;
    result.missing_items = outcome.missingItems;
    return { ind, result, outcome };
  }
}

/** What a check sees of the submission while it is evaluated: methods, not closures made per submission. */
class Context implements EvalContext {
  readonly thisPeriod: string;
  private readonly rubric: Rubric;
  constructor(
    private readonly evaluator: Evaluator,
    private readonly period: string,
    private readonly facts: Readonly<Record<string, number>>,
    private readonly values: ReadonlyMap<string, number>,
    private readonly conditions: Conditions,
  ) {
    this.rubric = evaluator.rubric;
    this.thisPeriod = THIS_PERIOD[this.rubric.period];
  }
  resolve(req: Requirement): number {
    return req.value ?? (req.derived ? (req.derived.value * this.facts[req.derived.fact]!) / req.derived.per : this.values.get(req.param!)!);
  }
  tierLabel(t: string): string {
    return this.evaluator.tierLabel(t);
  }
  holds(cond: Condition): boolean | undefined {
    return this.conditions.holds(cond);
  }
  conditionText(cond: Condition): string {
    return conditionText(this.rubric, cond);
  }
  due(basis: FrequencyBasis): number | undefined {
    return dueIn(this.period, basis);
  }
}

function perTier(levels: readonly LevelOutcome[], tiers: readonly string[], rank: ReadonlyMap<string, number>): TierStatus {
  const out: TierStatus = {};
  for (const t of tiers) {
    const level = levelForTier(levels, t, rank);
    if (level) out[t] = level.met ? 'met' : 'unmet';
  }
  return out;
}

/** An indicator 不适用 before its answer is read (another level, the county, a condition); an explicit 不适用 keeps its own reason. */
function excludedResult(item: Item, raw: unknown, why: Exclusion): IndicatorResult {
  let reason = why.reason;
  let note: string | undefined;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const a = raw as Record<string, unknown>;
    // An exemption is always cited, whatever 不适用 reason the answer gave.
    if (a.status === 'not_applicable' && why.code !== 'EXEMPTED') reason = String(a.reason ?? '');
    if ((a.status === 'not_applicable' || 'value' in a) && typeof a.note === 'string') note = a.note;
  }
  return notApplicable(item, why.code, reason, note);
}

function notApplicable(item: Item, code: string, reason: string, note: string | undefined): IndicatorResult {
  const result = head(item.ind, note);
  result.status = 'not_applicable';
  result.reason_code = code;
  result.reason = `不适用：${reason}`;
  result.credit = null;
  result.tier_status = item.every.not_applicable;
  result.shortfalls = NONE;
  result.missing_items = NONE;
  return result;
}

/**
 * A result's static fields, then its note: the rest is added by the caller key by key, in the order results have
 * always had (optional keys in their places), without copying anything. The section and tier lists are the rubric's
 * own frozen arrays, shared by every result.
 */
function head(ind: Indicator, note: string | undefined): IndicatorResult {
  const r = { id: ind.id, title: ind.title, section: ind.section, necessary_for: ind.necessaryFor, requirement: ind.requirement } as unknown as IndicatorResult;
  if (ind.veto) r.veto = true;
  r.weight = ind.weight;
  if (note !== undefined) r.note = note;
  return r;
}

/**
 * Tiered rubrics (stars included): the tier reached. Without tiers: 达标/未达标, or the grade for points
 * rubrics. A points rubric with tiers (stars) shows the star, and passes only where its grade passes too.
 */
export function headline(rubric: Rubric, tierLabel: string | null, grade: GradeResult | null, allNa: boolean): Assessment['result'] {
  if (allNa) return { passed: false, label: '无法评定（全部不适用）' };
  if (!rubric.implicitTier) return { passed: tierLabel !== null && (grade?.pass ?? true), label: tierLabel ?? '未达到任何等级' };
  if (grade) return { passed: grade.pass && tierLabel !== null, label: grade.label };
  return { passed: tierLabel !== null, label: tierLabel ? '达标' : '未达标' };
}
