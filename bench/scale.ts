// A province-size month on PostgreSQL, through the service layer as the API drives it: the unit tree registered,
// a month's inspections bulk-created county by county (as each county imports its bulk sheet), every county's
// ranking, the province-wide list of most-unmet indicators, and every county's quarterly circular. Run at 1/8, 1/4,
// 1/2 and the whole size; what matters is the time per unit and how it changes with the size, never the seconds
// (the machine is shared). Beside the wall time, each step's CPU time in this process and its number of queries
// per unit are counted: on a machine shared with other work they show what the wall time blurs. Each size gets a
// fresh schema in its own database, so no test sees its rows.
// Usage: npm run bench:scale [-- --scale 0.25] [--months 1]
//   --scale: fraction of the province (100 counties, 1,500 townships, 20,000 villages); sizes run are 1/8, 1/4, 1/2
//   and 1 of it. --months: months of the quarter recorded (3, the default, or 1: only the month measured, for quick
//   runs; the circular then finds the other two missing).
//        BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_scale; the database is created if missing)
import fc from 'fast-check';
import pg from 'pg';
import type { Principal } from '../src/domain/people.js';
import type { UnitRecord } from '../src/domain/units.js';
import { mostUnmet } from '../src/periods/county.js';
import { listRubrics, rubricMap } from '../src/rubric/load.js';
import type { Submission } from '../src/schema/generated/submission.js';
import { createServices } from '../src/service/index.js';
import { openPostgres } from '../src/store/postgres.js';
import { arbAnswers } from '../tests/support/arbitraries.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg('--scale', 1);
const FULL = { counties: 100, townships: 1_500, villages: 20_000 };
const RUBRIC = 'county-monthly-assessment';
/** The quarter's three months are recorded, so the circular has what it reads; the last one is the month measured. */
const MONTHS = ['2026-07', '2026-08', '2026-09'].slice(-arg('--months', 3));
const NOW = new Date('2026-10-10T02:00:00Z');
const ADMIN: Principal = { name: 'bench', role: 'admin', scope: null };
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_scale';

async function sql(target: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** The database, created on first use; then a schema of this run's own. */
async function freshSchema(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = new URL(url);
  const database = server.pathname.slice(1);
  server.pathname = '/postgres';
  await sql(server.toString(), `CREATE DATABASE ${database}`).catch((e: { code?: string }) => {
    if (e.code !== '42P04') throw e; // already exists
  });
  await sql(url, `DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${name}`);
  return { url: u.toString(), drop: () => sql(url, `DROP SCHEMA ${name} CASCADE`) };
}

/** A province of the given fraction: counties of the full province's shape (15 townships, 200 villages each). */
function province(f: number): { counties: UnitRecord[]; units: UnitRecord[] } {
  const n = (x: number) => Math.max(1, Math.round(x * f));
  const counties: UnitRecord[] = [];
  const units: UnitRecord[] = [];
  const [nc, nt, nv] = [n(FULL.counties), n(FULL.townships), n(FULL.villages)];
  for (let c = 0; c < nc; c++) {
    const code = `33${String(Math.floor(c / 10) + 1).padStart(2, '0')}${String((c % 10) + 1).padStart(2, '0')}000000`;
    counties.push({ code, name: `第${c + 1}县`, level: 'county', parent: null });
  }
  const townships: UnitRecord[] = [];
  for (let t = 0; t < nt; t++) {
    const county = counties[t % nc]!;
    const k = Math.floor(t / nc) + 1;
    townships.push({ code: `${county.code.slice(0, 6)}${String(k).padStart(3, '0')}000`, name: `${county.name}第${k}镇`, level: 'township', parent: county.code });
  }
  const villages: UnitRecord[] = [];
  for (let v = 0; v < nv; v++) {
    const town = townships[v % nt]!;
    const k = Math.floor(v / nt) + 1;
    villages.push({ code: `${town.code.slice(0, 9)}${String(k).padStart(3, '0')}`, name: `${town.name}第${k}村`, level: 'village', parent: town.code });
  }
  units.push(...counties, ...townships, ...villages);
  return { counties, units };
}

/** Wall and CPU milliseconds and queries sent, per step. */
interface Cost {
  wall: number;
  cpu: number;
  queries: number;
}

interface Measured {
  size: number;
  units: number;
  steps: Record<string, Cost>;
}

// Every query goes through Client#query (the pool's too).
let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const STEPS = ['register units', 'bulk create (one month)', 'county rankings', 'province-wide most unmet', 'quarterly circulars'] as const;

async function run(f: number, i: number, answers: Record<'township' | 'village', Array<Record<string, unknown>>>): Promise<Measured> {
  const schema = await freshSchema(`scale_${process.pid}_${i}`);
  const store = openPostgres(schema.url);
  try {
    await store.migrate();
    const s = createServices({ store, rubrics: rubricMap(await listRubrics()), now: () => NOW });
    const { counties, units } = province(f);
    const assessed = units.filter((u) => u.level !== 'county');
    const steps: Record<string, Cost> = {};
    const time = async <T,>(step: (typeof STEPS)[number], fn: () => Promise<T>): Promise<T> => {
      const [start, cpu, sent] = [process.hrtime.bigint(), process.cpuUsage(), queries];
      const out = await fn();
      const used = process.cpuUsage(cpu);
      const c = (steps[step] ??= { wall: 0, cpu: 0, queries: 0 });
      c.wall += Number(process.hrtime.bigint() - start) / 1e6;
      c.cpu += (used.user + used.system) / 1000;
      c.queries += queries - sent;
      return out;
    };
    await time('register units', () => s.units.import(units, ADMIN));
    const byCounty = new Map(counties.map((c) => [c.code, [] as UnitRecord[]]));
    const countyOf = new Map(units.filter((u) => u.level === 'township').map((u) => [u.code, u.parent!]));
    for (const u of assessed) byCounty.get(u.level === 'township' ? u.parent! : countyOf.get(u.parent!)!)!.push(u);
    for (const [m, period] of MONTHS.entries()) {
      for (const list of byCounty.values()) {
        const subs: Submission[] = list.map((u, k) => {
          const pool = answers[u.level as 'township' | 'village'];
          return { rubric: RUBRIC, period, inspector: '县考核组', inspected_on: `${period}-20`, unit: { code: u.code, name: u.name, level: u.level }, answers: pool[(k * 7 + m * 13) % pool.length] as Submission['answers'] };
        });
        // Only the last month is measured; the earlier ones are there for the circular.
        if (m === MONTHS.length - 1) await time('bulk create (one month)', () => s.assessments.createMany(subs, ADMIN));
        else await s.assessments.createMany(subs, ADMIN);
      }
    }
    const period = MONTHS.at(-1)!;
    for (const c of counties) await time('county rankings', () => s.reports.county(RUBRIC, period, c.code, ADMIN));
    await time('province-wide most unmet', async () => {
      const records = await s.assessments.list({ rubric: RUBRIC, period, origin: 'inspection' }, ADMIN);
      return mostUnmet(s.rubrics.get(RUBRIC), records.map((r) => r.assessment));
    });
    for (const c of counties) await time('quarterly circulars', () => s.reports.quarterly(RUBRIC, 2026, 3, c.code, ADMIN));
    return { size: f, units: assessed.length, steps };
  } finally {
    await store.close();
    await schema.drop();
  }
}

const rubric = rubricMap(await listRubrics()).get(RUBRIC)!;
// A pool of valid answer sets per level, drawn once with a fixed seed and dealt out to the units.
const answers = {
  township: fc.sample(arbAnswers(rubric, 'township'), { seed: 11, numRuns: 97 }),
  village: fc.sample(arbAnswers(rubric, 'village'), { seed: 12, numRuns: 97 }),
};
const sizes = [1 / 8, 1 / 4, 1 / 2, 1].map((x) => x * scale);
const results: Measured[] = [];
for (const [i, f] of sizes.entries()) {
  const r = await run(f, i, answers);
  results.push(r);
  console.error(`size ${f}: ${r.units} units; ${STEPS.map((s) => `${s} ${(r.steps[s]!.wall / 1000).toFixed(1)} s`).join('; ')}`);
}

/** Per assessed unit: wall and CPU in ms, queries as a count. */
const per = (r: Measured, step: string, k: keyof Cost) => r.steps[step]![k] / r.units;
const ratio = (step: string, k: keyof Cost) => per(results.at(-1)!, step, k) / per(results[0]!, step, k);
console.log(`\nProvince-size month on PostgreSQL (${RUBRIC}, ${MONTHS.length} month(s) of the quarter recorded), per assessed unit (township or village)\n`);
console.log(`| step | ${results.map((r) => `${r.units} units: wall ms / CPU ms / queries`).join(' | ')} | per-unit ratio, largest to smallest size: wall / CPU / queries (linear: ≈1 or less) |`);
console.log(`|---|${results.map(() => '---').join('|')}|---|`);
for (const step of STEPS) {
  const cells = results.map((r) => `${per(r, step, 'wall').toFixed(2)} / ${per(r, step, 'cpu').toFixed(2)} / ${per(r, step, 'queries').toFixed(2)}`);
  console.log(`| ${step} | ${cells.join(' | ')} | ${ratio(step, 'wall').toFixed(2)}× / ${ratio(step, 'cpu').toFixed(2)}× / ${ratio(step, 'queries').toFixed(2)}× |`);
}
