// Several API instances over one PostgreSQL (issue 12): two server processes write concurrently into one database,
// and afterwards the chain is intact, sequence numbers are unique and contiguous, and every acknowledged write is
// there exactly as acknowledged. The sign-in throttle and rate limits are shared (through PostgreSQL, or Redis when
// REDIS_URL is set), and a reporting instance runs read-only against the same data (DATABASE_URL_READONLY).
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/api/limits.js';
import type { AssessmentRecord } from '../../src/domain/records.js';
import type { Submission } from '../../src/schema/generated/submission.js';
import { openPostgres } from '../../src/store/postgres.js';
import { auth, testApp } from '../support/api.js';
import { BACKINGS } from '../support/counters.js';
import { fixture, rubric } from '../support/rubrics.js';
import { assess } from '../../src/engine/evaluate.js';
import { followUpOf } from '../../src/rectification/orders.js';
import { killChildren, type ServerProcess, startServer } from '../support/server.js';
import { pgTestSchema } from '../support/stores.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const TOKEN = 'two-instances-admin-token-0123456789';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const COUNTY = '330288000000';
const TOWNSHIPS = Array.from({ length: 6 }, (_, i) => `330288${101 + i}000`);
const PERIODS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const base = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8')) as Submission;
/** Each finalize also logs one entry per finding: an order opened, or the finding recorded again on the open one. */
const tc = await rubric('township-center-2022');
const FINDINGS = followUpOf(tc, assess(tc, base), '2025-01-10').orders.length;

afterAll(killChildren);

const call = async (server: ServerProcess, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
  const sent = body === undefined ? { authorization: headers.authorization } : headers;
  const res = await fetch(`${server.url}${path}`, { method, headers: { ...sent, ...extra }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as any };
};

describe.skipIf(!pgUrl)('two server processes on one PostgreSQL', () => {
  it.each([
    ['PostgreSQL', {}],
    ...(redisUrl ? [['Redis', { REDIS_URL: redisUrl }] as const] : []),
  ] as Array<[string, Record<string, string>]>)(
    'concurrent writes from both: chain intact, no duplicate sequence numbers, every acknowledged write present as acknowledged; failed sign-ins counted across both (shared through %s); a read-only reporting instance reads it all and writes nothing',
    async (_via, extraEnv) => {
      const schema = await pgTestSchema('instances');
      const env = { DATABASE_URL: schema.url, BIANMIN_TOKEN: TOKEN, LOG: '0', RATE_LIMIT_PER_MINUTE: '100000', TRUST_PROXY: '127.0.0.1', ...extraEnv };
      let servers: ServerProcess[] = [];
      try {
        // Both start on an empty database at once: the migrations must not trip over each other.
        servers = await Promise.all([startServer(env), startServer(env)]);
        const [a, b] = servers as [ServerProcess, ServerProcess];
        expect(a.output()).toContain(`限流计数：${extraEnv.REDIS_URL ? 'redis' : 'postgres'}`);
        expect((await call(a, 'PUT', `/units/${COUNTY}`, { name: '双实例县', level: 'county', parent: null })).status).toBe(200);
        // Units from both instances at once.
        const unitPuts = await Promise.all(TOWNSHIPS.map((code, i) => call(i % 2 ? b : a, 'PUT', `/units/${code}`, { name: `第${i}镇`, level: 'township', parent: COUNTY })));
        expect(unitPuts.map((r) => r.status)).toEqual(TOWNSHIPS.map(() => 200));

        // Four writers on each instance: creates, and a finalize after some of them; every write is for a unit and
        // month of its own, so every one should be acknowledged.
        const plans = TOWNSHIPS.flatMap((unit) => PERIODS.map((period) => ({ unit, period })));
        const acked = new Map<string, AssessmentRecord>();
        const queue = [...plans];
        const writer = async (server: ServerProcess) => {
          for (let p = queue.shift(); p; p = queue.shift()) {
            const body = { ...base, unit: { code: p.unit, name: '镇', level: 'township' }, period: p.period };
            const created = await call(server, 'POST', '/assessments', body);
            expect(created.status, JSON.stringify(created.json)).toBe(201);
            acked.set(created.json.id, created.json);
            if (p.period.endsWith('3') || p.period.endsWith('7')) {
              const fin = await call(server === a ? b : a, 'POST', `/assessments/${created.json.id}/finalize`);
              expect(fin.status).toBe(200);
              acked.set(created.json.id, fin.json);
            }
          }
        };
        await Promise.all([a, b, a, b, a, b, a, b].map(writer));
        expect(acked.size).toBe(plans.length);

        const verification = await call(b, 'GET', '/audit/verify');
        expect(verification.json).toMatchObject({ ok: true, entries: 1 + TOWNSHIPS.length + 1 + plans.length + 12 * (1 + FINDINGS) });
        const db = new pg.Client({ connectionString: schema.url });
        await db.connect();
        try {
          const seqs = (await db.query('SELECT seq FROM audit_log ORDER BY seq')).rows.map((r) => Number(r.seq));
          expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
        } finally {
          await db.end();
        }
        for (const [id, rec] of acked) expect((await call(a, 'GET', `/assessments/${id}`)).json, id).toEqual(rec);

        // Failed sign-ins from one client, split over both instances, are counted once: the budget is shared.
        const client = { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200) + 20}` };
        const bogus = (i: number) => ({ ...client, authorization: `Bearer made-up-token-${String(i).padStart(8, '0')}` });
        for (let i = 0; i < LIMITS.authFailuresPerMinute; i++) expect((await fetch(`${(i % 2 ? a : b).url}/rubrics`, { headers: bogus(i) })).status).toBe(401);
        expect((await fetch(`${a.url}/rubrics`, { headers: bogus(100) })).status).toBe(429);
        expect((await fetch(`${b.url}/rubrics`, { headers: bogus(101) })).status).toBe(429);
        expect((await fetch(`${b.url}/rubrics`, { headers: { ...client, authorization: headers.authorization } })).status).toBe(200);

        // A reporting instance over the same data, read-only (here the same database stands in for a replica).
        const reporting = await startServer({ ...env, DATABASE_URL: '', DATABASE_URL_READONLY: schema.url });
        servers.push(reporting);
        expect(reporting.output()).toContain('只读报表实例');
        const list = await call(reporting, 'GET', `/assessments?county=${COUNTY}`);
        expect(list.json).toHaveLength(plans.length);
        const county = await call(reporting, 'GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2025-03&format=json`);
        expect(county.json.units).toHaveLength(TOWNSHIPS.length);
        expect((await call(reporting, 'GET', '/audit/verify')).json).toMatchObject({ ok: true });
        const write = await call(reporting, 'POST', '/assessments', { ...base, unit: { code: TOWNSHIPS[0], name: '镇', level: 'township' }, period: '2024-01' });
        expect(write).toMatchObject({ status: 503, json: { code: 'READ_ONLY' } });
        expect((await call(reporting, 'PUT', `/units/${COUNTY}`, { name: '改名', level: 'county', parent: null })).json.code).toBe('READ_ONLY');
        expect((await call(a, 'GET', `/units/${COUNTY}`)).json.name).toBe('双实例县');
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
        await schema.drop();
      }
    },
    180_000,
  );
});

describe.each(BACKINGS.filter((b) => b.name !== 'memory'))('two app instances sharing counters through $name', (backing) => {
  it.skipIf(!backing.available)('one rate limit and one sign-in budget, whichever instance is asked', async () => {
    const made = await backing.make();
    const schema = await pgTestSchema('limits');
    const stores = [openPostgres(schema.url), openPostgres(schema.url)];
    await stores[0]!.migrate();
    const counters = [made.open(), made.open()];
    const apps: FastifyInstance[] = await Promise.all([0, 1].map((i) => testApp(stores[i]!, { rateLimit: 5, counters: counters[i]!, trustProxy: '127.0.0.1' })));
    try {
      const who = { 'x-forwarded-for': '192.0.2.44' };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await apps[i % 2]!.inject({ url: '/rubrics', headers: { ...auth, ...who } })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      for (let i = 0; i < LIMITS.authFailuresPerMinute; i++) await apps[i % 2]!.inject({ url: '/rubrics', headers: { ...who, authorization: `Bearer made-up-${i}-0123456789abcdef` } });
      expect((await apps[0]!.inject({ url: '/rubrics', headers: { ...who, authorization: 'Bearer made-up-last-0123456789abcdef' } })).statusCode).toBe(429);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await Promise.all(counters.map((c) => c.close()));
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
      await made.drop();
    }
  });
});
