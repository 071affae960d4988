// Access control over real HTTP: tokens issued through the API, and the whole (role, scope, unit, action) space
// checked as a property against the pure policy function.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/access/policy.js';
import type { Action, Principal } from '../../src/domain/people.js';
import type { Store } from '../../src/store/types.js';
import { auth, testApp } from '../support/api.js';
import { fixture } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';

const UNITS = [
  { code: '330201000000', name: '甲县', level: 'county', parent: null },
  { code: '330201101000', name: '甲一镇', level: 'township', parent: '330201000000' },
  { code: '330201101201', name: '甲一村', level: 'village', parent: '330201101000' },
  { code: '330201102000', name: '甲二镇', level: 'township', parent: '330201000000' },
  { code: '330202000000', name: '乙县', level: 'county', parent: null },
  { code: '330202101000', name: '乙一镇', level: 'township', parent: '330202000000' },
] as const;
type Unit = (typeof UNITS)[number];
const ancestry = (code: string): string[] => {
  const u = UNITS.find((x) => x.code === code)!;
  return u.parent ? [...ancestry(u.parent), u.code] : [u.code];
};

const json = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8'));
/** A valid submission for a township or village, for a given month. */
function submissionFor(u: Unit, period: string) {
  const base = u.level === 'village' ? json('county-monthly-assessment/good.json') : json('township-center-2022/standard.json');
  return { ...base, unit: { code: u.code, name: u.name, level: u.level }, period };
}

const PRINCIPALS: Array<Omit<Principal, 'name'> & { name: string }> = [
  { name: '甲县考核员', role: 'county_inspector', scope: '330201000000' },
  { name: '乙县考核员', role: 'county_inspector', scope: '330202000000' },
  { name: '甲一镇工作人员', role: 'township_staff', scope: '330201101000' },
  { name: '乙一镇工作人员', role: 'township_staff', scope: '330202101000' },
  { name: '甲县只读', role: 'viewer', scope: '330201000000' },
  { name: '甲一镇只读', role: 'viewer', scope: '330201101000' },
];

describe.each(STORES)('access on $name', (kind) => {
  const maybe = kind.available ? it : it.skip;
  let store: Store;
  let app: FastifyInstance;
  const tokens = new Map<string, string>();
  /** Per unit below county level: an inspection draft; and one self-check by 甲一镇's staff. */
  const records = new Map<string, string>();
  let selfCheck = '';
  const as = (name: string) => ({ authorization: `Bearer ${tokens.get(name)}` });

  beforeAll(async () => {
    if (!kind.available) return;
    store = await kind.open();
    app = await testApp(store);
    const put = await app.inject({ method: 'POST', url: '/units/import', headers: auth, payload: UNITS });
    expect(put.statusCode, put.body).toBe(201);
    for (const p of PRINCIPALS) {
      const res = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: p.name, role: p.role, scope: p.scope } });
      expect(res.statusCode, res.body).toBe(201);
      tokens.set(p.name, res.json().token);
    }
    for (const u of UNITS.filter((x) => x.level !== 'county')) {
      const res = await app.inject({ method: 'POST', url: '/assessments', headers: auth, payload: submissionFor(u, '2026-10') });
      expect(res.statusCode, res.body).toBe(201);
      records.set(u.code, res.json().id);
    }
    const own = await app.inject({ method: 'POST', url: '/assessments', headers: as('甲一镇工作人员'), payload: submissionFor(UNITS[1], '2026-10') });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ origin: 'self_check', created_by: '甲一镇工作人员' });
    selfCheck = own.json().id;
  });
  afterAll(async () => {
    if (!kind.available) return;
    await app.close();
    await store.close();
  });

  maybe('tokens: issued once, stored only as a digest, validated, listed without secrets, and revocable', async () => {
    const issued = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '临时', role: 'viewer', scope: '330201102000' } });
    const { token, id } = issued.json();
    expect(token).toMatch(/^bm_[A-Za-z0-9_-]{32}$/);
    const listed = await app.inject({ url: '/tokens', headers: auth });
    expect(listed.body).not.toContain(token);
    expect(listed.json().find((t: { id: string }) => t.id === id)).toEqual({ id, name: '临时', role: 'viewer', scope: '330201102000', created_at: expect.any(String), created_by: 'inspector-1', revoked_at: null });
    expect(JSON.stringify(await store.listTokens())).not.toContain(token);
    expect(JSON.stringify(await store.readLog())).not.toContain(token);
    expect((await app.inject({ url: '/units/330201102000', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/tokens/${id}`, headers: auth })).json()).toMatchObject({ revoked_at: expect.any(String) });
    const after = await app.inject({ url: '/units/330201102000', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toBe('令牌无效或已吊销');

    const bad = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: ' ', role: 'township_staff', scope: '330201000000' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(['/name', '/scope']);
    expect((await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '无范围', role: 'county_inspector' } })).json().details[0]).toMatchObject({ path: '/scope' });
    expect((await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '管理员', role: 'admin', scope: '330201000000' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/tokens', headers: as('甲县考核员'), payload: { name: 'x', role: 'viewer', scope: '330201000000' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/tokens', headers: as('甲县只读') })).statusCode).toBe(403);
  });

  maybe('a township self-check is its own record: the county ranking ignores it, and the inspector cannot rewrite it', async () => {
    const county = await app.inject({ url: '/reports/county?rubric=township-center-2022&county=330201000000&period=2026-10&format=json', headers: as('甲县考核员') });
    expect(county.statusCode).toBe(200);
    expect(county.json().totals.units).toBe(2);
    const mine = await app.inject({ url: '/assessments?unit=330201101000&origin=self_check', headers: as('甲一镇工作人员') });
    expect(mine.json().map((r: { id: string }) => r.id)).toEqual([selfCheck]);
    expect((await app.inject({ method: 'POST', url: `/assessments/${selfCheck}/finalize`, headers: as('甲县考核员') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/assessments/${selfCheck}/finalize`, headers: as('甲一镇工作人员') })).statusCode).toBe(403);
  });

  maybe('listing without naming a unit shows only what is in scope', async () => {
    const list = await app.inject({ url: '/assessments', headers: as('甲一镇只读') });
    expect(new Set(list.json().map((r: { unit: string }) => r.unit))).toEqual(new Set(['330201101000', '330201101201']));
    const units = await app.inject({ url: '/units', headers: as('乙县考核员') });
    expect(units.json().map((u: { code: string }) => u.code)).toEqual(['330202000000', '330202101000']);
  });

  maybe('a unit that does not exist and one out of scope look the same', async () => {
    const missing = await app.inject({ url: '/units/330299999000', headers: as('甲县考核员') });
    const hidden = await app.inject({ url: '/units/330202101000', headers: as('甲县考核员') });
    expect([missing.statusCode, hidden.statusCode]).toEqual([404, 404]);
    expect(hidden.json().message).toBe('找不到单位 330202101000');
    const record = await app.inject({ url: `/assessments/${records.get('330202101000')}`, headers: as('甲县考核员') });
    expect(record.statusCode).toBe(404);
    expect(record.json().message).toBe(`找不到考核记录 ${records.get('330202101000')}`);
  });

  maybe('refusals are written to the log with who, what and why', async () => {
    await app.inject({ method: 'POST', url: '/assessments', headers: as('甲县只读'), payload: submissionFor(UNITS[3], '2026-09') });
    const log = await store.readLog(1, 10_000);
    expect(log.filter((e) => e.action === 'access.denied').at(-1)).toMatchObject({
      actor: '甲县只读',
      target: '330201102000',
      payload: { role: 'viewer', scope: '330201000000', action: 'write', decision: 'forbidden' },
    });
    expect((await store.verifyLog()).ok).toBe(true);
  });

  /** One request of each kind against a unit, with the action the policy should judge it as. */
  type Op = 'get-record' | 'list' | 'create' | 'finalize' | 'amend' | 'get-unit' | 'put-unit' | 'county-report' | 'get-self-check' | 'amend-self-check';
  const OPS: Op[] = ['get-record', 'list', 'create', 'finalize', 'amend', 'get-unit', 'put-unit', 'county-report', 'get-self-check', 'amend-self-check'];

  async function perform(who: string, op: Op, u: Unit, n: number): Promise<{ status: number; action: Action; unit: string; origin?: 'inspection' | 'self_check' }> {
    const headers = who === 'admin' ? auth : as(who);
    // A month the rubrics define values for (2022-01 to 2026-10), so an allowed create is judged on its merits.
    const month = n % 58;
    const period = `${2022 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const recordOf = async (id: string) => (await store.getAssessment(id))!;
    switch (op) {
      case 'get-record': {
        const id = records.get(u.code) ?? records.get('330201101000')!;
        const rec = await recordOf(id);
        return { status: (await app.inject({ url: `/assessments/${id}`, headers })).statusCode, action: 'read', unit: rec.unit, origin: rec.origin };
      }
      case 'list':
        return { status: (await app.inject({ url: `/assessments?unit=${u.code}`, headers })).statusCode, action: 'read', unit: u.code };
      case 'create': {
        const target = u.level === 'county' ? UNITS[1] : u;
        return { status: (await app.inject({ method: 'POST', url: '/assessments', headers, payload: submissionFor(target, period) })).statusCode, action: 'write', unit: target.code };
      }
      case 'finalize': {
        const id = records.get(u.code) ?? records.get('330201101000')!;
        const rec = await recordOf(id);
        return { status: (await app.inject({ method: 'POST', url: `/assessments/${id}/finalize`, headers })).statusCode, action: 'certify', unit: rec.unit, origin: rec.origin };
      }
      case 'amend':
      case 'amend-self-check': {
        const id = op === 'amend' ? (records.get(u.code) ?? records.get('330201101000')!) : selfCheck;
        const rec = await recordOf(id);
        const target = UNITS.find((x) => x.code === rec.unit)!;
        const res = await app.inject({ method: 'POST', url: `/assessments/${id}/amend`, headers, payload: { submission: submissionFor(target, rec.period), reason: '复核' } });
        // Keep following the current revision, so later amendments are judged on a live record.
        if (res.statusCode === 201) op === 'amend' ? records.set(rec.unit, res.json().id) : (selfCheck = res.json().id);
        return { status: res.statusCode, action: rec.status === 'draft' ? 'write' : 'certify', unit: rec.unit, origin: rec.origin };
      }
      case 'get-self-check': {
        const rec = await recordOf(selfCheck);
        return { status: (await app.inject({ url: `/assessments/${selfCheck}`, headers })).statusCode, action: 'read', unit: rec.unit, origin: rec.origin };
      }
      case 'get-unit':
        return { status: (await app.inject({ url: `/units/${u.code}`, headers })).statusCode, action: 'read', unit: u.code };
      case 'put-unit':
        return { status: (await app.inject({ method: 'PUT', url: `/units/${u.code}`, headers, payload: { name: u.name, level: u.level, parent: u.parent } })).statusCode, action: 'manage', unit: u.code };
      case 'county-report':
        return {
          status: (await app.inject({ url: `/reports/county?rubric=township-center-2022&county=${u.code}&period=2026-10&format=json`, headers })).statusCode,
          action: 'read',
          unit: u.code,
        };
    }
  }

  maybe('property: for every role, scope, unit and action, the HTTP answer is what the policy decides', async () => {
    const who = fc.constantFrom('admin', ...PRINCIPALS.map((p) => p.name));
    let n = 0;
    const seen = new Map<string, number>();
    const done = new Set<Action>();
    await fc.assert(
      fc.asyncProperty(who, fc.constantFrom(...OPS), fc.constantFrom(...UNITS), async (name, op, u) => {
        const r = await perform(name, op, u, n++);
        const actor = name === 'admin' ? { role: 'admin' as const, scope: null } : PRINCIPALS.find((p) => p.name === name)!;
        const expected = decide(actor, { ancestry: ancestry(r.unit), ...(r.origin ? { origin: r.origin } : {}) }, r.action);
        // Allowed means done (2xx) or refused for the record's own state (409: already final, superseded, duplicate).
        const got = r.status === 404 ? 'not_found' : r.status === 403 ? 'forbidden' : r.status < 300 || r.status === 409 ? 'allow' : `status ${r.status}`;
        if (r.status < 300) done.add(r.action);
        seen.set(`${expected}:${r.action}`, (seen.get(`${expected}:${r.action}`) ?? 0) + 1);
        expect(got, `${name} ${op} ${u.code} (${r.action} on ${r.unit}${r.origin ? `, ${r.origin}` : ''}) → ${r.status}`).toBe(expected);
      }),
      { numRuns: 200, seed: 20261123 },
    );
    // Not vacuous: every decision was met, for reads, writes, certifications and management alike.
    for (const k of ['allow:read', 'not_found:read', 'allow:write', 'forbidden:write', 'not_found:write', 'allow:certify', 'forbidden:certify', 'allow:manage', 'forbidden:manage']) {
      expect(seen.get(k), k).toBeGreaterThan(0);
    }
    // And every kind of action really succeeded at least once, not only ended in a conflict.
    expect([...done].sort()).toEqual(['certify', 'manage', 'read', 'write']);
  });
});
