// Quarters and half years over HTTP, on both stores: a quarterly rubric (tests/support/quarterly) for three
// townships and the half-yearly 银川 table for a department. The clock is 17:00 UTC on 30 June 2026, already
// 1 July in China: the third quarter and the second half year. Expected values are worked out in
// tests/support/periods.ts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import type { Store } from '../../src/store/types.js';
import { auth, TOKEN } from '../support/api.js';
import { DEPTS, halfSub, QUARTER_SUBS, quarterly, quarterSub, TOWNS } from '../support/periods.js';
import { STORES } from '../support/stores.js';
import { load, named } from '../support/workbooks.js';

const COUNTY = '330212000000';
const NOW = new Date(Date.UTC(2026, 5, 30, 17));
const headers = (ws: import('exceljs').Worksheet) => (ws.getRow((ws.views[0] as { ySplit: number }).ySplit).values as unknown[]).slice(1);
type Row = { rank: number; unit: { code: string }; value?: number | null; score?: number | null; change?: number | null; missing?: string[] };

describe.each(STORES)('periods of a rubric’s kind over HTTP on $name', (kind) => {
  let store: Store;
  let app: FastifyInstance;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) => app.inject({ method, url, headers: auth, ...(payload !== undefined ? { payload: payload as never } : {}) });
  const get = async (url: string) => {
    const res = await call('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    if (!kind.available) return;
    store = await kind.open();
    const tokens = new TokenRegistry();
    tokens.add(TOKEN, { name: '县政务服务办', role: 'admin', scope: null });
    app = await buildApp({ store, rubrics: new Map([...rubricMap(await listRubrics()), [quarterly.id, quarterly]]), tokens, now: () => NOW });
    const units = [
      { code: COUNTY, name: '测试县', level: 'county', parent: null },
      ...Object.values(TOWNS).map((t) => ({ ...t, parent: COUNTY })),
      { ...DEPTS.X, parent: null },
    ];
    expect((await call('POST', '/units/import', units)).statusCode).toBe(201);
  });
  afterAll(async () => {
    if (!kind.available) return;
    await app.close();
    await store.close();
  });
  const maybe = kind.available ? it : it.skip;

  maybe('rubrics say their period; a quarter or half year is recorded once begun in China, never before', async () => {
    const list = (await get('/rubrics')) as Array<{ id: string; period: string }>;
    expect(Object.fromEntries(list.filter((r) => ['township-center-2022', quarterly.id, 'yinchuan-branch-hall-departments'].includes(r.id)).map((r) => [r.id, r.period]))).toEqual({
      'township-center-2022': 'month',
      [quarterly.id]: 'quarter',
      'yinchuan-branch-hall-departments': 'half_year',
    });
    for (const s of QUARTER_SUBS.filter((x) => x.period !== '2026-Q4')) expect((await call('POST', '/assessments', s)).statusCode).toBe(201);
    const q4 = await call('POST', '/assessments', QUARTER_SUBS.find((x) => x.period === '2026-Q4'));
    expect([q4.statusCode, q4.json().message]).toEqual([400, '考核期间 2026-Q4 在将来（当前为 2026-07）']);
    for (const [name, period] of [['clean', '2025-H2'], ['deductions', '2026-H1'], ['clean', '2026-H2']] as const) expect((await call('POST', '/assessments', halfSub(name, 'X', period))).statusCode).toBe(201);
    expect((await call('POST', '/assessments', halfSub('clean', 'X', '2027-H1'))).statusCode).toBe(400);
    // A month where the rubric assesses quarters: the engine's refusal, at /period.
    const month = await call('POST', '/assessments', quarterSub('A', '2026-05', true, 0, 0));
    expect([month.statusCode, month.json().details[0].code, month.json().details[0].path]).toEqual([400, 'PERIOD_KIND', '/period']);
  });

  maybe('the county ranking of a quarter against the previous quarter; a month for a quarterly rubric is refused', async () => {
    const c = await get(`/reports/county?rubric=${quarterly.id}&county=${COUNTY}&period=2026-Q1&format=json`);
    expect([c.periodKind, c.period, c.previousPeriod]).toEqual(['quarter', '2026-Q1', '2025-Q4']);
    expect(c.units.map((u: Row) => [u.rank, u.unit.code, u.score, u.change])).toEqual([
      [1, TOWNS.B.code, 100, 20],
      [2, TOWNS.A.code, 85, -15],
      [3, TOWNS.C.code, 25, null],
    ]);
    const wrong = await call('GET', `/reports/county?rubric=${quarterly.id}&county=${COUNTY}&period=2026-03&format=json`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'BAD_REQUEST', details: [{ code: 'PERIOD_KIND', path: '/period', message: expect.stringContaining('按季度考核，期间应写作 YYYY-Qn，如 2026-Q3（实际为“2026-03”）') }] });
  });

  maybe('the quarterly circular of a quarterly rubric; none for a half-yearly one, said what to use instead', async () => {
    const q = await get(`/reports/quarterly?rubric=${quarterly.id}&county=${COUNTY}&year=2026&quarter=1`);
    expect([q.periodKind, q.months]).toEqual(['quarter', ['2026-Q1']]);
    expect(q.units.map((u: Row & { mean: number }) => [u.rank, u.unit.code, u.mean])).toEqual([[1, TOWNS.B.code, 100], [2, TOWNS.A.code, 85], [3, TOWNS.C.code, 25]]);
    expect(q.dropped).toEqual([{ unit: TOWNS.A, from: { period: '2025-Q4', standing: '优秀' }, to: { period: '2026-Q1', standing: '合格' } }]);
    const wb = await load((await call('GET', `/reports/quarterly?rubric=${quarterly.id}&county=${COUNTY}&year=2026&quarter=1&format=xlsx`)).rawPayload);
    expect(headers(wb.getWorksheet('季度排名')!)).toEqual(['名次', '单位代码', '单位名称', '季度得分', '季度等级/结论', '记录']);

    const none = await call('GET', `/reports/quarterly?rubric=yinchuan-branch-hall-departments&county=${DEPTS.X.code}&year=2026&quarter=2`);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('按半年考核，没有季度通报：请看半年的考核排名（2026年上半年为 2026-H1，下半年为 2026-H2）'), details: [{ code: 'PERIOD_KIND', path: '/quarter' }] });
    expect((await call('GET', `/reports/quarterly?rubric=yinchuan-branch-hall-departments&county=${DEPTS.X.code}&year=2026&quarter=2&format=xlsx`)).statusCode).toBe(400);
  });

  maybe('the annual accumulation: the running year through the current quarter in China, a past year’s four quarters', async () => {
    const y = await get(`/reports/annual?rubric=${quarterly.id}&county=${COUNTY}&year=2026`);
    expect([y.periodKind, y.months]).toEqual(['quarter', ['2026-Q1', '2026-Q2', '2026-Q3']]);
    // B: (100 + 95 + 100) / 3; A: (85 + 100) / 2; C: 25.
    expect(y.units.map((u: Row) => [u.rank, u.unit.code, u.value, u.missing])).toEqual([
      [1, TOWNS.B.code, 98.33, []],
      [2, TOWNS.A.code, 92.5, ['2026-Q2']],
      [3, TOWNS.C.code, 25, ['2026-Q2', '2026-Q3']],
    ]);
    const last = await get(`/reports/annual?rubric=${quarterly.id}&county=${COUNTY}&year=2025`);
    expect(last.months).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(last.units.map((u: Row) => [u.unit.code, u.value, u.missing])).toEqual([
      [TOWNS.A.code, 100, ['2025-Q1', '2025-Q2', '2025-Q3']],
      [TOWNS.B.code, 80, ['2025-Q1', '2025-Q2', '2025-Q3']],
    ]);
    const wb = await load((await call('GET', `/reports/annual?rubric=${quarterly.id}&county=${COUNTY}&year=2026&format=xlsx`)).rawPayload);
    expect(headers(wb.getWorksheet('年度累计')!)).toEqual(['名次', '单位代码', '单位名称', '年平均分', '第一季度', '第二季度', '第三季度', '年度等级/结论', '缺考季度', '草稿季度']);

    const h = await get(`/reports/annual?rubric=yinchuan-branch-hall-departments&county=${DEPTS.X.code}&year=2026`);
    expect([h.periodKind, h.months, h.units.map((u: Row) => [u.unit.code, u.value, u.missing])]).toEqual(['half_year', ['2026-H1', '2026-H2'], [[DEPTS.X.code, 88, []]]]);
  });

  maybe('a half year ranked against the previous one, and a unit’s change between two half years', async () => {
    const c = await get(`/reports/county?rubric=yinchuan-branch-hall-departments&county=${DEPTS.X.code}&period=2026-H1&format=json`);
    expect([c.period, c.previousPeriod, c.units[0].score, c.units[0].change]).toEqual(['2026-H1', '2025-H2', 76, -24]);
    const wb = await load((await call('GET', `/reports/county?rubric=yinchuan-branch-hall-departments&county=${DEPTS.X.code}&period=2026-H1`)).rawPayload);
    expect(String(wb.getWorksheet('排名')!.getCell('A1').value)).toContain('2026年上半年 考核排名');
    const d = await get(`/reports/diff?rubric=yinchuan-branch-hall-departments&unit=${DEPTS.X.code}&from=2026-H1&to=2026-H2`);
    expect([d.from.period, d.to.period, d.scoreChange]).toEqual(['2026-H1', '2026-H2', 24]);
    const wrong = await call('GET', `/reports/diff?rubric=yinchuan-branch-hall-departments&unit=${DEPTS.X.code}&from=2026-05&to=2026-H2`);
    expect([wrong.statusCode, wrong.json().details[0]]).toEqual([400, expect.objectContaining({ code: 'PERIOD_KIND', path: '/from' })]);
  });

  maybe('a template is for the rubric’s current period in China unless one is given, and one of another kind is refused', async () => {
    const period = async (id: string, query: string) => named(await load((await call('GET', `/rubrics/${id}/template?${query}`)).rawPayload), 'bm_period').value;
    const x = `code=${DEPTS.X.code}&name=${encodeURIComponent(DEPTS.X.name)}&level=county`;
    const a = `code=${TOWNS.A.code}&name=${encodeURIComponent(TOWNS.A.name)}&level=township`;
    expect(await period('yinchuan-branch-hall-departments', x)).toBe('2026-H2');
    expect(await period(quarterly.id, a)).toBe('2026-Q3');
    expect(await period('township-center-2022', a)).toBe('2026-07');
    expect(await period(quarterly.id, `${a}&period=2026-Q2`)).toBe('2026-Q2');
    const wrong = await call('GET', `/rubrics/yinchuan-branch-hall-departments/template?${x}&period=2026-07`);
    expect([wrong.statusCode, wrong.json().details[0].code]).toEqual([400, 'PERIOD_KIND']);
  });
});
