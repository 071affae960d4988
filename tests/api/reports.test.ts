// Templates and reports over HTTP as they concern printing and records: the default period, the print workbook,
// drafts marked, reports limited to finalized records, and import warnings.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import type { Store } from '../../src/store/types.js';
import { auth, multipart, TOKEN } from '../support/api.js';
import { fixture } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';
import { fillSingle, load, named } from '../support/workbooks.js';

const COUNTY = '330299000000';
const units = [
  { code: COUNTY, name: '示例县', level: 'county', parent: null },
  { code: '330299101000', name: '东湖镇便民服务中心', level: 'township', parent: COUNTY },
  { code: '330299102000', name: '西岭镇便民服务中心', level: 'township', parent: COUNTY },
  { code: '330299101201', name: '东湖村便民服务室', level: 'village', parent: '330299101000' },
];
// 01:00 on 1 December in China is still 30 November in UTC: the month is China's.
const NOW = new Date(Date.UTC(2026, 10, 30, 17));
const sub = (name: string, unit: (typeof units)[number], period: string) => ({
  ...JSON.parse(readFileSync(fixture('township-center-2022', `${name}.json`), 'utf8')),
  unit: { code: unit.code, name: unit.name, level: unit.level },
  period,
});

describe('templates and reports over HTTP', () => {
  const kind = STORES.find((s) => s.name === 'sqlite')!;
  let store: Store;
  let app: FastifyInstance;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) => app.inject({ method, url, headers: auth, ...(payload !== undefined ? { payload: payload as never } : {}) });

  beforeAll(async () => {
    store = await kind.open();
    const tokens = new TokenRegistry();
    tokens.add(TOKEN, { name: 'inspector-1', role: 'admin', scope: null });
    app = await buildApp({ store, rubrics: rubricMap(await listRubrics()), tokens, now: () => NOW });
    expect((await call('POST', '/units/import', units)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('a template without a period is for this month in China, and imports as such (never “in the future”)', async () => {
    const t = await call('GET', `/rubrics/township-center-2022/template?code=330299101000&name=${encodeURIComponent('东湖镇便民服务中心')}`);
    expect(named(await load(t.rawPayload), 'bm_period').value).toBe('2026-12');
    const filled = multipart(await fillSingle(t.rawPayload, { '1': '是' }));
    const res = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...filled.headers }, payload: filled.payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().created[0]).toMatchObject({ unit: '330299101000', period: '2026-12', status: 'draft' });
  }, 60_000);

  it('a bulk sheet or a print workbook for a county’s units at the rubric’s levels', async () => {
    const bulk = await load((await call('GET', `/rubrics/county-monthly-assessment/template?bulk=true&county=${COUNTY}`)).rawPayload);
    const ws = bulk.getWorksheet('批量录入')!;
    expect([4, 5, 6].map((n) => ws.getCell(n, 1).value)).toEqual(['330299101000', '330299101201', '330299102000']);
    expect(ws.getCell(4, 4).value).toBe('2026-12');
    const print = await call('GET', `/rubrics/township-center-2022/template?print=true&county=${COUNTY}&period=2026-11`);
    expect(print.headers['content-disposition']).toContain(encodeURIComponent('逐单位打印表'));
    expect((await load(print.rawPayload)).worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['1 东湖镇便民服务中心', '2 西岭镇便民服务中心']);
    expect((await call('GET', '/rubrics/township-center-2022/template?print=true&county=999999000000')).statusCode).toBe(404);
  });

  it('drafts count in rankings unless final=true, and the report says which records it holds', async () => {
    for (const [name, unit] of [['standard', units[1]!], ['neither', units[2]!]] as const) expect((await call('POST', '/assessments', sub(name, unit, '2026-11'))).statusCode).toBe(201);
    const [first] = (await call('GET', '/assessments?unit=330299101000&period=2026-11')).json();
    expect((await call('POST', `/assessments/${first.id}/finalize`)).statusCode).toBe(200);

    const all = (await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-11&format=json`)).json();
    expect(all.records).toEqual({ finalOnly: false, total: 2, drafts: 1 });
    expect(all.units.map((u: { unit: { code: string }; draft: boolean }) => [u.unit.code, u.draft])).toEqual([['330299101000', false], ['330299102000', true]]);
    const final = (await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-11&format=json&final=true`)).json();
    expect(final.records).toEqual({ finalOnly: true, total: 1, drafts: 0 });
    expect(final.units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['330299101000']);

    const xlsx = await load((await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-11`)).rawPayload);
    for (const ws of xlsx.worksheets) expect(ws.headerFooter.oddHeader, ws.name).toContain('草稿');
    const finalXlsx = await load((await call('GET', `/reports/county?rubric=township-center-2022&county=${COUNTY}&period=2026-11&final=true`)).rawPayload);
    expect(JSON.stringify(finalXlsx.getWorksheet('排名')!.getSheetValues())).toContain('仅统计已定稿的正式考核记录（共 1 条）');

    const q = (await call('GET', `/reports/quarterly?rubric=township-center-2022&county=${COUNTY}&year=2026&quarter=4&final=true`)).json();
    expect(q.records).toMatchObject({ finalOnly: true, drafts: 0 });
    const y = (await call('GET', `/reports/annual?rubric=township-center-2022&county=${COUNTY}&year=2026`)).json();
    expect(y.records.drafts).toBeGreaterThan(0);

    const [draft] = (await call('GET', '/assessments?unit=330299102000&period=2026-11')).json();
    const report = await load((await call('GET', `/assessments/${draft.id}/report`)).rawPayload);
    for (const ws of report.worksheets) expect(ws.headerFooter.oddHeader, ws.name).toContain('草稿');
  });

  it('an import answers with its warnings: a fraction read as a percentage, and where', async () => {
    const t = await call('GET', `/rubrics/township-center-2022/template?code=330299102000&name=${encodeURIComponent('西岭镇便民服务中心')}&period=2026-10`);
    const filled = multipart(await fillSingle(t.rawPayload, { '23': 0.95 }));
    const res = await app.inject({ method: 'POST', url: '/assessments/import', headers: { ...auth, ...filled.headers }, payload: filled.payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toMatchObject([{ code: 'PERCENT_AS_FRACTION', indicator: '23', sheet: '检查表', message: expect.stringContaining('已按比例读作 95%') }]);
    expect(res.json().created[0].assessment.results.find((r: { id: string }) => r.id === '23').value).toBe(95);
  });
});
