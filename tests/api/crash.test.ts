// security.md check 14: kill -9 the real server at random moments under concurrent write traffic, restart it on the
// same data unattended, and show that every write acknowledged with a 2xx survived intact, that no write is
// half-done, that retries of writes whose outcome the client never learned created no duplicates, that the file
// passes `integrity_check` and that the audit chain verifies — both in the state the crash left (checked on a copy,
// before any restart touches it) and at the end, after a clean restart and stop. On SQLite single writes waiting
// together share a commit (group commit), so one case keeps 64 writes in flight and kills the server the moment an
// acknowledgement arrives, while the next group is being written: still, every acknowledged write is there.
//
// Reproduce a failure with the seed in the test name: CRASH_SEED=<seed> npx vitest run tests/api/crash.test.ts
import { randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../src/schema/generated/submission.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import type { AssessmentRecord, LogEntry, LogVerification } from '../../src/domain/records.js';
import type { UnitRecord } from '../../src/domain/units.js';
import type { Store } from '../../src/store/types.js';
import { fixture } from '../support/rubrics.js';
import { killChildren, type ServerProcess, startServer } from '../support/server.js';
import { pgTestSchema } from '../support/stores.js';

const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) >>> 0 : randomInt(2 ** 31);
/** Kill-and-restart cycles per database (CRASH_CYCLES overrides both, for a longer soak). */
const CYCLES = { sqlite: 5, 'sqlite-in-group': 3, postgres: 3 };
const cycles = (db: keyof typeof CYCLES) => (process.env.CRASH_CYCLES ? Number(process.env.CRASH_CYCLES) : CYCLES[db]);
const WRITERS = 4;
/** Writers in flight for the case that kills inside a group commit; and the acknowledgements after which it kills. */
const GROUP_WRITERS = 64;
const KILL_AFTER_ACKS = [8, 60] as const;
/** And then up to this many ms more, so the kill lands anywhere in the group being written, its commit included. */
const KILL_DELAY_MS = 15;
/** Each cycle kills the server after this much write traffic (ms), drawn from the seed. */
const KILL_AFTER = [50, 600] as const;
const TOKEN = 'crash-test-admin-token-0123456789'.slice(0, 32);
const RUBRIC = 'township-center-2022';
const COUNTY = '330299000000';
const TOWNSHIPS = Array.from({ length: 12 }, (_, i) => `330299${100 + i}000`);
/** Past months only: the service refuses a period in the future, and the rubric's parameters start in 2022. */
const PERIODS = Array.from({ length: 58 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const VARIANTS = ['standard', 'demonstration', 'neither'].map((f) => JSON.parse(readFileSync(fixture(RUBRIC, `${f}.json`), 'utf8')) as Submission);

/** mulberry32: a tiny seeded PRNG, so the key order, the plan and the kill moments replay from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// The client side: what was sent, what was acknowledged, what is still unknown.

interface Plan {
  key: string;
  body: Submission;
  finalize: boolean;
}
type Op = { kind: 'create'; plan: Plan } | { kind: 'finalize'; plan: Plan } | { kind: 'unit'; unit: UnitRecord } | { kind: 'duplicate'; plan: Plan };

interface Acked {
  id: string;
  /** The record as the 2xx answer returned it. */
  record: AssessmentRecord;
  finalized: boolean;
}

/** The request did not get a complete answer (the client cannot know whether it landed), or was turned away
 *  for now (transient: 503 while shutting down, 429 over the rate limit) and must be sent again. */
class Unanswered extends Error {
  constructor(message: string, readonly transient = false) {
    super(message);
  }
}

const keyOf = (unit: string, period: string) => `${unit}/${period}/${RUBRIC}`;

class Client {
  /** Every write whose 2xx (or, on a retry, 409 proving it had landed) was seen. */
  readonly acked = new Map<string, Acked>();
  readonly ackedUnits = new Map<string, UnitRecord>();
  readonly sentKeys = new Set<string>();
  readonly sentUnits = new Set<string>();
  readonly finalizeSent = new Set<string>();
  /** Writes to (re)try first: unanswered ones and continuations (a finalize after its create). */
  readonly todo: Op[] = [];
  readonly unexpected: string[] = [];
  readonly stats = { requests: 0, unanswered: 0, retriedCreates: 0, landedBeforeCrash: 0, finalizesLanded: 0, duplicates: 0, transient: 0, rateLimited: 0 };
  /** Requests sent and not yet answered. */
  inFlight = 0;
  /** Called on every acknowledged create, at the moment its answer is read. */
  onAck: (() => void) | undefined;
  private fresh: Op[];
  stopping = false;
  base = '';

  constructor(rand: () => number) {
    const plans: Plan[] = [];
    for (const unit of TOWNSHIPS) {
      for (const period of PERIODS) {
        const v = structuredClone(VARIANTS[Math.floor(rand() * VARIANTS.length)]!);
        const body: Submission = { ...v, unit: { code: unit, name: `第${unit.slice(6, 9)}镇便民服务中心`, level: 'township' }, period, inspected_on: `${period}-15` };
        plans.push({ key: keyOf(unit, period), body, finalize: rand() < 0.4 });
      }
    }
    for (let i = plans.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [plans[i], plans[j]] = [plans[j]!, plans[i]!];
    }
    // Mostly new assessments; now and then a new village, or a deliberate repeat of an earlier create.
    this.fresh = [];
    let villages = 0;
    for (const [i, plan] of plans.entries()) {
      this.fresh.push({ kind: 'create', plan });
      const r = rand();
      if (r < 0.08) {
        const township = TOWNSHIPS[Math.floor(rand() * TOWNSHIPS.length)]!;
        const code = `${township.slice(0, 9)}${200 + villages++}`;
        this.fresh.push({ kind: 'unit', unit: { code, name: `第${code.slice(9)}村便民服务站`, level: 'village', parent: township } });
      } else if (r < 0.12 && i > 0) this.fresh.push({ kind: 'duplicate', plan: plans[Math.floor(rand() * i)]! });
    }
    this.fresh.reverse();
  }

  get pending(): number {
    return this.todo.length;
  }

  /** The set-up everyone else depends on: one county and its townships. */
  async setup(): Promise<void> {
    await this.unit({ code: COUNTY, name: '崩溃测试县', level: 'county', parent: null });
    for (const t of TOWNSHIPS) await this.unit({ code: t, name: `第${t.slice(6, 9)}镇`, level: 'township', parent: COUNTY });
  }

  /** `writers` concurrent clients until stopped (or out of work); with fresh=false, only the outstanding writes. */
  async traffic(fresh: boolean, writers = WRITERS): Promise<void> {
    this.stopping = false;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (!this.stopping) {
          const op = this.todo.shift() ?? (fresh ? this.fresh.pop() : undefined);
          if (!op) return;
          await this.run(op);
        }
      }),
    );
  }

  private async run(op: Op): Promise<void> {
    try {
      switch (op.kind) {
        case 'create':
          return await this.create(op.plan);
        case 'finalize':
          return await this.finalize(op.plan);
        case 'unit':
          return void (await this.unit(op.unit));
        case 'duplicate':
          return await this.duplicate(op.plan);
      }
    } catch (e) {
      if (!(e instanceof Unanswered)) throw e;
      this.stats.unanswered++;
      // A repeat of a create that was already acknowledged proves nothing new: it is not retried.
      if (op.kind !== 'duplicate') this.todo.push(op);
      if (!this.stopping && !e.transient) {
        // Nobody killed it: the server went away (or hung) by itself. Stop this client; the test fails.
        this.unexpected.push(`${op.kind}: no answer while the server should be up: ${e.message}`);
        this.stopping = true;
      }
    }
  }

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    this.stats.requests++;
    let status: number;
    let text: string;
    this.inFlight++;
    try {
      const res = await fetch(this.base + path, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      throw new Unanswered(String((e as { cause?: unknown }).cause ?? e));
    } finally {
      this.inFlight--;
    }
    // Shutting down (503) or over the rate limit (429): not processed; send it again a little later.
    if (status === 503 || status === 429) {
      if (status === 429) this.stats.rateLimited++;
      else this.stats.transient++;
      await sleep(50);
      throw new Unanswered(`HTTP ${status}`, true);
    }
    try {
      return { status, body: text ? JSON.parse(text) : null };
    } catch {
      return { status, body: text };
    }
  }

  private fail(what: string, res: { status: number; body: unknown }) {
    this.unexpected.push(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }

  private async unit(u: UnitRecord): Promise<void> {
    this.sentUnits.add(u.code);
    const res = await this.call('PUT', `/units/${u.code}`, { name: u.name, level: u.level, parent: u.parent });
    if (res.status !== 200 || !isDeepStrictEqual(res.body, u)) return this.fail(`PUT /units/${u.code}`, res);
    this.ackedUnits.set(u.code, u);
  }

  private async create(plan: Plan): Promise<void> {
    const retry = this.sentKeys.has(plan.key);
    if (retry) this.stats.retriedCreates++;
    this.sentKeys.add(plan.key);
    const res = await this.call('POST', '/assessments', plan.body);
    let record: AssessmentRecord;
    if (res.status === 201) {
      record = res.body as AssessmentRecord;
      if (record.status !== 'draft' || !isDeepStrictEqual(record.submission, plan.body)) return this.fail(`create ${plan.key}: unexpected record`, res);
    } else if (res.status === 409 && (res.body as { code?: string }).code === 'DUPLICATE' && retry) {
      // The first attempt had landed before the crash: find it, and it must be exactly what was sent.
      this.stats.landedBeforeCrash++;
      const { unit, period } = plan.body;
      const found = await this.call('GET', `/assessments?unit=${unit.code}&period=${period}&rubric=${RUBRIC}`);
      const list = found.body as AssessmentRecord[];
      if (found.status !== 200 || list.length !== 1) return this.fail(`find ${plan.key} after 409`, found);
      record = list[0]!;
      if (!isDeepStrictEqual(record.submission, plan.body)) return this.fail(`${plan.key} landed with other content`, found);
    } else return this.fail(`create ${plan.key}${retry ? ' (retry)' : ''}`, res);
    this.acked.set(plan.key, { id: record.id, record, finalized: record.status === 'final' });
    this.onAck?.();
    if (plan.finalize && record.status !== 'final') this.todo.unshift({ kind: 'finalize', plan });
  }

  private async finalize(plan: Plan): Promise<void> {
    const a = this.acked.get(plan.key)!;
    const retry = this.finalizeSent.has(plan.key);
    this.finalizeSent.add(plan.key);
    const res = await this.call('POST', `/assessments/${a.id}/finalize`);
    if (res.status === 200 && (res.body as AssessmentRecord).status === 'final') {
      a.finalized = true;
      return;
    }
    if (res.status === 409 && (res.body as { code?: string }).code === 'FROZEN' && retry) {
      const got = await this.call('GET', `/assessments/${a.id}`);
      if (got.status !== 200 || (got.body as AssessmentRecord).status !== 'final') return this.fail(`finalize ${plan.key} after 409`, got);
      this.stats.finalizesLanded++;
      a.finalized = true;
      return;
    }
    this.fail(`finalize ${plan.key}${retry ? ' (retry)' : ''}`, res);
  }

  /** A client re-sending a create it already saw acknowledged: must be refused, never a second record. */
  private async duplicate(plan: Plan): Promise<void> {
    if (!this.acked.has(plan.key)) return;
    const res = await this.call('POST', '/assessments', plan.body);
    if (res.status === 409 && (res.body as { code?: string }).code === 'DUPLICATE') this.stats.duplicates++;
    else this.fail(`repeat of ${plan.key}`, res);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The database side: read everything back with the store's own code and compare with what the client knows.

interface State {
  units: UnitRecord[];
  rows: AssessmentRecord[];
  log: LogEntry[];
  verification: LogVerification;
  integrity?: string;
}

/** Everything, read with the store's own code. Every write appends to the log, so an unchanged log head around the
 *  reads means they saw one state (on PostgreSQL a killed server's last COMMIT may still be landing). */
async function readState(store: Store): Promise<Omit<State, 'integrity'>> {
  for (let attempt = 0; ; attempt++) {
    const head = await store.logHead();
    const log: LogEntry[] = [];
    for (;;) {
      const page = await store.readLog(log.length + 1, 1000);
      log.push(...page);
      if (page.length < 1000) break;
    }
    const state = { units: await store.listUnits(), rows: await store.listAssessments({ includeSuperseded: true }), log, verification: await store.verifyLog() };
    if ((await store.logHead()).hash === head.hash || attempt === 10) return state;
    await sleep(100);
  }
}

/** What is wrong with a state, given what the client knows. exact: every write has been resolved by now. */
function problems(s: State, c: Client, exact: boolean): string[] {
  const out: string[] = [];
  if (s.integrity !== undefined && s.integrity !== 'ok') out.push(`integrity_check: ${s.integrity}`);
  if (!s.verification.ok) out.push(`audit chain: ${JSON.stringify(s.verification.firstBad)}`);
  const ackedWrites = c.ackedUnits.size + c.acked.size + [...c.acked.values()].filter((a) => a.finalized).length;
  if (s.verification.entries < ackedWrites) out.push(`audit chain has ${s.verification.entries} entries, fewer than the ${ackedWrites} acknowledged writes`);

  const units = new Map(s.units.map((u) => [u.code, u]));
  for (const [code, u] of c.ackedUnits) if (!isDeepStrictEqual(units.get(code), u)) out.push(`acknowledged unit ${code} is ${JSON.stringify(units.get(code))}`);
  for (const code of units.keys()) if (!c.sentUnits.has(code)) out.push(`unit ${code} was never sent`);
  if (exact) for (const code of c.sentUnits) if (!c.ackedUnits.has(code)) out.push(`unit ${code} still unresolved`);

  const byKey = new Map<string, AssessmentRecord[]>();
  for (const r of s.rows) {
    const k = `${r.unit}/${r.period}/${r.rubric.id}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  for (const [k, rows] of byKey) {
    if (rows.length > 1) out.push(`${k}: ${rows.length} records (a retry created a duplicate)`);
    if (!c.sentKeys.has(k)) out.push(`${k}: a record that was never sent`);
  }
  for (const [k, rows] of byKey) {
    const r = rows[0]!;
    const a = c.acked.get(k);
    if (a) {
      if (r.id !== a.id) out.push(`${k}: acknowledged as ${a.id}, stored as ${r.id}`);
      if (!isDeepStrictEqual(r.submission, a.record.submission)) out.push(`${k}: stored submission differs from the acknowledged one`);
      if (!isDeepStrictEqual(r.assessment, a.record.assessment)) out.push(`${k}: stored result differs from the acknowledged one`);
      if (a.finalized && r.status !== 'final') out.push(`${k}: finalize was acknowledged, status is ${r.status}`);
    }
    if (r.status === 'final' ? !c.finalizeSent.has(k) : r.status !== 'draft') out.push(`${k}: status ${r.status} was never asked for`);
    if (exact && !a) out.push(`${k}: stored but never resolved by the client`);
    if (exact && a && (r.status === 'final') !== a.finalized) out.push(`${k}: status ${r.status}, client saw finalized=${a.finalized}`);
    if ((r.status === 'final') !== (r.finalized_at !== null)) out.push(`${k}: status ${r.status} with finalized_at ${r.finalized_at}`);
  }
  for (const [k, a] of c.acked) if (!byKey.has(k)) out.push(`${k}: acknowledged (${a.id}) but missing`);
  if (exact) for (const k of c.sentKeys) if (!c.acked.has(k)) out.push(`${k}: still unresolved`);

  // No half-done write: each record has exactly one create entry, each final record one finalize entry, and no
  // entry speaks of a record that is not there (verifyLog checks the content hashes pinned by the create entries).
  const count = (action: string) => {
    const m = new Map<string, number>();
    for (const e of s.log) if (e.action === action) m.set(e.target, (m.get(e.target) ?? 0) + 1);
    return m;
  };
  const creates = count('assessment.create');
  const finals = count('assessment.finalize');
  const ids = new Map(s.rows.map((r) => [r.id, r]));
  for (const r of s.rows) {
    if (creates.get(r.id) !== 1) out.push(`record ${r.id}: ${creates.get(r.id) ?? 0} create entries`);
    if ((finals.get(r.id) ?? 0) !== (r.status === 'final' ? 1 : 0)) out.push(`record ${r.id} (${r.status}): ${finals.get(r.id) ?? 0} finalize entries`);
  }
  for (const id of [...creates.keys(), ...finals.keys()]) if (!ids.has(id)) out.push(`log entry for a record that does not exist: ${id}`);
  const unitPuts = count('unit.put');
  for (const code of units.keys()) if (!unitPuts.has(code)) out.push(`unit ${code} has no unit.put entry`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One scenario over either database.

interface Backend {
  cycles: number;
  env: Record<string, string>;
  /** The state the last kill left, read without disturbing what the next start will find. */
  crashState(cycle: number): Promise<State>;
  /** The state after the server has stopped. */
  finalState(): Promise<State>;
}

/**
 * timed: `WRITERS` writers, killed after a drawn time. in-group: `GROUP_WRITERS` writers, killed at the moment the
 * drawn number of creates has been acknowledged; by then the next group commit is under way with the others.
 */
type KillMode = 'timed' | 'in-group';

async function scenario(backend: Backend, seed: number, mode: KillMode = 'timed'): Promise<void> {
  const rand = prng(seed);
  const client = new Client(rand);
  const [lo, hi] = mode === 'timed' ? KILL_AFTER : KILL_AFTER_ACKS;
  const kills = Array.from({ length: backend.cycles }, () => lo + Math.floor(rand() * (hi - lo + 1)));
  const delays = kills.map(() => Math.floor(rand() * (KILL_DELAY_MS + 1)));
  const writers = mode === 'timed' ? WRITERS : GROUP_WRITERS;
  // The rate limit is lifted for the many writers, which one token would otherwise exhaust.
  const env = { DEMO: '0', BIANMIN_TOKEN: TOKEN, LOG: '0', ...(mode === 'in-group' ? { RATE_LIMIT_PER_MINUTE: '1000000' } : {}), ...backend.env };
  const log: string[] = [];
  const report = () => `seed ${seed}\n${log.join('\n')}\nstats ${JSON.stringify(client.stats)}`;

  let server: ServerProcess = await startServer(env);
  try {
    client.base = server.url;
    await client.setup();
    expect(client.unexpected, report()).toEqual([]);

    for (const [cycle, after] of kills.entries()) {
      const before = { acked: client.acked.size, pending: client.pending };
      const traffic = client.traffic(true, writers);
      let inFlight = 0;
      if (mode === 'timed') await sleep(after);
      else {
        // Killed in the same turn as the acknowledgement that reaches the count: no new request goes out before it.
        await new Promise<void>((resolve) => (client.onAck = () => client.acked.size >= before.acked + after && resolve()));
        client.onAck = undefined;
        if (delays[cycle]) await sleep(delays[cycle]!);
        inFlight = client.inFlight;
      }
      client.stopping = true;
      await server.kill();
      await traffic;
      log.push(`cycle ${cycle + 1}: killed after ${after} ${mode === 'timed' ? 'ms' : `acknowledgements and ${delays[cycle]} ms, ${inFlight} requests in flight`}; acknowledged ${before.acked} → ${client.acked.size}; outstanding ${before.pending} → ${client.pending}`);
      // Many writes were on their way (in the group being written, or gathering for the next) when it died.
      if (mode === 'in-group') expect(inFlight, report()).toBeGreaterThan(GROUP_WRITERS / 2);
      expect(client.unexpected, report()).toEqual([]);
      expect(problems(await backend.crashState(cycle + 1), client, false), `after kill ${cycle + 1}\n${report()}`).toEqual([]);

      const t = performance.now();
      server = await startServer(env);
      client.base = server.url;
      log.push(`  restarted unattended in ${Math.round(performance.now() - t)} ms`);
    }

    // Resolve everything still outstanding (retries, and finalizes not yet sent), then stop cleanly.
    for (let round = 0; client.pending > 0; round++) {
      if (round > 20) throw new Error(`writes still unresolved after 20 rounds\n${report()}`);
      await client.traffic(false);
      expect(client.unexpected, report()).toEqual([]);
    }
    const code = await server.stop();
    log.push(`clean stop: exit ${code}`);
    expect(code, `the server did not stop on SIGTERM\n${server.output()}`).not.toBeNull();

    const final = await backend.finalState();
    expect(problems(final, client, true), `final state\n${report()}`).toEqual([]);
    expect(client.acked.size).toBeGreaterThan(0);
    console.log(`crash test (${backend.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, ${mode}): ${report()}\nfinal: ${final.rows.length} records, ${final.units.length} units, ${final.verification.entries} log entries`);
  } finally {
    await server.kill();
  }
}

afterAll(killChildren);

describe('kill -9 under write traffic (security.md check 14)', () => {
  it.each<{ mode: KillMode; what: string }>([
    { mode: 'timed', what: 'killed at random moments' },
    { mode: 'in-group', what: `killed inside a group commit, ${GROUP_WRITERS} writes in flight` },
  ])(`SQLite, $what: acknowledged writes survive, nothing half-done, no duplicates, chain verifies (seed ${SEED})`, async ({ mode }) => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-crash-'));
    const file = join(dir, 'data', 'bianmin-audit.sqlite');
    /** integrity_check and the store's own reading, on a connection of our own; closed afterwards. */
    const inspect = async (path: string): Promise<State> => {
      const db = new Database(path, { readonly: true });
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
      db.close();
      const store = openSqlite(path);
      try {
        return { ...(await readState(store)), integrity };
      } finally {
        await store.close();
      }
    };
    try {
      await scenario(
        {
          cycles: cycles(mode === 'timed' ? 'sqlite' : 'sqlite-in-group'),
          env: { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
          // The process is dead, so its files may be copied: inspect the copy and leave the original (with its WAL)
          // exactly as the crash left it for the next start to recover.
          async crashState(cycle) {
            const copy = join(dir, `crash-${cycle}`);
            mkdirSync(copy);
            for (const suffix of ['', '-wal', '-journal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, join(copy, `bianmin-audit.sqlite${suffix}`));
            return inspect(join(copy, 'bianmin-audit.sqlite'));
          },
          finalState: () => inspect(file),
        },
        SEED,
        mode,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  const pgUrl = process.env.TEST_DATABASE_URL;
  it.skipIf(!pgUrl)(`PostgreSQL: the same, on a schema of its own (seed ${SEED})`, async () => {
    const schema = await pgTestSchema('crash');
    const read = async (): Promise<State> => {
      const store = openPostgres(schema.url);
      try {
        return await readState(store);
      } finally {
        await store.close();
      }
    };
    try {
      await scenario({ cycles: cycles('postgres'), env: { DATABASE_URL: schema.url }, crashState: read, finalState: read }, SEED);
    } finally {
      await schema.drop();
    }
  }, 120_000);
});
