// Defect 5 of issue 12: C0 control characters and bidirectional overrides in names were stored as sent, while
// exceljs dropped them when writing, so a workbook showed a different name from the record. They are refused at
// input, wherever text is stored, with a Chinese message naming the place.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { auth, testApp } from '../support/api.js';
import { fixture } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';
import { load } from '../support/workbooks.js';

const sqlite = STORES.find((s) => s.name === 'sqlite')!;
const standard = () => JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const TOWN = { code: '330212102000', name: '西岭镇', level: 'township' };

describe('control characters and bidi overrides are refused at input', () => {
  let store: Store;
  let app: FastifyInstance;
  const call = (method: 'POST' | 'PUT', url: string, payload: unknown) => app.inject({ method, url, headers: auth, payload: payload as never });
  beforeAll(async () => {
    store = await sqlite.open();
    app = await testApp(store);
    await call('PUT', '/units/330212000000', { name: '测试县', level: 'county', parent: null });
    await call('PUT', `/units/${TOWN.code}`, { name: TOWN.name, level: 'township', parent: '330212000000' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it.each([
    ['a right-to-left override', '西岭\u202e镇', 'U+202E', '文字方向控制符'],
    ['a bell', '西岭\u0007镇', 'U+0007', '不可见的控制字符'],
    ['a null', '西岭\u0000镇', 'U+0000', '不可见的控制字符'],
    ['a first-strong isolate', '\u2068西岭镇', 'U+2068', '文字方向控制符'],
  ])('a unit name with %s', async (_what, name, code, kind) => {
    const res = await call('PUT', '/units/330212103000', { name, level: 'township', parent: '330212000000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ code: 'CONTROL_CHARACTER', path: '/name', message: expect.stringMatching(new RegExp(`^单位名称含有${kind}（${code.replace('+', '\\+')}）`)) }]);
    expect(await store.getUnit('330212103000')).toBeNull();
  });

  it('a submission: every place is named (unit name, inspector, a note), and nothing is stored', async () => {
    const sub = { ...standard(), unit: { ...TOWN, name: '西岭\u202e镇' }, inspector: '张\u0008华', answers: { ...standard().answers, '4': { value: 160, note: '复测\u202d' } } };
    const res = await call('POST', '/assessments', sub);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', message: '提交中有 3 处含不可见的控制字符或文字方向控制符，请删除后重新提交', total: 3 });
    expect(res.json().details.map((d: { path: string }) => d.path)).toEqual(['/unit/name', '/inspector', '/answers/4/note']);
    expect(await store.listAssessments()).toEqual([]);
    // Scoring alone refuses it too, so a client learns before it records.
    expect((await call('POST', '/score', sub)).json().code).toBe('BAD_REQUEST');
  });

  it('a token holder name and an amendment reason', async () => {
    expect((await call('POST', '/tokens', { name: '张\u001b华', role: 'viewer', scope: '330212000000' })).json().details).toMatchObject([{ code: 'CONTROL_CHARACTER', path: '/name' }]);
    const rec = (await call('POST', '/assessments', { ...standard(), unit: TOWN })).json();
    const amend = await call('POST', `/assessments/${rec.id}/amend`, { submission: { ...standard(), unit: TOWN }, reason: '复测\u202e' });
    expect(amend.statusCode).toBe(400);
    expect(amend.json().details).toMatchObject([{ code: 'CONTROL_CHARACTER', path: '/reason' }]);
  });

  it('line breaks and tabs in free text are kept, and the workbook shows exactly what the record holds', async () => {
    const note = '第一行\n第二行\t附注';
    const rec = (await call('POST', '/assessments', { ...standard(), unit: TOWN, period: '2026-10', answers: { ...standard().answers, '4': { value: 160, note } } })).json();
    expect(rec.submission.answers['4'].note).toBe(note);
    const report = await app.inject({ url: `/assessments/${rec.id}/report`, headers: auth });
    const wb = await load(report.rawPayload);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
    expect(cells).toContain(note);
    expect(cells.some((c) => c.includes(TOWN.name))).toBe(true);
  });
});
