// Defect 1 of issue 12: one request stalled the server for 50 s. Bodies a client can send within the 2 MiB limit,
// with any valid token (a viewer's too), get a short coded answer: a body deeper or with more values than a
// submission could need is refused before it is parsed, answers beyond the rubric's indicators and answers too large
// for any indicator before any per-answer work, and an error lists at most the first 100 problems plus the total.
// (How long the event loop is held is measured in bench/stall.ts, never timed here.)
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/api/limits.js';
import type { Store } from '../../src/store/types.js';
import { auth, testApp } from '../support/api.js';
import { fixture } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';

const sqlite = STORES.find((s) => s.name === 'sqlite')!;
const standard = () => JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const manyKeys = (n: number, value: unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

describe('bodies that stalled the server', () => {
  let store: Store;
  let app: FastifyInstance;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    store = await sqlite.open();
    app = await testApp(store);
    await app.inject({ method: 'PUT', url: '/units/330212000000', headers: auth, payload: { name: '测试县', level: 'county', parent: null } });
    await app.inject({ method: 'PUT', url: '/units/330212102000', headers: auth, payload: { name: '西岭镇', level: 'township', parent: '330212000000' } });
    const issued = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '只读', role: 'viewer', scope: '330212000000' } });
    viewer = { authorization: `Bearer ${issued.json().token}` };
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("10,000 answer keys of [[1]] (a viewer's token): refused from one scan of the body, before it is even parsed", async () => {
    const body = { ...standard(), answers: manyKeys(10_000, [[1]]) };
    expect(JSON.stringify(body).length).toBeLessThan(LIMITS.bodyBytes);
    const res = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'BAD_REQUEST', message: '请求内容超过 20000 个值，本接口用不到这么多内容', details: [{ code: 'TOO_COMPLEX', path: '', message: '请求内容超过 20000 个值，本接口用不到这么多内容' }], total: 1 });
    // A create of the same body is refused the same way, and nothing is stored.
    const created = await app.inject({ method: 'POST', url: '/assessments', headers: auth, payload: { ...body, unit: { code: '330212102000', name: '西岭镇', level: 'township' } } });
    expect(created.json()).toMatchObject({ code: 'BAD_REQUEST', total: 1 });
    expect(await store.listAssessments()).toEqual([]);
  });

  it('40,000 unknown keys of true: a short answer (it was 6.6 MB after 16 s)', async () => {
    const res = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: { ...standard(), answers: manyKeys(40_000, true) } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ total: 1, details: [{ code: 'TOO_COMPLEX' }] });
    expect(res.body.length).toBeLessThan(1_000);
  });

  it('5,000 unknown keys: each refused at its pointer without being checked, the first 100 listed with the total', async () => {
    const res = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: { ...standard(), answers: manyKeys(5_000, true) } });
    expect(res.statusCode).toBe(400);
    const json = res.json();
    expect(json).toMatchObject({ code: 'SUBMISSION_INVALID', message: '提交无效：共 5000 处问题', total: 5_000 });
    expect(json.details).toHaveLength(LIMITS.problemsListed);
    expect(json.details.slice(0, 2)).toEqual([
      { code: 'UNKNOWN_INDICATOR', path: '/answers/k0', indicator: 'k0', message: '评分标准“township-center-2022”没有编号为“k0”的指标' },
      { code: 'UNKNOWN_INDICATOR', path: '/answers/k1', indicator: 'k1', message: '评分标准“township-center-2022”没有编号为“k1”的指标' },
    ]);
    expect(res.body.length).toBeLessThan(20_000);
  });

  it('an answer larger than any indicator needs is refused at its place, the other problems still found; deep nesting and stuffed envelopes at once', async () => {
    const sub = standard();
    const big = Array.from({ length: 1_000 }, () => [1]);
    const bigAnswer = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: { ...sub, answers: { ...sub.answers, '37': big } } });
    expect(bigAnswer.json()).toMatchObject({ code: 'SUBMISSION_INVALID', total: 1, details: [{ code: 'TOO_COMPLEX', path: '/answers/37', indicator: '37' }] });
    const both = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: { ...sub, period: '2026-13', answers: { ...sub.answers, '37': big, '4': '大' } } });
    expect(both.json().details.map((d: { path: string }) => d.path).sort()).toEqual(['/answers/37', '/answers/4', '/period']);
    const facts = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: { ...sub, facts: manyKeys(1_000, 1) } });
    expect(facts.json()).toMatchObject({ total: 1, details: [{ code: 'TOO_COMPLEX', path: '' }] });
    // Nesting is measured on the text (the body is written by hand: JSON.stringify itself would overflow).
    const deep = `${'['.repeat(50_000)}1${']'.repeat(50_000)}`;
    const text = JSON.stringify({ ...sub, answers: { ...sub.answers, '4': 'DEEP' } }).replace('"DEEP"', deep);
    const nested = await app.inject({ method: 'POST', url: '/score', headers: { ...viewer, 'content-type': 'application/json' }, payload: text });
    expect(nested.json()).toMatchObject({ total: 1, details: [{ code: 'TOO_COMPLEX', path: '', message: '请求内容嵌套超过 16 层，本接口用不到这么深的结构' }] });
  });

  it('many problems within the bounds are all counted, and the first 100 listed in order', async () => {
    const sub = standard();
    // 58 answers of the wrong shape, each a list of 200 items: a problem for every answer, none dropped.
    const answers = Object.fromEntries(Object.keys(sub.answers).map((id) => [id, Array.from({ length: 200 }, (_, i) => `item${i}`)]));
    const res = await app.inject({ method: 'POST', url: '/score', headers: viewer, payload: { ...sub, answers } });
    const json = res.json();
    expect(json.total).toBeGreaterThan(LIMITS.problemsListed);
    expect(json.details).toHaveLength(LIMITS.problemsListed);
    expect(json.message).toBe(`提交无效：共 ${json.total} 处问题`);
  });

  it('query-string errors carry the total as well', async () => {
    const res = await app.inject({ url: '/assessments?status=done&origin=x', headers: auth });
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', total: 2 });
  });
});
