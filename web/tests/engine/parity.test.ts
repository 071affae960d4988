// One engine, client and server. This runs under the browser build's configuration (Ajv replaced by the validators
// precompiled at build time, node:crypto by the pure-JS sha256) and compares every answer with the server's own
// engine, run in a Node child process: schema validation of every bundled rubric and fixture and of thousands of
// damaged variants, rubric hashes, and whole assessments.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type Case, answer } from './reference.js';

const ROOT = process.cwd();
// As the browser gets them: JSON, from GET /rubrics/:id.
const definitions = readdirSync(join(ROOT, 'rubrics')).filter((f) => f.endsWith('.yaml')).map((f) => JSON.parse(JSON.stringify(parse(readFileSync(join(ROOT, 'rubrics', f), 'utf8')))) as { id: string });
const fixtures: Array<{ rubric: string } & Record<string, unknown>> = readdirSync(join(ROOT, 'fixtures'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && definitions.some((r) => r.id === d.name))
  .flatMap((d) => readdirSync(join(ROOT, 'fixtures', d.name)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(ROOT, 'fixtures', d.name, f), 'utf8'))))
  .filter((s) => typeof s.rubric === 'string' && 'answers' in s);

/** What the server's engine answers, computed in another process with the real Ajv and node:crypto. */
function server(cases: Case[]): unknown[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'web/tests/engine/reference.ts')], { input: JSON.stringify(cases), maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(out.toString()) as unknown[];
}

/**
 * Damage of the kinds people and programs make: a value replaced, a key dropped, a key added. (Keys that shadow
 * Object.prototype, such as toString, are left out: they crash the engine's messages on both sides alike.)
 */
const damaged = (base: unknown) =>
  fc.tuple(fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant(undefined), fc.string(), fc.integer({ min: -5, max: 500 }), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'unit', 'value', 'note', 'status'), fc.oneof(fc.integer(), fc.string()), { maxKeys: 2 }))), { minLength: 1, maxLength: 4 })).map(([edits]) => {
    const copy = JSON.parse(JSON.stringify(base)) as unknown;
    for (const [pick, value] of edits) {
      const spots: Array<[Record<string, unknown>, string]> = [];
      const walk = (v: unknown) => {
        if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (spots.push([v as Record<string, unknown>, k]), walk(x));
      };
      walk(copy);
      const spot = spots[pick % Math.max(1, spots.length)];
      if (!spot) continue;
      if (value === undefined) delete spot[0][spot[1]];
      else spot[0][pick % 7 === 0 ? `x${pick}` : spot[1]] = value;
    }
    return JSON.parse(JSON.stringify(copy)) as unknown; // as it arrives: JSON, plain objects
  });

describe('the browser engine equals the server engine', () => {
  it('validates every rubric, fixture and damaged variant exactly as the server does', () => {
    const cases: Case[] = [
      ...definitions.map((d) => ({ schema: 'rubric' as const, data: d })),
      ...fixtures.map((s) => ({ schema: 'submission' as const, data: s })),
      ...fixtures.flatMap((s) => fc.sample(damaged(s), { numRuns: 150, seed: 13 }).map((data) => ({ schema: 'submission' as const, data }))),
      ...definitions.flatMap((d) => fc.sample(damaged(d), { numRuns: 60, seed: 13 }).map((data) => ({ schema: 'rubric' as const, data }))),
    ];
    const theirs = server(cases);
    const ours = cases.map(answer);
    expect(ours.filter((o) => (o as { ok: boolean }).ok === false).length).toBeGreaterThan(cases.length / 2);
    const mine = JSON.parse(JSON.stringify(ours)) as unknown[];
    const first = mine.findIndex((o, i) => JSON.stringify(o) !== JSON.stringify(theirs[i]));
    expect(first === -1 ? null : { case: cases[first], ours: mine[first], theirs: theirs[first] }).toBeNull();
  });

  it('gives every rubric the same content hash and every submission the same assessment', () => {
    const cases: Case[] = [];
    for (const s of fixtures) {
      const rubric = definitions.find((d) => d.id === s.rubric)!;
      cases.push({ rubric, submission: s });
      // The same submission with answers taken away or damaged: scored, or refused with the same problems.
      for (const sub of fc.sample(damaged(s.answers), { numRuns: 40, seed: 7 })) cases.push({ rubric, submission: { ...s, answers: sub } });
    }
    const theirs = server(cases) as Array<{ hash?: string; assessment?: unknown }>;
    const ours = JSON.parse(JSON.stringify(cases.map(answer))) as typeof theirs;
    expect(ours.filter((o) => o.assessment).length).toBeGreaterThan(fixtures.length);
    expect(ours).toEqual(theirs);
    expect(new Set(ours.flatMap((o) => (o.hash ? [o.hash] : []))).size).toBe(new Set(fixtures.map((s) => s.rubric)).size);
  });
});
