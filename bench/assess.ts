// assess() against a bare baseline in the same run: a plain loop of one hand-written predicate per indicator over
// the same answers (unwrap the answer, compare, count). Ours validates the submission, evaluates every indicator
// with full per-indicator results (reasons, shortfalls, tier statuses), scores, grades and reports tiers.
// Reported as ratios (baseline time / our time; 1× would be as fast as the bare loop); never a timed test.
// Beside them, the floor of any evaluator giving full per-indicator results: the bare loop that also builds each
// indicator's result object, copied from values judged beforehand (nothing judged, no text made, nothing validated).
// What that costs over the loop is the least the results themselves cost.
// Each rubric is measured in a process of its own: code measured on two rubrics in one process meets both rubrics'
// shapes, and one rubric's figures would depend on which was measured first.
// Usage: npm run bench:assess [-- --rounds 15]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormCheck } from '../src/checks/index.js';
import type { Rubric } from '../src/rubric/model.js';
import type { IndicatorResult } from '../src/schema/generated/assessment.js';
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

/** The floor: the bare loop, plus every indicator's result object built from its fields as the engine gave them. */
function floor(plain: (answers: Record<string, unknown>) => number, results: readonly IndicatorResult[]) {
  return (answers: Record<string, unknown>): number => {
    const n = results.length;
    const out: IndicatorResult[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = results[i]!;
      const r: IndicatorResult = {
        id: x.id,
        title: x.title,
        section: x.section,
        necessary_for: x.necessary_for,
        requirement: x.requirement,
        weight: x.weight,
        status: x.status,
        value: x.value,
        reason_code: x.reason_code,
        reason: x.reason,
        credit: x.credit,
        tier_status: x.tier_status,
        shortfalls: x.shortfalls,
        missing_items: x.missing_items,
      };
      if (x.veto) r.veto = true;
      if (x.note !== undefined) r.note = x.note;
      if (x.computed) r.computed = x.computed;
      out[i] = r;
    }
    return plain(answers) + out.length;
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
// Given --rubric, this process measures that rubric and prints its row; without, it runs one such process per rubric.
const only = process.argv.includes('--rubric') ? process.argv[process.argv.indexOf('--rubric') + 1] : undefined;
const rows: string[] = [];
if (only === undefined) {
  const self = process.argv[1]!;
  for (const id of RUBRICS) {
    rows.push(execFileSync(process.execPath, [...process.execArgv, self, '--rubric', id, '--rounds', String(rounds)], { encoding: 'utf8' }).trim());
  }
}
for (const id of RUBRICS.filter((r) => r === only)) {
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
  // Each submission with the floor built from its own results, read as the bare loop reads a submission (no lookup
  // the others do not pay), so the floor builds exactly what ours returns for it.
  const floorSubs = subs.map((s) => ({ answers: s.answers, build: floor(plain, assess(rubric, s).results) }));
  const floorLoop = (s: unknown) => (s as (typeof floorSubs)[number]).build((s as (typeof floorSubs)[number]).answers);
  // Warm up (compiles the rubric, lets the JIT settle), then interleaved rounds so load drift hits all alike.
  // The JIT takes long to settle on a busy machine: a few thousand passes each.
  for (let w = 0; w < 3; w++) {
    time(2000, subs, ours);
    time(100000, subs, bareLoop);
    time(2000, subs, validation);
    time(20000, floorSubs, floorLoop);
  }
  const t = { ours: [] as number[], bare: [] as number[], validation: [] as number[], floor: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    t.bare.push(time(20000, subs, bareLoop));
    t.ours.push(time(500, subs, ours));
    t.validation.push(time(500, subs, validation));
    t.floor.push(time(20000, floorSubs, floorLoop));
  }
  const [o, b, v, f] = [median(t.ours), median(t.bare), median(t.validation), median(t.floor)];
  rows.push(`| ${id} | ${rubric.indicators.length} | ${subs.length} | ${o.toFixed(1)} µs | ${v.toFixed(1)} µs | ${b.toFixed(2)} µs | ${(b / o).toFixed(3)}× | ${f.toFixed(2)} µs | ${(b / f).toFixed(2)}× | ${(b / (f + v)).toFixed(3)}× |`);
}
if (only !== undefined) {
  console.log(rows.join('\n'));
  process.exit(0);
}
console.log(`assess() against a plain loop of one predicate per indicator (median of ${rounds} rounds, per submission)\n`);
console.log('| rubric | indicators | fixtures | assess() | of which validation | bare loop | ratio (bare/ours) | floor: loop + result objects | its ratio | floor + validation, ratio |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
