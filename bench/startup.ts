// Start-up costs of the built package (dist/, plain node), each beside a bare baseline measured in the same run, and
// beside the same thing run from the TypeScript sources through tsx (what `npm start` and the CLI did before the
// build): the service on an empty embedded store until it listens (baseline: a bare Fastify route listening), one
// CLI `score` of one file (baseline: `node -e 0`), and one workbook import by a warm worker, the spare started
// ahead (baseline: exceljs loading the same workbook in the caller). Targets: < 0.5 s, < 0.4 s wall and < 0.3 s.
// Medians of several runs; the machine is shared, so the ratios are what carry over. Never run as a test.
// Usage: npm run bench:startup [-- --runs 5]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../src/rubric/load.js';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const TSX = ['--import', 'tsx'];
const tmp = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const url = (p: string) => JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, p)).href);
const FIXTURE = join(PACKAGE_ROOT, 'fixtures/township-center-2022/standard.json');
const WORKBOOK = join(PACKAGE_ROOT, 'fixtures/excel/openpyxl-single.xlsx');

/** Milliseconds from spawning `node args` until its stdout matches `until` (then it is stopped), or until it exits. */
function timed(args: readonly string[], env: NodeJS.ProcessEnv = {}, until?: RegExp): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: PACKAGE_ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until?.test(out)) {
        const ms = performance.now() - started;
        child.once('exit', () => resolve({ ms, out }));
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code) => {
      if (until && !until.test(out)) reject(new Error(`${args.join(' ')} exited (${code}) before printing ${until}:\n${out}${err}`));
      else if (!until) code === 0 ? resolve({ ms: performance.now() - started, out }) : reject(new Error(`${args.join(' ')} exited ${code}:\n${err}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function measure(run: () => Promise<number>): Promise<number> {
  await run(); // once to warm the file cache
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) xs.push(await run());
  return median(xs);
}

// The bare baselines and the children's scripts, written where the package's dependencies resolve.
const inRoot = (name: string, text: string) => {
  mkdirSync(join(PACKAGE_ROOT, 'node_modules', '.cache'), { recursive: true });
  const f = join(PACKAGE_ROOT, 'node_modules', '.cache', `bench-startup-${name}`);
  writeFileSync(f, text);
  return f;
};
const bare = inRoot('bare-server.mjs', `import Fastify from 'fastify';
const app = Fastify();
app.get('/health', async () => ({ ok: true }));
console.log('listening ' + await app.listen({ port: 0, host: '127.0.0.1' }));
`);

/** A child that starts the spare worker, waits until it is ready, then times one import through it (printed in ms). */
const warmImport = (from: 'dist' | 'src') => {
  const ext = from === 'dist' ? 'js' : 'ts';
  return inRoot(`import-${from}.mjs`, `import { readFileSync } from 'node:fs';
import { importWorkbookIsolated, prewarmIsolation, stopIsolation } from ${url(`${from}/excel/isolate.${ext}`)};
import { resolveRubric } from ${url(`${from}/rubric/load.${ext}`)};
const rubric = await resolveRubric('township-center-2022');
const bytes = readFileSync(${JSON.stringify(WORKBOOK)});
prewarmIsolation(rubric.definition);
// The spare is ready once a first import has gone through it and the next spare has had time to start.
await importWorkbookIsolated(bytes, { rubrics: new Map([[rubric.id, rubric]]) });
await new Promise((r) => setTimeout(r, 3000));
const t = performance.now();
const result = await importWorkbookIsolated(bytes, { rubrics: new Map([[rubric.id, rubric]]) });
const ms = performance.now() - t;
if (result.submissions.length !== 1) throw new Error('import failed');
await stopIsolation();
console.log(JSON.stringify({ ms }));
`);
};
const bareExcel = inRoot('bare-excel.mjs', `import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
const bytes = readFileSync(${JSON.stringify(WORKBOOK)});
await new ExcelJS.Workbook().xlsx.load(bytes);
const t = performance.now();
await new ExcelJS.Workbook().xlsx.load(bytes);
console.log(JSON.stringify({ ms: performance.now() - t }));
`);
const reported = async (args: string[]) => (JSON.parse((await timed(args)).out) as { ms: number }).ms;

const LISTENING = /已启动：http|listening http/;
const server = (args: string[]) => measure(async () => (await timed(args, { DATA_DIR: mkdtempSync(join(tmp, 'data-')), DEMO: '0', PORT: '0', DATABASE_URL: '', REDIS_URL: '' }, LISTENING)).ms);
const score = ['score', '--rubric', 'township-center-2022', FIXTURE];

const rows: Array<[string, number, number, number | undefined, number]> = [];
const row = async (what: string, target: number, ours: () => Promise<number>, base: () => Promise<number>, before?: () => Promise<number>) => {
  const b = await base();
  const o = await ours();
  const p = before ? await before() : undefined;
  rows.push([what, o, b, p, target]);
  console.error(`${what}: ${o.toFixed(0)} ms (baseline ${b.toFixed(0)} ms${p !== undefined ? `, from the sources ${p.toFixed(0)} ms` : ''})`);
};

await row('start-up, empty embedded store, to listening', 500, () => server(['dist/api/server.js']), () => server([bare]), () => server([...TSX, 'src/api/server.ts']));
await row('CLI score of one file, wall', 400, () => measure(async () => (await timed(['dist/cli/main.js', ...score])).ms), () => measure(async () => (await timed(['-e', '0'])).ms), () => measure(async () => (await timed([...TSX, 'src/cli/main.ts', ...score])).ms));
await row('import of one workbook by a warm worker', 300, () => measure(() => reported([warmImport('dist')])), () => measure(() => reported([bareExcel])), () => measure(() => reported([...TSX, warmImport('src')])));

console.log(`\n| what | dist/ (plain node) | bare baseline | ratio | from the sources (tsx) | target |\n|---|---|---|---|---|---|`);
for (const [what, o, b, p, target] of rows) {
  console.log(`| ${what} | ${o.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(o / b).toFixed(2)}× | ${p === undefined ? '' : `${p.toFixed(0)} ms`} | < ${target} ms |`);
}
