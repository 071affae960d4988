// What a hostile or careless client can send, through real HTTP (app.inject): limits answer 413, 400 or 429 with
// coded Chinese bodies, nothing hangs or pollutes, security headers are set, and closing lets in-flight work finish.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/api/limits.js';
import { buildTemplate } from '../../src/excel/template.js';
import type { Store } from '../../src/store/types.js';
import { auth, multipart, testApp } from '../support/api.js';
import { fixture, rubric } from '../support/rubrics.js';
import { pause, rawConnection, requestHead } from '../support/raw-http.js';
import { STORES } from '../support/stores.js';

const sqlite = STORES.find((s) => s.name === 'sqlite')!;
const standard = () => JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));

/** A multipart body with the given parts, each a file unless it is a plain field. */
function parts(list: Array<{ name: string; file?: Uint8Array; value?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----hostile' + Math.random().toString(16).slice(2);
  const chunks = list.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.file ? `; filename="${p.name}.xlsx"` : ''}\r\n${p.file ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`),
    p.file ? Buffer.from(p.file) : Buffer.from(p.value ?? ''),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('hostile requests', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await sqlite.open();
    app = await testApp(store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('an oversize JSON body is 413, with the limit in the message', async () => {
    const big = { ...standard(), inspector: 'x'.repeat(LIMITS.bodyBytes + 1) };
    const res = await app.inject({ method: 'POST', url: '/score', headers: auth, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('2 MiB'), details: [] });
  });

  it('too many files, or an oversize file, is 413; a missing file or a broken body is 400; none of it hangs', async () => {
    const xlsx = await buildTemplate(await rubric('township-center-2022'));
    const two = parts([{ name: 'file', file: xlsx }, { name: 'file2', file: xlsx }]);
    expect((await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...two.headers }, payload: two.payload })).json()).toMatchObject({ code: 'TOO_LARGE' });

    const huge = multipart(new Uint8Array(LIMITS.fileBytes + 1024));
    const tooBig = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...huge.headers }, payload: huge.payload });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toContain('20 MiB');

    const fieldOnly = parts([{ name: 'note', value: 'no file here' }]);
    const none = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...fieldOnly.headers }, payload: fieldOnly.payload });
    expect(none.statusCode).toBe(400);
    expect(none.json().details[0]).toMatchObject({ path: '/file' });

    const truncated = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, 'content-type': 'multipart/form-data; boundary=xyz' }, payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK' });
    expect(truncated.statusCode).toBe(400);

    const notMultipart = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, 'content-type': 'application/octet-stream' }, payload: Buffer.from('PK') });
    expect([400, 415]).toContain(notMultipart.statusCode);
  });

  it('__proto__ and constructor.prototype keys in JSON are refused, and nothing is polluted', async () => {
    const before = Object.keys(Object.prototype);
    for (const payload of [
      `{"rubric":"township-center-2022","__proto__":{"polluted":true}}`,
      `{"rubric":"township-center-2022","answers":{"constructor":{"prototype":{"polluted":true}}}}`,
    ]) {
      const res = await app.inject({ method: 'POST', url: '/score', headers: { ...auth, 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('BAD_REQUEST');
    }
    expect(Object.keys(Object.prototype)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bad query strings and path parameters get Chinese messages naming the parameter, on every route', async () => {
    const bad = async (method: 'GET' | 'POST', url: string) => {
      const res = await app.inject({ method, url, headers: auth, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, url).toBe(400);
      return res.json() as { code: string; message: string; details: Array<{ path: string; message: string }> };
    };
    expect(await bad('POST', '/assessments/not-a-uuid/amend')).toMatchObject({ code: 'BAD_REQUEST', message: '路径参数有 1 处问题', details: [{ path: '/id', message: '格式应为记录编号（UUID），实际为“not-a-uuid”' }] });
    expect((await bad('POST', '/assessments/not-a-uuid/finalize')).details[0]!.path).toBe('/id');
    expect((await bad('GET', '/reports/county?rubric=township-center-2022&county=330212000000&period=2026-13')).details).toEqual([
      { code: 'SCHEMA', path: '/period', message: '期间格式应为 YYYY-MM（如 2026-11）；按季度或半年考核的写 YYYY-Qn（如 2026-Q3）或 YYYY-Hn（如 2026-H1），实际为“2026-13”' },
    ]);
    expect((await bad('GET', '/reports/county?rubric=township-center-2022&county=330212000000')).details).toEqual([{ code: 'SCHEMA', path: '/period', message: '缺少必填字段“period”' }]);
    expect((await bad('GET', '/units/bad!code')).details[0]!.message).toContain('单位代码只能由数字、字母和连字符组成');
    expect((await bad('GET', '/assessments?status=done')).message).toBe('查询参数有 1 处问题');
  });

  it('sets security headers on every answer, errors included', async () => {
    for (const res of [await app.inject({ url: '/health' }), await app.inject({ url: '/rubrics' })]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    }
  });
});

describe('rate limit', () => {
  it('request N+1 within a minute is 429 with a coded Chinese body; each token has its own budget', async () => {
    const store = await sqlite.open();
    const app = await testApp(store, { rateLimit: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await app.inject({ url: '/rubrics', headers: auth })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const limited = await app.inject({ url: '/rubrics', headers: auth });
      expect(limited.json()).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: [], total: 0 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another credential (here none at all) is counted apart, and health checks are never limited.
      expect((await app.inject({ url: '/rubrics' })).statusCode).toBe(401);
      for (let i = 0; i < 10; i++) expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('failed sign-ins', () => {
  const bogus = (i: number, more: Record<string, string> = {}) => ({ authorization: `Bearer made-up-token-${String(i).padStart(8, '0')}`, ...more });

  it('past the budget made-up tokens get 429, yet a valid token from the same address is never refused (the administrator\'s, or an issued one)', async () => {
    const store = await sqlite.open();
    const app = await testApp(store);
    try {
      await app.inject({ method: 'PUT', url: '/units/330212000000', headers: auth, payload: { name: '测试县', level: 'county', parent: null } });
      const viewer = { authorization: `Bearer ${(await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '只读', role: 'viewer', scope: '330212000000' } })).json().token}` };
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.authFailuresPerMinute + 3; i++) statuses.push((await app.inject({ url: '/rubrics', headers: bogus(i) })).statusCode);
      expect(statuses).toEqual([...Array(LIMITS.authFailuresPerMinute).fill(401), 429, 429, 429]);
      const refused = await app.inject({ url: '/rubrics', headers: bogus(999) });
      expect(refused.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^令牌验证失败次数过多，请 \d+ 秒后再试$/), details: [], total: 0 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Everyone behind the same address with a real token carries on.
      expect((await app.inject({ url: '/rubrics', headers: auth })).statusCode).toBe(200);
      expect((await app.inject({ url: '/units', headers: viewer })).statusCode).toBe(200);
      // The health check stays open to the load balancer.
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('TRUST_PROXY: behind a named proxy the forwarded client address is counted, so one client cannot lock out the others', async () => {
    const store = await sqlite.open();
    const app = await testApp(store, { trustProxy: '127.0.0.1' });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < LIMITS.authFailuresPerMinute; i++) await app.inject({ url: '/rubrics', headers: bogus(i, from('203.0.113.7')) });
      expect((await app.inject({ url: '/rubrics', headers: bogus(100, from('203.0.113.7')) })).statusCode).toBe(429);
      // Another client behind the same proxy is judged on its own failures.
      expect((await app.inject({ url: '/rubrics', headers: bogus(101, from('203.0.113.8')) })).statusCode).toBe(401);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('without TRUST_PROXY the header is ignored: a client cannot dodge the throttle by making up addresses', async () => {
    const store = await sqlite.open();
    const app = await testApp(store);
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= LIMITS.authFailuresPerMinute; i++) statuses.push((await app.inject({ url: '/rubrics', headers: bogus(i, { 'x-forwarded-for': `198.51.100.${i}` }) })).statusCode);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('closing', () => {
  /** An app with a county and a township, listening on a free port. */
  const listening = async () => {
    const store = await sqlite.open();
    const app = await testApp(store);
    await app.inject({ method: 'PUT', url: '/units/330212000000', headers: auth, payload: { name: '测试县', level: 'county', parent: null } });
    await app.inject({ method: 'PUT', url: '/units/330212102000', headers: auth, payload: { name: '西岭镇', level: 'township', parent: '330212000000' } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { store, app, port: (app.server.address() as AddressInfo).port };
  };

  it('an upload in flight when the app starts closing finishes; a request that follows on the same connection gets 503', async () => {
    const { store, app, port } = await listening();
    const body = multipart(await buildTemplate(await rubric('township-center-2022'), { prefill: standard() }));
    const conn = rawConnection(port);
    // The upload arrives slowly: half now, the rest after closing has begun.
    const half = Math.floor(body.payload.length / 2);
    conn.socket.write(requestHead('POST', '/assessments/import', { ...auth, ...body.headers, 'content-length': body.payload.length }));
    conn.socket.write(body.payload.subarray(0, half));
    await pause(100);
    const closed = app.close();
    await pause(50);
    conn.socket.write(body.payload.subarray(half));
    conn.socket.write(requestHead('GET', '/rubrics', auth));
    await conn.closed();
    expect(conn.statuses()).toEqual([201, 503]);
    expect(conn.received()).toContain('UNAVAILABLE');
    await closed;
    expect((await store.listAssessments()).map((a) => a.unit)).toEqual(['330212102000']);
    await store.close();
  });

  it('new requests on already-open keep-alive connections get 503 with Connection: close, never a reset; a write among them is not made', async () => {
    const { store, app, port } = await listening();
    // Eleven clients, each with a connection that has served one request and is now idle, kept alive.
    const conns = Array.from({ length: 11 }, () => rawConnection(port));
    for (const c of conns) c.socket.write(requestHead('GET', '/health', {}));
    await pause(300);
    expect(conns.map((c) => c.statuses())).toEqual(conns.map(() => [200]));
    const closed = app.close();
    await pause(100);
    const body = JSON.stringify({ ...standard(), unit: { code: '330212102000', name: '西岭镇', level: 'township' } });
    for (const [i, c] of conns.entries()) {
      c.socket.write(i === 0 ? requestHead('POST', '/assessments', { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) + body : requestHead('GET', '/rubrics', auth));
    }
    await Promise.all(conns.map((c) => c.closed(5_000)));
    for (const c of conns) {
      expect(c.statuses()).toEqual([200, 503]);
      expect(c.received()).toMatch(/HTTP\/1\.1 503[^]*\r\nconnection: close\r\n[^]*"code":"UNAVAILABLE"/i);
    }
    await closed;
    expect(await store.listAssessments()).toEqual([]);
    await store.close();
  });
});
