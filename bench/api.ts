// HTTP overhead: the scoring and create endpoints next to a bare Fastify route taking the same body and schema,
// in the same run, with bounded autocannon runs on loopback from a process of their own (bench/load.ts); plus the
// server's start-up time. Beside them, the floor of any server giving the same answers: a bare route with the same
// body and schema that answers each request with our answer to it, made beforehand and only written out (JSON.stringify,
// as ours) per request: nothing scored, read or stored. No implementation can beat its own answer's writing.
// Usage: npm run bench:api [-- --seconds 10 --connections 50]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import Fastify from 'fastify';
import { fromDist } from './dist.js';
import type { LoadOptions } from './load.js';

// Ours as shipped (dist.ts).
const { SUBMISSION } = await fromDist<typeof import('../src/api/http.js')>('api/http.js');
const { buildApp } = await fromDist<typeof import('../src/api/app.js')>('api/app.js');
const { TokenRegistry } = await fromDist<typeof import('../src/api/auth.js')>('api/auth.js');
const { listRubrics, PACKAGE_ROOT, rubricMap } = await fromDist<typeof import('../src/rubric/load.js')>('rubric/load.js');
const { SCHEMAS } = await fromDist<typeof import('../src/schema/validate.js')>('schema/validate.js');
const { openSqlite } = await fromDist<typeof import('../src/store/sqlite.js')>('store/sqlite.js');

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const seconds = arg('seconds', 10);
const connections = arg('connections', 50);
const TOKEN = 'bench-token-0123456789';
const FIXTURE = join(PACKAGE_ROOT, 'fixtures/township-center-2022/standard.json');
const body = JSON.parse(readFileSync(FIXTURE, 'utf8'));

// Ours, on an embedded store in a temporary directory, with units enough for unique creates.
const store = openSqlite(join(mkdtempSync(join(tmpdir(), 'bench-api-')), 'db.sqlite'));
await store.migrate();
const rubrics = rubricMap(await listRubrics());
const tokens = new TokenRegistry();
tokens.add(TOKEN, { name: 'bench', role: 'admin', scope: null });
// The rate limit is lifted: this measures what one process can do, not what one client is allowed.
const ours = await buildApp({ store, rubrics, tokens, now: () => new Date(Date.UTC(2026, 10, 25)), rateLimit: 1e9 });
await store.putUnit({ code: '330200000000', name: '县', level: 'county', parent: null }, 'T');
const UNITS = 1000;
for (let i = 0; i < UNITS; i++) await store.putUnit({ code: String(330201000000 + i * 1000), name: `镇${i}`, level: 'township', parent: '330200000000' }, 'T');
// Periods the rubric can score (its year parameter starts in 2022) and not in the future.
const periods = Array.from({ length: 59 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

// The bare baseline: the same body schema, validated by Ajv, and nothing else.
const bare = Fastify();
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addSchema(SCHEMAS.submission);
bare.setValidatorCompiler(({ schema }) => ajv.compile(schema));
bare.post('/score', { schema: { body: SUBMISSION } }, async () => ({ ok: true }));

/** The floor: the bare route, answering what ours answered to the same request, written anew each time. */
const answer = async (path: string) => {
  const res = await ours.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${TOKEN}` }, payload: body });
  if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return { status: res.statusCode, data: JSON.parse(res.body) as unknown };
};
// The create answered for the floor: the fixture's own unit, registered for it alone (the load's creates use others).
await store.putUnit({ code: body.unit.code, name: body.unit.name, level: body.unit.level, parent: '330200000000' }, 'T');
const answers = { full: await answer('/score'), compact: await answer('/score?view=compact'), create: await answer('/assessments') };
const floor = Fastify();
floor.setValidatorCompiler(({ schema }) => ajv.compile(schema));
for (const [path, a] of [['/score', answers.full], ['/score-compact', answers.compact], ['/assessments', answers.create]] as const) {
  floor.post(path, { schema: { body: SUBMISSION } }, async (_req, reply) => reply.code(a.status).type('application/json; charset=utf-8').send(JSON.stringify(a.data)));
  // Lower still: the answer's bytes made once and sent as they are, which no server answering requests it has not
  // seen can do; what is left is carrying the answer.
  const bytes = Buffer.from(JSON.stringify(a.data));
  floor.post(`${path}/bytes`, { schema: { body: SUBMISSION } }, async (_req, reply) => reply.code(a.status).type('application/json; charset=utf-8').send(bytes));
}

const oursUrl = await ours.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
const floorUrl = await floor.listen({ port: 0, host: '127.0.0.1' });

/**
 * One bounded run of the load generator, in a child process (bench/load.ts), and the CPU this process (the servers)
 * spent per answered request meanwhile. Throughput on two cores also depends on how much of a core the load
 * generator takes, which grows with the answers' size; CPU per request is the server's cost alone.
 */
async function run(url: string, path: string, unique = false) {
  const options: LoadOptions = { url: url + path, connections, seconds, token: TOKEN, fixture: FIXTURE, ...(unique ? { unique: { units: UNITS, periods } } : {}) };
  const before = process.cpuUsage();
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'bench/load.ts'), JSON.stringify(options)], { cwd: PACKAGE_ROOT });
  const cpu = process.cpuUsage(before);
  const r = JSON.parse(stdout) as { rps: number; p99: number; non2xx: number; errors: number; total: number };
  return { ...r, cpuUs: (cpu.user + cpu.system) / r.total };
}

// A few requests first, so neither side pays its first-use compiling inside the measured runs.
for (const url of [`${bareUrl}/score`, `${floorUrl}/score`, `${oursUrl}/score`, `${oursUrl}/score?view=compact`]) {
  for (let i = 0; i < 20; i++) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
}
// Each of ours right after its floor, so the machine's drift in speed falls on both alike.
type Run = Awaited<ReturnType<typeof run>>;
const baseline = await run(bareUrl, '/score');
const floorOf = async (path: string, unique = false) => ({ written: await run(floorUrl, path, unique), bytes: await run(floorUrl, `${path}/bytes`, unique) });
const fullFloor = await floorOf('/score');
const score = await run(oursUrl, '/score');
const compactFloor = await floorOf('/score-compact');
const compact = await run(oursUrl, '/score?view=compact');
const createFloor = await floorOf('/assessments', true);
const create = await run(oursUrl, '/assessments', true);
await ours.close();
await bare.close();
await floor.close();
await store.close();

// Start-up: a fresh process on an empty embedded store, until it prints that it listens.
const startup = await new Promise<number>((resolve, reject) => {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/api/server.js')], {
    env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-start-')), PORT: '0', DEMO: '0', DATABASE_URL: '' },
  });
  child.stdout.on('data', (d: Buffer) => {
    if (d.toString().includes('已启动')) {
      resolve(performance.now() - t0);
      child.kill('SIGTERM');
    }
  });
  child.on('exit', (code) => code && reject(new Error(`server exited ${code}`)));
});

const row = (name: string, r: typeof score, target: { ratio: number; p99: number } | null) =>
  `| ${name} | ${r.rps.toFixed(0)} | ${(r.rps / baseline.rps).toFixed(2)}× | ${r.p99} ms | ${target ? `≥${target.ratio}×, <${target.p99} ms: ${r.rps / baseline.rps >= target.ratio && r.p99 < target.p99 ? 'met' : 'not met'}` : '—'} | ${r.cpuUs.toFixed(0)} µs | ${(baseline.cpuUs / r.cpuUs).toFixed(2)}× | ${r.non2xx} | ${r.errors} |`;
console.log(`API against a bare Fastify route with the same body and schema (${connections} connections, ${seconds} s each, loopback)\n`);
console.log('| route | req/s | ratio to bare | p99 | target | server CPU per request | CPU ratio (bare/ours) | non-2xx | errors |');
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(row('bare POST /score (schema only)', baseline, null));
console.log(row('POST /score (full view)', score, { ratio: 0.5, p99: 50 }));
console.log(row('POST /score?view=compact', compact, { ratio: 0.5, p99: 50 }));
console.log(row('POST /assessments (create, group commit, synchronous=FULL)', create, { ratio: 0.3, p99: 100 }));
console.log(`\nThe floors: the bare route answering each request with our answer to it, made beforehand: written out per request (JSON.stringify), or sent as bytes made once\n`);
console.log('| answer | bytes | written out: req/s | ratio to bare | CPU per request | bytes made once: req/s | ratio to bare | ours: req/s | ours / written-out floor |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, f, o, a] of [['/score, full view', fullFloor, score, answers.full], ['/score, compact view', compactFloor, compact, answers.compact], ['create (201)', createFloor, create, answers.create]] as const) {
  const ratio = (r: Run) => `${(r.rps / baseline.rps).toFixed(2)}×`;
  console.log(`| ${name} | ${Buffer.byteLength(JSON.stringify(a.data))} | ${f.written.rps.toFixed(0)} | ${ratio(f.written)} | ${f.written.cpuUs.toFixed(0)} µs | ${f.bytes.rps.toFixed(0)} | ${ratio(f.bytes)} | ${o.rps.toFixed(0)} | ${(o.rps / f.written.rps).toFixed(2)}× |`);
}
console.log(`\nStart-up, empty embedded store, to listening: ${startup.toFixed(0)} ms`);
