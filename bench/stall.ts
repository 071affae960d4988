// How long one request can hold the server's event loop: the worst inputs found (issue 12), each sent over loopback
// to the server (bench/stall-server.ts, a process of its own, with a county-sized SQLite store) while a probe asks
// /health every 10 ms. For each: the server's longest event-loop lag, measured inside it, and the slowest /health
// answer, next to the same figures for the idle server in the same run (the bare baseline: GC and timer noise on a
// shared machine). Target: no request holds the loop for more than 100 ms. Never run as a test.
// Usage: npm run bench:stall [-- --records 3600 --units 2000 --rows 300] (rows: one per township, at most records / 12)
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBulkTemplate } from '../src/excel/template.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../src/rubric/load.js';
import type { Submission } from '../src/schema/generated/submission.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const RECORDS = arg('records', 3600);
const UNIT_LIST = arg('units', 2000);
const BULK_ROWS = arg('rows', 300);
const TOKEN = 'stall-bench-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const r = rubricMap(await listRubrics()).get('township-center-2022')!;
const standard = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/township-center-2022/standard.json'), 'utf8')) as Submission;

const child = fork(join(PACKAGE_ROOT, 'bench/stall-server.ts'), [String(RECORDS), TOKEN], { execArgv: ['--import', 'tsx'] });
const ask = <T>(m: string) => new Promise<T>((res) => (child.once('message', (x) => res(x as T)), child.send(m)));
const { url, towns, county: COUNTY } = await new Promise<{ url: string; towns: number; county: string }>((res) => child.once('message', (x) => res(x as never)));

const keys = (n: number, v: unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, v]));
const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
const json = (body: unknown) => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const bulkRows = Array.from({ length: Math.min(BULK_ROWS, towns) }, (_, i) => ({ ...standard, unit: { code: String(330201000000 + (i % towns) * 1000), name: `镇${i % towns}`, level: 'township' as const }, period: '2026-10' }));
const bulk = await buildBulkTemplate(r, { period: '2026-10', prefill: bulkRows });
const form = () => {
  const f = new FormData();
  f.append('file', new Blob([bulk]), 'bulk.xlsx');
  return { method: 'POST', headers: auth, body: f };
};

const scenarios: Array<[string, string, () => RequestInit]> = [
  ['POST /score, 10,000 answer keys of [[1]]', '/score', () => json({ ...standard, answers: keys(10_000, [[1]]) })],
  ['POST /score, 40,000 unknown keys of true', '/score', () => json({ ...standard, answers: keys(40_000, true) })],
  ['POST /score, every answer a list of 255 values', '/score', () => json({ ...standard, answers: Object.fromEntries(r.indicators.map((i) => [i.id, Array.from({ length: 127 }, () => [1])])) })],
  ['POST /score, 150,000 facts (2 MiB)', '/score', () => json({ ...standard, facts: keys(150_000, 1) })],
  ['POST /score, an answer nested 500,000 deep', '/score', () => json(JSON.stringify({ ...standard, answers: { '4': 'DEEP' } }).replace('"DEEP"', deep(500_000)))],
  ['POST /score, a valid submission', '/score', () => json(standard)],
  [`POST /units/import, ${UNIT_LIST} units`, '/units/import', () => json(Array.from({ length: UNIT_LIST }, (_, i) => ({ code: String(330209000001 + i), name: `村${i}`, level: 'village', parent: '330201000000' })))],
  [`POST /assessments/import, bulk sheet of ${Math.min(BULK_ROWS, towns)} rows`, '/assessments/import', form],
  [`GET /assessments, all ${RECORDS} records`, '/assessments', () => ({ headers: auth })],
  [`GET /reports/annual over ${RECORDS} records`, `/reports/annual?rubric=${r.id}&county=${COUNTY}&year=2025`, () => ({ headers: auth })],
  [`GET /reports/annual, xlsx`, `/reports/annual?rubric=${r.id}&county=${COUNTY}&year=2025&format=xlsx`, () => ({ headers: auth })],
  [`GET /audit/verify over ${RECORDS} records`, '/audit/verify', () => ({ headers: auth })],
];

/** Runs `work` while probing /health every 10 ms; the loop's longest delay and the slowest probe. */
async function measure(work: () => Promise<unknown>): Promise<{ loopMs: number; healthMs: number; totalMs: number }> {
  let stop = false;
  let slowest = 0;
  const probe = (async () => {
    while (!stop) {
      const t = performance.now();
      await fetch(`${url}/health`);
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((res) => setTimeout(res, 10));
    }
  })();
  await new Promise((res) => setTimeout(res, 50));
  await ask('reset');
  const t0 = performance.now();
  await work();
  const totalMs = performance.now() - t0;
  const loopMs = (await ask<{ max: number }>('read')).max;
  stop = true;
  await probe;
  return { loopMs, healthMs: slowest, totalMs };
}

const idle = await measure(() => new Promise((res) => setTimeout(res, 2000)));
const rows: string[] = [];
for (const [name, path, init] of scenarios) {
  let status = 0;
  const request = init(); // built before measuring: the client's own work is not the server's
  const m = await measure(async () => {
    const res = await fetch(url + path, request);
    status = res.status;
    await res.arrayBuffer();
  });
  rows.push(`| ${name} | ${status} | ${m.totalMs.toFixed(0)} ms | ${m.loopMs.toFixed(0)} ms | ${m.healthMs.toFixed(0)} ms | ${m.loopMs < 100 ? 'yes' : '**no**'} |`);
}
child.send('stop');

console.log(`Event loop held by one request (${RECORDS} records in store, SQLite; /health probed every 10 ms)\n`);
console.log('| request | status | took | longest loop delay | slowest /health | under 100 ms |');
console.log('|---|---|---|---|---|---|');
console.log(`| idle server (baseline) | — | 2000 ms | ${idle.loopMs.toFixed(0)} ms | ${idle.healthMs.toFixed(0)} ms | — |`);
for (const row of rows) console.log(row);
