// What a submission may hold at most, checked before any other work: a 2 MiB body can carry hundreds of thousands
// of keys or array items, and validating each one (however linearly) would hold the event loop for seconds. These
// walks stop at the bound, so their cost is bounded whatever arrives.
import { pointerSegment, type Problem } from '../errors.js';
import type { Rubric } from '../rubric/model.js';

/**
 * Values (every object, array and scalar counted once) one answer may hold. The largest answer any bundled rubric
 * asks for is a composite of five parts, about 25 values; this leaves ten times that.
 */
export const MAX_ANSWER_VALUES = 256;
/** Values the rest of a submission (unit, period, inspector, facts, …) may hold, besides two per indicator (a self-score and a hand-written score each). */
export const MAX_ENVELOPE_VALUES = 256;

/** Counts values until past `limit`, without recursion (so nesting depth is no risk) and without listing a big object's keys. */
function valuesUpTo(root: unknown, limit: number): number {
  let n = 1;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      if ((n += v.length) > limit) return n;
      for (const x of v) stack.push(x);
    } else {
      for (const k in v) {
        if (++n > limit) return n;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return n;
}

/** The envelope (everything but the answers) holding more values than any submission needs: the problem, or undefined. */
export function stuffedEnvelope(rubric: Rubric, record: Readonly<Record<string, unknown>>): Problem | undefined {
  let envelope = 0;
  const limit = MAX_ENVELOPE_VALUES + 2 * rubric.indicators.length;
  for (const k in record) {
    if (k !== 'answers') envelope += valuesUpTo(record[k], limit);
    if (envelope > limit) return { code: 'TOO_COMPLEX', path: '', message: `提交中答案以外的内容过于庞大（超过 ${limit} 个值）` };
  }
  return undefined;
}

/** Whether one answer holds more values than any check needs. */
export const oversized = (answer: unknown): boolean => valuesUpTo(answer, MAX_ANSWER_VALUES) > MAX_ANSWER_VALUES;

export interface Bounded {
  /** The answers beyond the rubric's indicators and anything too large, each refused where it is. */
  problems: Problem[];
  /** The input without those answers, for the checks that follow; undefined when nothing more should be checked. */
  rest: unknown;
}

/**
 * Refuses at once what no rubric check needs to look at: answers to keys that are none of the rubric's indicators,
 * answers too large for any indicator, and an envelope stuffed with values. The other answers go on to be checked, so
 * every problem is still reported, and at most one answer per indicator ever reaches the schema and the checks.
 */
export function bound(rubric: Rubric, input: unknown): Bounded {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { problems: [], rest: input };
  const record = input as Record<string, unknown>;
  const stuffed = stuffedEnvelope(rubric, record);
  if (stuffed) return { problems: [stuffed], rest: undefined };
  const answers = record.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return { problems: [], rest: input };
  const problems: Problem[] = [];
  const kept: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(answers)) {
    const path = `/answers/${pointerSegment(id)}`;
    if (!rubric.byId.has(id)) problems.push({ code: 'UNKNOWN_INDICATOR', path, indicator: id, message: `评分标准“${rubric.id}”没有编号为“${id}”的指标` });
    else if (oversized(value)) {
      problems.push({ code: 'TOO_COMPLEX', path, indicator: id, message: `指标 ${id} 的答案过于庞大（超过 ${MAX_ANSWER_VALUES} 个值），任何指标都不需要这么多内容` });
    } else kept[id] = value;
  }
  return { problems, rest: problems.length ? { ...record, answers: kept } : input };
}
