// What the web app asks of the API (who is signed in, compact record lists) and how the page itself is served.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/access/policy.js';
import { ACTIONS, type Principal } from '../../src/domain/people.js';
import type { Store } from '../../src/store/types.js';
import { auth, testApp, testAppWithPage } from '../support/api.js';
import { fixture } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';

const sqlite = STORES.find((k) => k.name === 'sqlite')!;

const UNITS = [
  { code: '330201000000', name: '甲县', level: 'county', parent: null },
  { code: '330201101000', name: '甲一镇', level: 'township', parent: '330201000000' },
  { code: '330201101201', name: '甲一村', level: 'village', parent: '330201101000' },
  { code: '330201102000', name: '甲二镇', level: 'township', parent: '330201000000' },
] as const;
const PRINCIPALS: Principal[] = [
  { name: '考核员', role: 'county_inspector', scope: '330201000000' },
  { name: '甲一镇工作人员', role: 'township_staff', scope: '330201101000' },
  { name: '甲一镇只读', role: 'viewer', scope: '330201101000' },
];
const standard = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const sub = (code: string, name: string, period: string) => ({ ...standard, unit: { code, name, level: 'township' }, period });

describe('the web app API', () => {
  let store: Store;
  let app: FastifyInstance;
  const tokens = new Map<string, string>();
  const as = (name: string) => ({ authorization: `Bearer ${tokens.get(name)}` });
  const ids: string[] = [];

  beforeAll(async () => {
    store = await sqlite.open();
    app = await testApp(store);
    expect((await app.inject({ method: 'POST', url: '/units/import', headers: auth, payload: UNITS })).statusCode).toBe(201);
    for (const p of PRINCIPALS) tokens.set(p.name, (await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: p })).json().token);
    for (const [code, name, period] of [['330201101000', '甲一镇', '2026-09'], ['330201101000', '甲一镇', '2026-10'], ['330201102000', '甲二镇', '2026-10']] as const) {
      const res = await app.inject({ method: 'POST', url: '/assessments', headers: as('考核员'), payload: sub(code, name, period) });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    expect((await app.inject({ method: 'POST', url: `/assessments/${ids[0]}/finalize`, headers: as('考核员') })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/assessments', headers: as('甲一镇工作人员'), payload: sub('330201101000', '甲一镇', '2026-10') })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('/me: who the token belongs to, with its scope unit and what the policy lets the role do there', async () => {
    for (const p of PRINCIPALS) {
      const me = (await app.inject({ method: 'GET', url: '/me', headers: as(p.name) })).json();
      expect(me).toMatchObject({ name: p.name, role: p.role, scope: p.scope, unit: { code: p.scope } });
      for (const a of ACTIONS) expect(me.may[a], `${p.role} ${a}`).toBe(decide(p, { ancestry: [p.scope!] }, a) === 'allow');
    }
    expect((await app.inject({ method: 'GET', url: '/me', headers: as('甲一镇工作人员') })).json().may).toEqual({ read: true, write: true, certify: false, manage: false, rectify: true, review: false });
    const admin = (await app.inject({ method: 'GET', url: '/me', headers: auth })).json();
    expect(admin).toMatchObject({ role: 'admin', role_label: '管理员', scope: null, unit: null, may: { read: true, write: true, certify: true, manage: true, rectify: true, review: true } });
    const bad = await app.inject({ method: 'GET', url: '/me', headers: { authorization: 'Bearer not-a-token-at-all-000000' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().message).toBe('令牌无效或已吊销');
  });

  it('/assessments/summary: compact rows over a period range, origin apart, within the scope only', async () => {
    const rows = (await app.inject({ method: 'GET', url: '/assessments/summary?county=330201000000&from=2026-10&to=2026-10&origin=inspection', headers: auth })).json();
    expect(rows.map((r: { unit: { code: string } }) => r.unit.code).sort()).toEqual(['330201101000', '330201102000']);
    const full = (await app.inject({ method: 'GET', url: `/assessments/${ids[1]}`, headers: auth })).json();
    const row = rows.find((r: { id: string }) => r.id === ids[1]);
    expect(row).toEqual({
      id: ids[1], unit: full.assessment.unit, period: '2026-10', rubric: { id: 'township-center-2022', version: full.rubric.version }, status: 'draft', origin: 'inspection', revision: 1,
      tier: 'standard', tier_label: '标准型', result: full.assessment.result, score: full.assessment.score, grade: null, counts: full.assessment.counts,
      unmet: full.assessment.results.filter((r: { status: string }) => r.status === 'unmet').map((r: { id: string }) => r.id),
      created_at: full.created_at, created_by: '考核员', finalized_at: null,
    });
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(full).length / 10);
    const range = (await app.inject({ method: 'GET', url: '/assessments/summary?unit=330201101000&from=2026-09&to=2026-10', headers: auth })).json();
    expect(range.map((r: { period: string; origin: string; status: string }) => `${r.period} ${r.origin} ${r.status}`).sort()).toEqual(['2026-09 inspection final', '2026-10 inspection draft', '2026-10 self_check draft']);
    // The township's staff see their own township, never the next one: out of scope reads as nonexistent.
    const mine = (await app.inject({ method: 'GET', url: '/assessments/summary', headers: as('甲一镇工作人员') })).json();
    expect(new Set(mine.map((r: { unit: { code: string } }) => r.unit.code))).toEqual(new Set(['330201101000']));
    const other = await app.inject({ method: 'GET', url: '/assessments/summary?unit=330201102000', headers: as('甲一镇工作人员') });
    const none = await app.inject({ method: 'GET', url: '/assessments/summary?unit=330201999000', headers: as('甲一镇工作人员') });
    expect(other.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(other.json().message.replace('330201102000', 'X')).toBe(none.json().message.replace('330201999000', 'X'));
    expect((await app.inject({ method: 'GET', url: '/assessments/summary?from=2026-13', headers: auth })).statusCode).toBe(400);
  });
});

describe('serving the page', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await sqlite.open();
    app = await testAppWithPage(store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('serves the page and its assets without a token, under a strict script policy that works over plain HTTP', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
    const js = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('keeps every API path as it was: a token is still needed, and nothing outside the build is reachable', async () => {
    expect((await app.inject({ method: 'GET', url: '/rubrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/units/330201000000' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/rubrics', headers: auth })).statusCode).toBe(200);
    for (const url of ['/assets/../index.html', '/assets/%2e%2e/%2e%2e/package.json', '/assets/nope.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect([401, 403, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('"name"');
    }
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths['/']).toBeUndefined();
  });

  it('without a build there is no page, and the API is unchanged', async () => {
    const bare = await testApp(store);
    expect((await bare.inject({ method: 'GET', url: '/' })).statusCode).toBe(401);
    await bare.close();
  });
});
