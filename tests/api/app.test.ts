import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBulkTemplate } from '../../src/excel/template.js';
import type { Store } from '../../src/store/types.js';
import { auth, multipart, testApp } from '../support/api.js';
import { fixture, rubric } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';
import { load, named } from '../support/workbooks.js';

const sub = (name: string, over: Record<string, unknown> = {}) => ({ ...JSON.parse(readFileSync(fixture('township-center-2022', `${name}.json`), 'utf8')), ...over });
const COUNTY = '330212000000';
const units = [
  { code: COUNTY, name: '测试县', level: 'county', parent: null },
  { code: '330212101000', name: '东湖镇', level: 'township', parent: COUNTY },
  { code: '330212102000', name: '西岭镇', level: 'township', parent: COUNTY },
  { code: '330212003000', name: '南山街道', level: 'township', parent: COUNTY },
  { code: '330212101201', name: '东湖村', level: 'village', parent: '330212101000' },
];

describe.each(STORES)('API on $name', (kind) => {
  let store: Store;
  let app: FastifyInstance;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload !== undefined ? { payload: payload as never } : {}) });

  beforeAll(async () => {
    if (!kind.available) return;
    store = await kind.open();
    app = await testApp(store);
  });
  afterAll(async () => {
    if (!kind.available) return;
    await app.close();
    await store.close();
  });
  const maybe = kind.available ? it : it.skip;

  maybe('refuses requests without a valid token', async () => {
    const none = await app.inject({ method: 'GET', url: '/rubrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('缺少令牌') });
    expect((await app.inject({ method: 'GET', url: '/rubrics', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
  });

  maybe('units: imported as a tree, read, updated; bad ones refused with coded Chinese errors', async () => {
    const res = await call('POST', '/units/import', units);
    expect(res.statusCode).toBe(201);
    expect((await call('GET', `/units?parent=${COUNTY}`)).json().map((u: { code: string }) => u.code)).toEqual(['330212003000', '330212101000', '330212102000']);
    expect((await call('PUT', '/units/330212101201', { name: '东湖村委会', level: 'village', parent: '330212101000' })).json()).toMatchObject({ name: '东湖村委会' });
    const bad = await call('PUT', '/units/330212999000', { name: '', level: 'township', parent: '999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(['/name', '/parent']);
    expect((await call('GET', '/units/000000000000')).statusCode).toBe(404);
  });

  maybe('rubrics: list, get, and template downloads (single and bulk)', async () => {
    const list = (await call('GET', '/rubrics')).json();
    expect(list.map((r: { id: string }) => r.id)).toContain('township-center-2022');
    expect((await call('GET', '/rubrics/township-center-2022')).json().definition.sections).toHaveLength(4);
    expect((await call('GET', '/rubrics/nope')).json()).toMatchObject({ code: 'RUBRIC_NOT_FOUND' });
    const t = await call('GET', '/rubrics/township-center-2022/template?code=330212101000&name=%E4%B8%9C%E6%B9%96%E9%95%87&period=2026-11');
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toContain('spreadsheetml');
    expect(named(await load(t.rawPayload), 'bm_unit_code').value).toBe('330212101000');
    const b = await call('GET', '/rubrics/township-center-2022/template?bulk=true');
    expect((await load(b.rawPayload)).getWorksheet('批量录入')).toBeDefined();
    expect((await call('GET', '/rubrics/township-center-2022/template?period=2026-13')).statusCode).toBe(400);
  });

  maybe('scoring is stateless and reports every problem with its JSON pointer', async () => {
    const ok = await call('POST', '/score', sub('standard'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ tier: 'standard', gaps: { demonstration: ['4', '7', '12', '27', '36', '46'] } });
    const bad = await call('POST', '/score', sub('standard', { answers: { '4': '很大', '46': 120 } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'SUBMISSION_INVALID' });
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(['/answers/4', '/answers/46']);
    expect((await call('GET', '/assessments')).json()).toEqual([]);
  });

  let id = '';
  maybe('creates assessments; refuses unknown rubric, unknown unit, future period, wrong types and duplicates', async () => {
    const created = await call('POST', '/assessments', sub('standard'));
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', revision: 1, created_by: 'inspector-1', rubric: { id: 'township-center-2022' } });
    // The answer is the record as stored, byte for byte what reading it sends.
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(created.body).toBe((await call('GET', `/assessments/${id}`)).body);
    const cases: Array<[unknown, number, string]> = [
      [sub('standard', { rubric: 'no-such-rubric' }), 404, 'RUBRIC_NOT_FOUND'],
      [sub('standard', { unit: { code: '330212999000', name: '不存在镇', level: 'township' } }), 400, 'UNKNOWN_UNIT'],
      [sub('standard', { unit: { code: '330212101000', name: '东湖镇', level: 'township' }, period: '2027-01' }), 400, 'BAD_REQUEST'],
      [sub('standard', { period: 202611 }), 400, 'SUBMISSION_INVALID'],
      [sub('standard'), 409, 'DUPLICATE'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call('POST', '/assessments', body);
      expect([res.statusCode, res.json().code]).toEqual([status, code]);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  maybe('gets, lists with filters, finalizes (then frozen), and amends with a reason into a new revision', async () => {
    expect((await call('GET', `/assessments/${id}`)).json().assessment.tier).toBe('standard');
    expect((await call('GET', '/assessments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call('GET', '/assessments/not-a-uuid')).statusCode).toBe(400);
    expect((await call('GET', `/assessments?county=${COUNTY}&period=2026-11&tier=standard`)).json()).toHaveLength(1);
    expect((await call('GET', '/assessments?unit=330212101000')).json()).toHaveLength(0);
    expect((await call('POST', `/assessments/${id}/finalize`)).json()).toMatchObject({ status: 'final', finalized_by: 'inspector-1' });
    expect((await call('POST', `/assessments/${id}/finalize`)).statusCode).toBe(409);
    const noReason = await call('POST', `/assessments/${id}/amend`, { submission: sub('standard'), reason: '' });
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'BAD_REQUEST']);
    const amended = await call('POST', `/assessments/${id}/amend`, { submission: sub('standard', { answers: { ...sub('standard').answers, '4': 160 } }), reason: '面积复测' });
    expect(amended.statusCode).toBe(201);
    expect(amended.json()).toMatchObject({ revision: 2, supersedes: id, amend_reason: '面积复测' });
    expect((await call('GET', `/assessments/${id}`)).json().status).toBe('superseded');
    expect((await call('POST', `/assessments/${id}/amend`, { submission: sub('standard'), reason: '再次' })).statusCode).toBe(409);
  });

  maybe('imports a bulk workbook upload, all or nothing, and reports bad cells', async () => {
    const r = await rubric('township-center-2022');
    const rows = [sub('demonstration', { period: '2026-10' }), sub('standard', { period: '2026-10' }), sub('neither', { period: '2026-10' })];
    const good = multipart(await buildBulkTemplate(r, { prefill: rows }));
    const res = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...good.headers }, payload: good.payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toHaveLength(3);
    const dup = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...good.headers }, payload: good.payload });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'DUPLICATE']);
    const notXlsx = multipart(Buffer.from('hello'), 'a.xls');
    const bad = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...notXlsx.headers }, payload: notXlsx.payload });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'IMPORT_INVALID']);
    const missing = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, 'content-type': 'application/json' }, payload: '{}' });
    expect(missing.statusCode).toBe(400);
  });

  maybe('reports: unit workbook, county (xlsx and JSON, with change since the previous month), quarterly, annual, diff', async () => {
    const [current] = (await call('GET', '/assessments?unit=330212102000&period=2026-11')).json();
    const unitReport = await call('GET', `/assessments/${current.id}/report`);
    expect(unitReport.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect((await load(unitReport.rawPayload)).worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '差距']);
    const countyJson = (await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-11&format=json`)).json();
    expect(countyJson.units).toHaveLength(1);
    expect(countyJson.units[0].previous.standing).toBe('标准型');
    const countyXlsx = await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-10`);
    const ranking = (await load(countyXlsx.rawPayload)).getWorksheet('排名')!;
    expect(ranking.getRow((ranking.views[0] as { ySplit: number }).ySplit + 1).getCell(3).value).toBe('东湖镇便民服务中心');
    const q = (await call('GET', `/reports/quarterly?rubric=township-center-2022&county=${COUNTY}&year=2026&quarter=4`)).json();
    expect(q.units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['330212101000', '330212102000', '330212003000']);
    expect(q.units[0].missing).toEqual(['2026-11', '2026-12']);
    const y = (await call('GET', `/reports/annual?rubric=township-center-2022&county=${COUNTY}&year=2026`)).json();
    expect(y.months.at(-1)).toBe('2026-11');
    expect(y.units.find((u: { unit: { code: string } }) => u.unit.code === '330212102000').months).toHaveLength(2);
    const d = (await call('GET', '/reports/diff?rubric=township-center-2022&unit=330212102000&from=2026-10&to=2026-11')).json();
    expect(d.indicators.find((i: { id: string }) => i.id === '4')).toMatchObject({ from: { value: 120 }, to: { value: 160 } });
    expect((await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}`)).statusCode).toBe(400);
    expect((await call('GET', '/reports/diff?rubric=township-center-2022&unit=330212102000&from=2026-01&to=2026-11')).statusCode).toBe(404);
  });

  maybe('listing by county and unit together gives that unit, and nothing when it lies outside the county', async () => {
    const both = (await call('GET', `/assessments?county=${COUNTY}&unit=330212102000`)).json() as Array<{ unit: string }>;
    expect(both.length).toBeGreaterThan(0);
    expect(new Set(both.map((a) => a.unit))).toEqual(new Set(['330212102000']));
    await call('PUT', '/units/330299000000', { name: '别县', level: 'county', parent: null });
    expect((await call('GET', '/assessments?county=330299000000&unit=330212102000')).json()).toEqual([]);
  });

  maybe('the quarterly circular and the annual accumulation download as workbooks', async () => {
    const q = await call('GET', `/reports/quarterly?rubric=township-center-2022&county=${COUNTY}&year=2026&quarter=4&format=xlsx`);
    const qb = await load(q.rawPayload);
    // The last sheet: the ranked units' open and overdue rectification orders.
    expect(qb.worksheets.map((w) => w.name)).toEqual(['季度排名', '未达标与下降', '常见问题', '整改情况']);
    const sheet = qb.getWorksheet('季度排名')!;
    const top = sheet.getRow((sheet.views[0] as { ySplit: number }).ySplit + 1);
    expect([top.getCell(1).value, top.getCell(2).value, top.getCell(4).value]).toEqual([1, '330212101000', 100]);
    expect(top.getCell(4).numFmt).toBe('0.00');
    const y = await load((await call('GET', `/reports/annual?rubric=township-center-2022&county=${COUNTY}&year=2026&format=xlsx`)).rawPayload);
    const annual = y.getWorksheet('年度累计')!;
    const head = (annual.getRow((annual.views[0] as { ySplit: number }).ySplit).values as unknown[]).slice(1);
    expect(head.slice(0, 5)).toEqual(['名次', '单位代码', '单位名称', '年平均分', '1月']);
    expect(head).toContain('缺考月份');
  });

  maybe('every workbook the service makes prints the record-chain head, and that head verifies', async () => {
    const head = async () => {
      const log = (await call('GET', '/audit/log?from=1&limit=1000')).json() as Array<{ seq: number; hash: string }>;
      return `${log.at(-1)!.seq}:${log.at(-1)!.hash}`;
    };
    /** The text after 记录链头, wherever the workbook put it. */
    const printed = async (bytes: Buffer) => {
      const wb = await load(bytes);
      for (const ws of wb.worksheets) {
        for (let r = 1; r <= ws.rowCount; r++) {
          for (const c of ws.getRow(r).values as unknown[]) {
            const m = /记录链头[：:]?\s*(\d+:sha256:[0-9a-f]{64})/.exec(String(c ?? ''));
            if (m) return m[1];
            if (c === '记录链头') return String(ws.getRow(r).getCell(2).value);
          }
        }
      }
      return undefined;
    };
    const [current] = (await call('GET', '/assessments?unit=330212102000&period=2026-11')).json();
    const expected = await head();
    for (const url of [
      `/assessments/${current.id}/report`,
      `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-10`,
      `/reports/quarterly?rubric=township-center-2022&county=${COUNTY}&year=2026&quarter=4&format=xlsx`,
      `/reports/annual?rubric=township-center-2022&county=${COUNTY}&year=2026&format=xlsx`,
    ]) {
      expect(await printed((await call('GET', url)).rawPayload), url).toBe(expected);
    }
    const [seq, hash] = [expected.split(':')[0], expected.slice(expected.indexOf(':') + 1)];
    expect((await call('GET', `/audit/verify?seq=${seq}&hash=${hash}`)).json()).toMatchObject({ ok: true });
    expect((await call('GET', `/audit/verify?seq=${seq}&hash=sha256:${'1'.repeat(64)}`)).json()).toMatchObject({ ok: false, firstBad: { seq: Number(seq) } });
    expect((await call('GET', '/audit/verify?seq=1')).statusCode).toBe(400);
  });

  maybe('units can be imported from a spreadsheet, parents first, codes kept as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.addRow(['单位代码', '单位名称', '层级', '上级代码']);
    ws.addRow(['330212102201', '西岭村', '村(社区)', '330212102000']);
    ws.addRow(['330212102202', '上庄村', '村', '330212102000']);
    const up = multipart(Buffer.from(await wb.xlsx.writeBuffer()), 'units.xlsx');
    const res = await app.inject({ method: 'POST', url: '/units/import', headers: { ...auth, ...up.headers }, payload: up.payload });
    expect(res.statusCode).toBe(201);
    expect((await call('GET', '/units?parent=330212102000')).json().map((u: { name: string }) => u.name)).toEqual(['西岭村', '上庄村']);
    ws.getCell('C3').value = '乡';
    const bad = multipart(Buffer.from(await wb.xlsx.writeBuffer()), 'units.xlsx');
    const r2 = await app.inject({ method: 'POST', url: '/units/import', headers: { ...auth, ...bad.headers }, payload: bad.payload });
    expect([r2.statusCode, r2.json().details[0].cell]).toEqual([400, 'C3']);
  });

  maybe('serves OpenAPI docs that reference the shared schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/score', '/assessments', '/reports/quarterly', '/units/{code}']));
  });

  maybe('never leaks internals on a 5xx, but gives the request id', async () => {
    // The store as it is, but for one method that fails with something the client must never see.
    const broken = await testApp(Object.assign(Object.create(store) as Store, { listUnits: async () => { throw new Error('secret database detail'); } }));
    const res = await broken.inject({ method: 'GET', url: '/units', headers: auth });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json()).toMatchObject({ code: 'INTERNAL', request_id: expect.any(String) });
    await broken.close();
  });
});

describe('pinned results: a rubric revised later never changes old results', () => {
  it('keeps scoring new submissions with the new rubric and renders old records with the one they were scored with', async () => {
    const kind = STORES[0]!;
    const store = await kind.open();
    const first = await testApp(store);
    await first.inject({ method: 'POST', url: '/units/import', headers: auth, payload: [{ code: COUNTY, name: '县', level: 'county', parent: null }, { code: '330212102000', name: '西岭镇', level: 'township', parent: COUNTY }] });
    const old = (await first.inject({ method: 'POST', url: '/assessments', headers: auth, payload: sub('standard') })).json();
    await first.close();

    // The county raises the 2026 一网通办率 requirement: same rubric id, new content.
    const r = await rubric('township-center-2022');
    const def = structuredClone(r.definition);
    def.version = '2022.2';
    def.parameters!.one_net_rate!.by_year['2026'] = 99;
    const { rubricFromDefinition } = await import('../../src/rubric/parse.js');
    const revised = rubricFromDefinition(def);
    const { buildApp } = await import('../../src/api/app.js');
    const { TokenRegistry } = await import('../../src/api/auth.js');
    const tokens = new TokenRegistry();
    tokens.add('second-app-token-0001', { name: 'x', role: 'admin', scope: null });
    const second = await buildApp({ store, rubrics: new Map([[revised.id, revised]]), tokens, now: () => new Date(Date.UTC(2026, 10, 25)) });
    const h = { authorization: 'Bearer second-app-token-0001' };
    const kept = (await second.inject({ method: 'GET', url: `/assessments/${old.id}`, headers: h })).json();
    expect(kept.assessment).toEqual(old.assessment);
    expect(kept.rubric.hash).toBe(r.hash);
    const report = await load((await second.inject({ method: 'GET', url: `/assessments/${old.id}/report`, headers: h })).rawPayload);
    const summary = new Map<string, unknown>();
    report.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('评分标准')).toContain('版本 2022.2');
    expect(summary.get('标准内容指纹')).toBe(r.hash);
    const now = (await second.inject({ method: 'POST', url: '/score', headers: h, payload: sub('standard') })).json();
    expect(now.rubric).toMatchObject({ version: '2022.2', hash: revised.hash });
    expect(now.tier).toBeNull();
    await second.close();
    await store.close();
  });
});
