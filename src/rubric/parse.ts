// text -> parsed document -> schema-valid definition -> consistent -> normalised Rubric.
// Every stage reports all of its problems, located by file, line and JSON pointer.
import { AuditError, type Problem } from '../errors.js';
import { validateSchema } from '../schema/validate.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import { parseText } from '../source/document.js';
import { checkConsistency } from './consistency.js';
import type { Rubric } from './model.js';
import { normalise } from './normalise.js';

export function parseRubric(text: string, file?: string): Rubric {
  return normalise(parseDefinition(text, file));
}

export function parseDefinition(text: string, file?: string): RubricDefinition {
  const { doc, problems } = parseText(text, file);
  if (!doc) throw invalid(problems, file);
  const checked = definitionProblems(doc.data);
  if (checked.problems.length > 0) throw invalid(doc.locate(checked.problems), file);
  return checked.def!;
}

/** Schema first; the consistency rules assume a schema-valid definition. */
export function definitionProblems(data: unknown): { def?: RubricDefinition; problems: Problem[] } {
  const valid = validateSchema('rubric', data);
  if (!valid.ok) return { problems: valid.problems };
  const problems = checkConsistency(valid.value);
  return problems.length > 0 ? { problems } : { def: valid.value, problems: [] };
}

export function rubricFromDefinition(data: unknown): Rubric {
  const checked = definitionProblems(data);
  if (checked.problems.length > 0) throw invalid(checked.problems);
  return normalise(checked.def!);
}

const invalid = (problems: Problem[], file?: string) =>
  new AuditError('RUBRIC_INVALID', `评分标准${file ? ` ${file} ` : ''}无效：共 ${problems.length} 处问题`, problems);
