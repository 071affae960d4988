// Everything wrong with a submission, measured against the schema and then against the rubric.
import { checkKind } from '../checks/index.js';
import { pointer, pointerSegment, type Problem } from '../errors.js';
import type { NormCheck, Rubric } from '../rubric/model.js';
import type { Submission } from '../schema/generated/submission.js';
import { validateSchema } from '../schema/validate.js';
import { LEVEL_ZH } from '../levels.js';
import { readAnswer } from './answers.js';
import { bound } from './bounds.js';
import { resolveParameters } from './parameters.js';

export function submissionProblems(rubric: Rubric, raw: unknown): Problem[] {
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

  // The rubric must define its year-dependent values for the period's year; an importer needs to hear this too.
  if (typeof sub.period === 'string' && !reported('/period')) problems.push(...resolveParameters(rubric, sub.period).problems);

  const answers = sub.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return problems;
  problems.push(...factProblems(rubric, sub, reported));
  for (const [id, raw] of Object.entries(answers)) {
    const path = `/answers/${pointerSegment(id)}`;
    if (reported(path)) continue;
    const ind = rubric.byId.get(id);
    if (!ind) {
      problems.push({ code: 'UNKNOWN_INDICATOR', path, indicator: id, message: `评分标准“${rubric.id}”没有编号为“${id}”的指标` });
      continue;
    }
    const answer = readAnswer(raw);
    const otherLevel = typeof level === 'string' && !ind.levels.includes(level as never);
    if (answer.kind === 'not_applicable') {
      if (!ind.na && !otherLevel) problems.push({ code: 'NA_NOT_ALLOWED', path: `${path}/status`, indicator: id, message: `指标 ${id}“${ind.title}”不允许填“不适用”` });
      continue;
    }
    if (otherLevel) {
      problems.push({ code: 'NOT_FOR_LEVEL', path, indicator: id, message: `指标 ${id}“${ind.title}”只适用于${ind.levels.map((l) => LEVEL_ZH[l]).join('、')}，不适用于本单位（${LEVEL_ZH[level as keyof typeof LEVEL_ZH] ?? level}），请不要作答` });
      continue;
    }
    const valuePath = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw ? `${path}/value` : path;
    problems.push(...checkKind(ind.check).validate(ind.check, answer.value, valuePath, id));
  }
  return problems;
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
    const raw = sub.answers?.[ind.id];
    if (raw === undefined || readAnswer(raw).kind === 'not_applicable') continue;
    for (const fact of derivedFacts(ind.check)) needed.set(fact, [...(needed.get(fact) ?? []), ind.id]);
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

function derivedFacts(check: NormCheck): string[] {
  if (check.kind === 'number') return check.requirements.flatMap((r) => (r.derived ? [r.derived.fact] : []));
  if (check.kind === 'composite') return check.parts.flatMap((p) => derivedFacts(p.check));
  return [];
}
