// Everything wrong with a submission, measured against the schema and then against the rubric.
import { checkKind } from '../checks/index.js';
import { pointer, type Problem } from '../errors.js';
import type { Rubric } from '../rubric/model.js';
import type { Submission } from '../schema/generated/submission.js';
import { validateSchema } from '../schema/validate.js';
import { readAnswer } from './answers.js';

export function submissionProblems(rubric: Rubric, input: unknown): Problem[] {
  const schema = validateSchema('submission', input);
  const problems: Problem[] = schema.ok ? [] : [...schema.problems];
  const reported = (path: string) => problems.some((p) => p.path === path || p.path.startsWith(`${path}/`));
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return problems;
  const sub = input as Partial<Submission>;

  if (typeof sub.rubric === 'string' && sub.rubric !== rubric.id && !reported('/rubric')) {
    problems.push({ code: 'RUBRIC_MISMATCH', path: '/rubric', message: `提交指定的评分标准是“${sub.rubric}”，但正在使用“${rubric.id}”评分` });
  }
  const level = sub.unit?.level;
  if (typeof level === 'string' && !reported('/unit/level') && !rubric.appliesTo.includes(level as never)) {
    problems.push({ code: 'UNIT_LEVEL', path: '/unit/level', message: `评分标准“${rubric.title}”适用于 ${rubric.appliesTo.join('、')}，不适用于 ${level}` });
  }

  const answers = sub.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return problems;
  for (const [id, raw] of Object.entries(answers)) {
    const path = pointer('answers', id);
    if (reported(path)) continue;
    const ind = rubric.byId.get(id);
    if (!ind) {
      problems.push({ code: 'UNKNOWN_INDICATOR', path, indicator: id, message: `评分标准“${rubric.id}”没有编号为“${id}”的指标` });
      continue;
    }
    if (raw === null) {
      problems.push({ code: 'NULL_ANSWER', path, indicator: id, message: `指标 ${id} 的答案为空值；未检查的指标请直接省略` });
      continue;
    }
    const answer = readAnswer(raw);
    if (answer.kind === 'not_applicable') {
      if (!ind.na) problems.push({ code: 'NA_NOT_ALLOWED', path: `${path}/status`, indicator: id, message: `指标 ${id}“${ind.title}”不允许填“不适用”` });
      continue;
    }
    const valuePath = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw ? `${path}/value` : path;
    problems.push(...checkKind(ind.check).validate(ind.check, answer.value, valuePath, id));
  }
  return problems;
}
