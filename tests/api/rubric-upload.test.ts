// A county's own rubric through the API: an administrator uploads it with its transcription; it is checked like a
// file, pinned by hash with its upload on the record chain, usable at once, and in force again after a restart.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../../src/rubric/load.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { auth, NOW, TOKEN } from '../support/api.js';
import { pgTestSchema } from '../support/stores.js';

const INSPECTOR = 'inspector-token-0123456789';
const yaml = readFileSync(join(PACKAGE_ROOT, 'tests/support/my-county.yaml'), 'utf8');
const transcription = '# 某县便民服务站考核细则\n\n## 一、场所\n\n1. 便民服务站应设在村委会一楼。\n2. 每发现一次脱岗扣2分。\n';
const upload = { rubric: yaml, transcriptions: { 'standards/my-county.md': transcription } };
const sub = { rubric: 'my-county', unit: { code: '330212001201', name: '某村便民服务站', level: 'village' }, period: '2026-11', answers: { '1': true, '2': 3 } };

/** A store that outlives its app: SQLite in a file, or a PostgreSQL schema of its own. */
const kinds = [
  {
    name: 'sqlite',
    async place() {
      const file = join(mkdtempSync(join(tmpdir(), 'bm-upload-')), 'store.sqlite');
      return { open: () => openSqlite(file), drop: async () => undefined };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres', async place() { const s = await pgTestSchema('up'); return { open: () => openPostgres(s.url), drop: s.drop }; } }]
    : []),
];

async function app(store: Store) {
  await store.migrate();
  const tokens = new TokenRegistry();
  tokens.add(TOKEN, { name: 'admin-1', role: 'admin', scope: null });
  tokens.add(INSPECTOR, { name: '张华', role: 'county_inspector', scope: '330212000000' });
  return buildApp({ store, rubrics: rubricMap(await listRubrics()), tokens, now: () => NOW });
}

describe.each(kinds)('uploading a rubric on $name', (kind) => {
  it('is checked, pinned, usable at once, on the chain, and in force after a restart', async () => {
    const place = await kind.place();
    let store = place.open();
    let a = await app(store);
    const res = await a.inject({ method: 'POST', url: '/rubrics', headers: auth, payload: upload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'my-county', version: '2026.1', indicators: 2 });
    expect((await a.inject({ url: '/rubrics', headers: auth })).json().map((r: { id: string }) => r.id)).toContain('my-county');
    const scored = await a.inject({ method: 'POST', url: '/score', headers: auth, payload: sub });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().score).toBe(94);
    const template = await a.inject({ url: '/rubrics/my-county/template?code=330212001201&name=%E6%9F%90%E6%9D%91&level=village&period=2026-11', headers: auth });
    expect(template.statusCode).toBe(200);
    const log = (await a.inject({ url: '/audit/log?limit=1000', headers: auth })).json();
    const entries = log as Array<{ action: string; target: string; payload: { hash?: string; transcriptions?: Record<string, string> } }>;
    const entry = entries.find((e) => e.action === 'rubric.upload')!;
    expect(entry).toMatchObject({ target: 'rubric:my-county', payload: { hash: res.json().hash } });
    expect(Object.keys(entry.payload.transcriptions!)).toEqual(['standards/my-county.md']);
    await a.close();

    store = place.open();
    a = await app(store);
    expect((await a.inject({ method: 'POST', url: '/score', headers: auth, payload: sub })).json().score).toBe(94);
    expect((await a.inject({ url: '/audit/verify', headers: auth })).json()).toMatchObject({ ok: true });
    await a.close();
    await place.drop();
  });
});

describe('a rubric upload that is wrong, or not the administrator’s to make', () => {
  const refused = async (payload: unknown, token = TOKEN) => {
    const a = await app(openSqlite(':memory:'));
    const res = await a.inject({ method: 'POST', url: '/rubrics', headers: { authorization: `Bearer ${token}` }, payload: payload as object });
    await a.close();
    return res;
  };

  it('names every problem with its YAML path and line', async () => {
    const bad = yaml.replace('便民服务站应设在村委会一楼。', '便民服务站应设在村委会二楼。').replace('deduct: { per: 2 }', 'deduct: { rates: [{ count: gone, per: 2 }] }');
    const res = await refused({ ...upload, rubric: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('RUBRIC_REFUSED');
    const lineOf = (needle: string) => bad.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(res.json().details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/sections/0/indicators/1/deduct/rates/0/count', line: lineOf('count: gone') }),
      ]),
    );
  });

  it('refuses a quotation the uploaded transcription does not hold, and a missing transcription', async () => {
    const misquoted = await refused({ ...upload, rubric: yaml.replace('便民服务站应设在村委会一楼。', '便民服务站应设在村委会二楼。') });
    expect(misquoted.json().details).toMatchObject([{ code: 'QUOTE_NOT_FOUND', path: '/sections/0/indicators/0/text' }]);
    const missing = await refused({ rubric: yaml });
    expect(missing.json().details.map((p: { code: string }) => p.code)).toContain('CITATION_MISSING');
  });

  it('never replaces a bundled rubric, and is the administrator’s alone', async () => {
    const bundled = await refused({ ...upload, rubric: yaml.replace('id: my-county', 'id: township-center-2022') });
    expect(bundled.statusCode).toBe(400);
    expect(bundled.json().details).toMatchObject([{ code: 'DUPLICATE_ID', path: '/id' }]);
    expect((await refused(upload, INSPECTOR)).statusCode).toBe(403);
  });

  it('takes a tailoring of a bundled rubric, checking only the quotations it adds', async () => {
    const tailoring = readFileSync(join(PACKAGE_ROOT, 'fixtures/county-rubric/xx-county-township-2026.yaml'), 'utf8');
    const county = readFileSync(join(PACKAGE_ROOT, 'fixtures/county-rubric/standards/xx-county-2026.md'), 'utf8');
    const res = await refused({ rubric: tailoring, transcriptions: { 'standards/xx-county-2026.md': county } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'xx-county-township-2026', version: '2026.1' });
  });
});
