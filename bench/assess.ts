// assess() against a bare baseline in the same run: a plain loop of one hand-written predicate per indicator over
// the same answers (unwrap the answer, compare, count). Ours validates the submission, evaluates every indicator
// with full per-indicator results (reasons, shortfalls, tier statuses), scores, grades and reports tiers.
// Reported as ratios (baseline time / our time; 1× would be as fast as the bare loop); never a timed test.
// Usage: npm run bench:assess [-- --rounds 15]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormCheck } from '../src/checks/index.js';
import type { Rubric } from '../src/rubric/model.js';
import { fromDist } from './dist.js';

// Ours as shipped (dist.ts); the bare loop's comparison is the engine's own.
const { compare } = await fromDist<typeof import('../src/checks/threshold.js')>('checks/threshold.js');
const { assess } = await fromDist<typeof import('../src/engine/evaluate.js')>('engine/evaluate.js');
const { submissionProblems } = await fromDist<typeof import('../src/engine/submission.js')>('engine/submission.js');
const { PACKAGE_ROOT, resolveRubric } = await fromDist<typeof import('../src/rubric/load.js')>('rubric/load.js');

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15;
const RUBRICS = ['township-center-2022', 'county-monthly-assessment'];

/** The predicate one would write by hand for a check: the answer compared with the requirement, nothing more. */
function bare(check: NormCheck): (v: unknown) => boolean {
  switch (check.kind) {
    case 'boolean':
      return (v) => v === check.expect;
    case 'number': {
      const req = check.requirements.at(-1)!;
      const value = req.value ?? 0;
      return (v) => compare(v as number, req.op, value);
    }
    case 'checklist': {
      const need = check.atLeast;
      return (v) => (Array.isArray(v) ? v.length : Object.values(v as object).filter((x) => x === true).length) >= need;
    }
    case 'count':
      return (v) => (v as number) <= check.max;
    case 'frequency':
      return (v) => (v as number) >= check.times;
    default:
      return (v) => v !== undefined;
  }
}

/** The bare loop: unwrap each answer ({value, note}, 不适用), apply its predicate, count what is met. */
function baseline(rubric: Rubric) {
  const ids = rubric.indicators.map((i) => i.id);
  const preds = rubric.indicators.map((i) => bare(i.check));
  return (answers: Record<string, unknown>): number => {
    let met = 0;
    for (let i = 0; i < ids.length; i++) {
      let v = answers[ids[i]!];
      if (v === undefined) continue;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const a = v as Record<string, unknown>;
        if (a.status === 'not_applicable') continue;
        if ('value' in a) v = a.value;
      }
      if (preds[i]!(v)) met++;
    }
    return met;
  };
}

/** Microseconds per call of f over the submissions, `n` passes. */
function time(n: number, subs: readonly unknown[], f: (s: unknown) => unknown): number {
  let sink = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) for (const s of subs) sink += f(s) ? 1 : 0;
  const us = Number(process.hrtime.bigint() - t) / 1000 / n / subs.length;
  if (sink < 0) console.log(sink);
  return us;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
for (const id of RUBRICS) {
  const rubric = await resolveRubric(id);
  const dir = join(PACKAGE_ROOT, 'fixtures', id);
  const subs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { answers: Record<string, unknown> });
  const plain = baseline(rubric);
  const ours = (s: unknown) => assess(rubric, s).results.length;
  const bareLoop = (s: unknown) => plain((s as { answers: Record<string, unknown> }).answers);
  const validation = (s: unknown) => submissionProblems(rubric, s).length === 0;
  // Warm up (compiles the rubric, lets the JIT settle), then interleaved rounds so load drift hits all alike.
  // The JIT takes long to settle on a busy machine: a few thousand passes each.
  for (let w = 0; w < 3; w++) {
    time(2000, subs, ours);
    time(100000, subs, bareLoop);
    time(2000, subs, validation);
  }
  const t = { ours: [] as number[], bare: [] as number[], validation: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    t.bare.push(time(20000, subs, bareLoop));
    t.ours.push(time(500, subs, ours));
    t.validation.push(time(500, subs, validation));
  }
  const [o, b, v] = [median(t.ours), median(t.bare), median(t.validation)];
  rows.push(`| ${id} | ${rubric.indicators.length} | ${subs.length} | ${o.toFixed(1)} µs | ${v.toFixed(1)} µs | ${b.toFixed(2)} µs | ${(b / o).toFixed(3)}× |`);
}
console.log(`assess() against a plain loop of one predicate per indicator (median of ${rounds} rounds, per submission)\n`);
console.log('| rubric | indicators | fixtures | assess() | of which validation | bare loop | ratio (bare/ours) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
