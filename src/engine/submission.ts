// Everything wrong with a submission, measured against the schema and then against the rubric.
import { checkKind } from '../checks/index.js';
import { describeValue, pointer, pointerSegment, type Problem } from '../errors.js';
import type { Rubric } from '../rubric/model.js';
import type { Submission } from '../schema/generated/submission.js';
import { validateSchema } from '../schema/validate.js';
import { LEVEL_ZH } from '../levels.js';
import { PERIOD_FORMAT, PERIOD_KIND_ZH, periodKindOf } from '../calendar/period.js';
import { STATUTORY, yearsOf } from '../calendar/workdays.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import { answerFor, readAnswer } from './answers.js';
import { bound } from './bounds.js';
import { Conditions, conditionText } from './conditions.js';
import { resolveParameters } from './parameters.js';
import { type AssessOptions, exemptIndicators } from './exemptions.js';
import { isNone, screen, screening } from './screen.js';

/** Everything wrong with a submission; [] when it can be scored. A valid one is settled in one pass (screen.ts). */
export function submissionProblems(rubric: Rubric, raw: unknown, options?: AssessOptions): Problem[] {
  return screening(rubric) && screen(rubric, raw, options) ? [] : findProblems(rubric, raw, options);
}

/** Every problem, each phrased and located: the schemas' and each check kind's own messages. */
export function findProblems(rubric: Rubric, raw: unknown, options?: AssessOptions): Problem[] {
  // Answers beyond the rubric's indicators (and anything too large) are refused first; the rest is checked as before.
  const { problems: refused, rest: input } = bound(rubric, raw);
  if (input === undefined) return refused;
  const schema = validateSchema('submission', input);
  const problems: Problem[] = [...refused, ...(schema.ok ? [] : schema.problems)];
  const reported = reportedPaths(problems);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return problems;
  const sub = input as Partial<Submission>;

  if (typeof sub.rubric === 'string' && sub.rubric !== rubric.id && !reported('/rubric')) {
    problems.push({ code: 'RUBRIC_MISMATCH', path: '/rubric', message: `提交指定的评分标准是“${sub.rubric}”，但正在使用“${rubric.id}”评分` });
  }
  const level = sub.unit?.level;
  if (typeof level === 'string' && !reported('/unit/level') && !rubric.appliesTo.includes(level as never)) {
    problems.push({ code: 'UNIT_LEVEL', path: '/unit/level', message: `评分标准“${rubric.title}”适用于 ${rubric.appliesTo.join('、')}，不适用于 ${level}` });
  }

  // The period must be of the rubric's kind, and the rubric must define its year-dependent values for its year;
  // an importer needs to hear this too.
  const period = typeof sub.period === 'string' && !reported('/period') ? sub.period : undefined;
  const kind = period !== undefined ? periodKindOf(period) : null;
  if (period !== undefined && kind !== rubric.period) {
    problems.push({ code: 'PERIOD_KIND', path: '/period', message: `评分标准“${rubric.title}”按${PERIOD_KIND_ZH[rubric.period]}考核，考核期间应写作 ${PERIOD_FORMAT[rubric.period]}（实际为“${period}”）` });
  } else if (period !== undefined) problems.push(...resolveParameters(rubric, period).problems);

  const answers = sub.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return problems;
  // 不适用 without a reason: the schema can only say the answer has no recognisable form; say what is missing
  // instead (one pass over the problems, whatever their number).
  const missingReasons = rubric.indicators.flatMap((ind) =>
    Object.hasOwn(answers, ind.id) ? (naReasonProblem(rubric, ind.id, (answers as Record<string, unknown>)[ind.id], `/answers/${pointerSegment(ind.id)}`) ?? []) : [],
  );
  const reasonless = new Set(missingReasons.map((p) => p.path.slice(0, -'/reason'.length)));
  if (missingReasons.length > 0) {
    const kept = problems.filter((p) => !reasonless.has(p.path));
    problems.length = 0;
    problems.push(...kept, ...missingReasons);
  }
  problems.push(...factProblems(rubric, sub, reported));
  problems.push(...scoreProblems(rubric, sub, reported));
  const validLevel = typeof level === 'string' && rubric.appliesTo.includes(level as never);
  const conditions = validLevel ? new Conditions(rubric, answers, level as UnitLevel, exemptIndicators(rubric.byId, options)) : undefined;
  const calendarNeeded: string[] = [];
  for (const ind of rubric.indicators) {
    const id = ind.id;
    if (!Object.hasOwn(answers, id)) continue;
    const raw = (answers as Record<string, unknown>)[id];
    const path = `/answers/${pointerSegment(id)}`;
    // A 不适用 without its reason is still checked for whether 不适用 is allowed at all.
    if (reported(path) && !reasonless.has(path)) continue;
    const answer = readAnswer(raw);
    const otherLevel = typeof level === 'string' && !ind.levels.includes(level as never);
    const excluded = conditions?.excluded(ind);
    const required = ind.when && conditions?.holds(ind.when) === true;
    if (answer.kind === 'not_applicable') {
      if (required) {
        problems.push({ code: 'NA_NOT_ALLOWED', path: `${path}/status`, indicator: id, message: `指标 ${id}“${ind.title}”在${conditionText(rubric, ind.when!)}时必须检查，不能填“不适用”` });
      } else if (!ind.na && !otherLevel && !excluded) {
        problems.push({ code: 'NA_NOT_ALLOWED', path: `${path}/status`, indicator: id, message: `指标 ${id}“${ind.title}”不允许填“不适用”` });
      }
      continue;
    }
    if (otherLevel) {
      problems.push({ code: 'NOT_FOR_LEVEL', path, indicator: id, message: `指标 ${id}“${ind.title}”只适用于${ind.levels.map((l) => LEVEL_ZH[l]).join('、')}，不适用于本单位（${LEVEL_ZH[level as keyof typeof LEVEL_ZH] ?? level}），请不要作答` });
      continue;
    }
    if (excluded) {
      const why = excluded.code === 'COUNTY_NOT_APPLICABLE' ? `本评分标准规定此项不适用（${excluded.reason}）` : excluded.code === 'EXEMPTED' ? `本单位此项${excluded.reason}` : `此项在${excluded.reason}`;
      problems.push({ code: 'NOT_APPLICABLE_HERE', path, indicator: id, message: `指标 ${id}“${ind.title}”不适用：${why}。请不要作答，或改正所依据的答案` });
      continue;
    }
    const valuePath = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw ? `${path}/value` : path;
    const checker = checkKind(ind.check);
    const kindProblems = checker.validate(ind.check, answer.value, valuePath, id, ind.na !== null);
    // What only the period shows (more weeks than the month has), once the answer is of its kind and the period is the rubric's.
    if (kindProblems.length === 0 && checker.inPeriod && period !== undefined && kind === rubric.period) kindProblems.push(...checker.inPeriod(ind.check, answer.value, period, valuePath, id));
    problems.push(...kindProblems);
    if (kindProblems.length === 0 && ind.deduct?.judged && answer.note === undefined && !isNone(answer.value)) {
      problems.push({ code: 'REASON_MISSING', path, indicator: id, message: `指标 ${id}“${ind.title}”酌情扣分须写明理由：请用 {"value": …, "note": "理由"} 作答` });
    }
    if (checker.calendar?.(ind.check)) calendarNeeded.push(id);
  }
  if (period !== undefined && kind === rubric.period && calendarNeeded.length > 0) {
    const missing = yearsOf(period).filter((y) => !STATUTORY.knows(y));
    if (missing.length > 0) {
      problems.push({
        code: 'CALENDAR_MISSING',
        path: '/period',
        message: `没有 ${missing.join('、')} 年的法定节假日安排，无法计算指标 ${calendarNeeded.join('、')} 本期应有的次数（已有 ${STATUTORY.knownYears().join('、')} 年）：请等国务院办公厅公布当年安排、软件更新后再评分`,
      });
    }
  }
  return problems;
}


/** 自评分 and 考核分: only in points rubrics, only for items with points (or bonus) and sections with their own, within their range. */
function scoreProblems(rubric: Rubric, sub: Partial<Submission>, reported: (path: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const budgets = new Map<string, number>();
  const walk = (nodes: Rubric['sections']): void => nodes.forEach((n) => (n.id !== undefined && n.budget !== undefined && budgets.set(n.id, n.budget), walk(n.sections)));
  walk(rubric.sections);
  for (const [field, what] of [['self_scores', '自评分'], ['inspector_scores', '考核分']] as const) {
    const given = sub[field];
    if (!given || typeof given !== 'object' || reported(`/${field}`)) continue;
    for (const [id, v] of Object.entries(given)) {
      const path = pointer(field, id);
      if (reported(path)) continue;
      if (rubric.scoring.method !== 'points') {
        problems.push({ code: 'POINTS', path, message: `评分标准“${rubric.id}”不计分，不能填写${what}` });
        continue;
      }
      const ind = rubric.byId.get(id);
      const top = ind ? (ind.bonus ? ind.bonus.cap : ind.points) : budgets.get(id);
      if (top === undefined) {
        problems.push({ code: 'UNKNOWN_INDICATOR', path, message: `“${id}”不是有分值的项目或部分，不能填写${what}` });
      } else if (v < 0 || v > top) {
        problems.push({ code: 'OUT_OF_RANGE', path, ...(ind ? { indicator: id } : {}), message: `${id} 的${what} ${v} 超出范围：应在 0–${top} 分之间` });
      }
    }
  }
  return problems;
}

const NA_KEYS = new Set(['status', 'reason', 'note']);

/**
 * 不适用 without a reason (absent, empty, blank or not text). Only when that is all that is wrong with the answer's
 * shape, so any other fault still gets the schema's own message.
 */
function naReasonProblem(rubric: Rubric, id: string, raw: unknown, path: string): Problem | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const a = raw as Record<string, unknown>;
  if (a.status !== 'not_applicable' || (typeof a.reason === 'string' && a.reason.trim() !== '')) return null;
  if (Object.keys(a).some((k) => !NA_KEYS.has(k)) || (a.note !== undefined && typeof a.note !== 'string')) return null;
  const title = rubric.byId.get(id)?.title;
  const found = a.reason === undefined ? '没有填写原因' : typeof a.reason === 'string' ? '原因为空' : `原因应为文字，实际为${describeValue(a.reason)}`;
  return {
    code: 'NA_REASON_MISSING',
    path: `${path}/reason`,
    indicator: id,
    message: `指标 ${id}${title ? `“${title}”` : ''}填了“不适用”，但${found}：不适用必须在 reason 中写明原因`,
  };
}

/** Whether the schema already complained at a path or below it: a set of every reported path and its ancestors. */
function reportedPaths(problems: readonly Problem[]): (path: string) => boolean {
  const flagged = new Set<string>();
  for (const p of problems) {
    for (let at = p.path; !flagged.has(at); at = at.slice(0, at.lastIndexOf('/'))) {
      flagged.add(at);
      if (at === '') break;
    }
  }
  return (path) => flagged.has(path);
}

/** Facts the submission gives must be declared and in range; facts an answered indicator's threshold needs must be given. */
function factProblems(rubric: Rubric, sub: Partial<Submission>, reported: (path: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const given = sub.facts && typeof sub.facts === 'object' ? sub.facts : {};
  for (const [name, value] of Object.entries(given)) {
    const path = pointer('facts', name);
    const fact = rubric.facts[name];
    if (reported(path)) continue;
    if (!fact) {
      const known = Object.keys(rubric.facts);
      problems.push({ code: 'UNKNOWN_FACT', path, message: `评分标准没有事实“${name}”${known.length ? `（可用：${known.join('、')}）` : ''}` });
    } else if (fact.minimum !== undefined && value < fact.minimum) {
      problems.push({ code: 'OUT_OF_RANGE', path, message: `“${fact.label}”不能小于 ${fact.minimum} ${fact.unit}，实际为 ${value}` });
    } else if (fact.integer && !Number.isInteger(value)) {
      problems.push({ code: 'NOT_INTEGER', path, message: `“${fact.label}”须为整数，实际为 ${value}` });
    }
  }
  const needed = new Map<string, string[]>();
  for (const ind of rubric.indicators) {
    const raw = answerFor(sub.answers, ind.id);
    if (raw === undefined || readAnswer(raw).kind === 'not_applicable') continue;
    for (const fact of checkKind(ind.check).facts?.(ind.check) ?? []) needed.set(fact, [...(needed.get(fact) ?? []), ind.id]);
  }
  for (const [name, ids] of needed) {
    if (name in given) continue;
    const fact = rubric.facts[name]!;
    problems.push({
      code: 'FACT_MISSING',
      path: pointer('facts', name),
      message: `缺少“${fact.label}”（facts.${name}，单位：${fact.unit}）：指标 ${ids.join('、')} 的要求按它计算`,
    });
  }
  return problems;
}
