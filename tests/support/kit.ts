// What every per-rubric test file needs about its rubric: the rubric, its transcription, its fixtures, and
// submissions for one unit built from the rubric's passing answers with one answer changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../../src/engine/evaluate.js';
import type { Problem } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import type { NormCheck, Rubric } from '../../src/rubric/model.js';
import type { Assessment, IndicatorResult } from '../../src/schema/generated/assessment.js';
import { fixture, passingAnswers, periodOf, problemsOf as problemsIn, rubric } from './rubrics.js';

export interface RubricKit {
  r: Rubric;
  /** The transcription the rubric cites. */
  md: string;
  /** A fixture of this rubric, by name. */
  load(name: string): any;
  /** A submission for the kit's unit in 2026-11 (or the quarter or half year holding it); `extra` may replace any field, the unit included. */
  sub(answers: Record<string, unknown>, extra?: Record<string, unknown>): Record<string, unknown>;
  /** Every indicator passing, except those given. */
  full(over?: Record<string, unknown>): Assessment;
  resultOf(id: string, value: unknown): IndicatorResult;
  statusOf(id: string, value: unknown): IndicatorResult['status'];
  problemsOf(answers: Record<string, unknown>, extra?: Record<string, unknown>): Problem[];
  check(id: string): NormCheck;
  /** One part of a composite check. */
  part(id: string, partId: string): NormCheck;
  /** The labels a list check accepts: every checklist item, or the accepted choices. */
  labels(c: NormCheck): string[];
}

export async function rubricKit(id: string, unit: { code: string; name: string; level: string }): Promise<RubricKit> {
  const r = await rubric(id);
  const sub = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ rubric: id, unit, period: periodOf(r), answers, ...extra });
  const full = (over: Record<string, unknown> = {}) => assess(r, sub({ ...passingAnswers(r), ...over }));
  const resultOf = (ind: string, value: unknown) => full({ [ind]: value }).results.find((x) => x.id === ind)!;
  const check = (ind: string) => r.byId.get(ind)!.check;
  return {
    r,
    md: readFileSync(join(PACKAGE_ROOT, r.definition.source.file), 'utf8'),
    load: (name) => JSON.parse(readFileSync(fixture(id, `${name}.json`), 'utf8')),
    sub,
    full,
    resultOf,
    statusOf: (ind, value) => resultOf(ind, value).status,
    problemsOf: (answers, extra) => problemsIn(r, sub(answers, extra)),
    check,
    part(ind, partId) {
      const c = check(ind);
      if (c.kind !== 'composite') throw new Error(`${ind} is ${c.kind}`);
      return c.parts.find((p) => p.id === partId)!.check;
    },
    labels(c) {
      if (c.kind === 'checklist') return c.items.map((i) => i.label);
      if (c.kind === 'choice') return c.options.filter((o) => c.accept.includes(o.id)).map((o) => o.label);
      throw new Error(`not a list: ${c.kind}`);
    },
  };
}
