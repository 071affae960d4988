// Rectification over real HTTP, on both stores: orders opened by a finalized inspection (one per unmet indicator and
// per deduction), their state machine checked step by step against the access policy for every role, automatic
// closure by a later inspection, exemptions that expire, evidence (types from bytes, limits, stored once, location
// kept), and the ledger, notice and ranking counts.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/access/policy.js';
import type { Actor } from '../../src/domain/people.js';
import type { OrderStatus } from '../../src/domain/rectification.js';
import { STEP_IDS, STEPS, type Step } from '../../src/rectification/machine.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import type { Store } from '../../src/store/types.js';
import { buildApp } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import { auth, testApp } from '../support/api.js';
import { filePart, jpegBytes, jpegWithGps, PDF, pngBytes } from '../support/evidence.js';
import { fixture } from '../support/rubrics.js';
import { type RawSql, STORES } from '../support/stores.js';

const COUNTY = '330212000000';
const TOWN = { code: '330212102000', name: '西岭镇', level: 'township' } as const;
const VILLAGE = { code: '330212102201', name: '西岭村', level: 'village' } as const;
const VILLAGE2 = { code: '330212102202', name: '东岭村', level: 'village' } as const;
const OTHER_TOWN = { code: '330212103000', name: '南山镇', level: 'township' } as const;
const UNITS = [
  { code: COUNTY, name: '测试县', level: 'county', parent: null },
  { ...TOWN, parent: COUNTY },
  { ...VILLAGE, parent: TOWN.code },
  { ...VILLAGE2, parent: TOWN.code },
  { ...OTHER_TOWN, parent: COUNTY },
  { code: '330299000000', name: '别的县', level: 'county', parent: null },
];
const ANCESTRY: Record<string, string[]> = { [TOWN.code]: [COUNTY, TOWN.code], [VILLAGE.code]: [COUNTY, TOWN.code, VILLAGE.code], [VILLAGE2.code]: [COUNTY, TOWN.code, VILLAGE2.code] };

const json = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8'));
const PRINCIPALS: Array<Actor & { name: string }> = [
  { name: '县考核员', role: 'county_inspector', scope: COUNTY },
  { name: '西岭镇工作人员', role: 'township_staff', scope: TOWN.code },
  { name: '南山镇工作人员', role: 'township_staff', scope: OTHER_TOWN.code },
  { name: '县只读', role: 'viewer', scope: COUNTY },
  { name: '外县考核员', role: 'county_inspector', scope: '330299000000' },
];
const ADMIN: Actor & { name: string } = { name: 'inspector-1', role: 'admin', scope: null };

describe.each(STORES)('rectification on $name', (kind) => {
  const maybe = kind.available ? it : it.skip;
  let store: Store;
  let raw: RawSql;
  let app: FastifyInstance;
  const tokens = new Map<string, string>();
  const as = (name: string) => (name === ADMIN.name ? auth : { authorization: `Bearer ${tokens.get(name)}` });
  const inspector = () => as('县考核员');
  const staff = () => as('西岭镇工作人员');

  /** Records and finalizes an inspection; returns the record. */
  async function inspect(sub: Record<string, unknown>) {
    const made = await app.inject({ method: 'POST', url: '/assessments', headers: inspector(), payload: sub });
    expect(made.statusCode, made.body).toBe(201);
    const done = await app.inject({ method: 'POST', url: `/assessments/${made.json().id}/finalize`, headers: inspector() });
    expect(done.statusCode, done.body).toBe(200);
    return done.json();
  }
  const orders = async (q: string, who = inspector()) => {
    const res = await app.inject({ url: `/rectifications?${q}`, headers: who });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Array<Record<string, any>>;
  };
  const step = (id: string, s: string, who: Record<string, string>, note?: string) => app.inject({ method: 'POST', url: `/rectifications/${id}/${s}`, headers: who, payload: note === undefined ? {} : { note } });

  beforeAll(async () => {
    if (!kind.available) return;
    ({ store, raw } = await kind.openWithRaw());
    app = await testApp(store);
    expect((await app.inject({ method: 'POST', url: '/units/import', headers: auth, payload: UNITS })).statusCode).toBe(201);
    for (const p of PRINCIPALS) {
      const res = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: p.name, role: p.role, scope: p.scope } });
      expect(res.statusCode, res.body).toBe(201);
      tokens.set(p.name, res.json().token);
    }
  });
  afterAll(async () => {
    if (!kind.available) return;
    await app.close();
    await raw.close();
    await store.close();
  });

  maybe('a finalized inspection opens one order per unmet indicator and per deduction, each with the requirement, the finding and a working-day deadline', async () => {
    const sub = { ...json('township-center-2022/standard.json'), unit: TOWN, period: '2026-10', inspected_on: '2026-10-20' };
    const draft = await app.inject({ method: 'POST', url: '/assessments', headers: inspector(), payload: sub });
    // A draft opens nothing.
    expect(await orders(`unit=${TOWN.code}`)).toEqual([]);
    const rec = (await app.inject({ method: 'POST', url: `/assessments/${draft.json().id}/finalize`, headers: inspector() })).json();
    const unmet = rec.assessment.results.filter((r: any) => r.status === 'unmet');
    const list = await orders(`unit=${TOWN.code}`);
    expect(list.map((o) => o.indicator).sort()).toEqual(unmet.map((r: any) => r.id).sort());
    const four = list.find((o) => o.indicator === '4')!;
    // From the day after 20 October 2026 (Tue): 21–23, 26–30, 2–6 and 9–10 November: due Tue 10 November.
    expect(four).toMatchObject({
      assessment: rec.id, unit: TOWN.code, unit_name: '西岭镇', rubric: 'township-center-2022', period: '2026-10', status: 'pending', status_label: '待整改',
      starts_on: '2026-10-20', workdays: 15, due_on: '2026-11-10', created_by: '县考核员',
      requirement: expect.stringContaining('办事大厅'), finding: { value: 120, reason: expect.stringContaining('150') },
    });
    // Today (25 November, China) is 15 days and 11 working days past it: 红牌.
    expect(four).toMatchObject({ overdue: true, days_overdue: 15, workdays_overdue: 11, level: { id: 'red', label: '红牌' } });
    // Every order is in the record chain, pinned to its content.
    const opened = (await store.readLog(1, 100_000)).filter((e) => e.action === 'rectification.open') as Array<Record<string, any>>;
    expect(opened.map((e: any) => e.target).sort()).toEqual(list.map((o) => o.id).sort());
    expect(opened[0]!.payload).toMatchObject({ assessment: rec.id, starts_on: '2026-10-20', workdays: 15, content_hash: expect.stringMatching(/^sha256:/) });

    // Points rubrics: each deduction is a finding, with the points it cost.
    const hetou = await inspect({ ...json('hetou-village-station/deductions.json'), unit: VILLAGE, period: '2026-10', inspected_on: '2026-10-28' });
    const deducted = hetou.assessment.results.filter((r: any) => r.points?.deducted > 0);
    const vlist = await orders(`unit=${VILLAGE.code}&rubric=hetou-village-station`);
    expect(vlist.map((o) => o.indicator).sort()).toEqual(deducted.map((r: any) => r.id).sort());
    expect(vlist.every((o) => o.finding.deducted > 0)).toBe(true);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });

  maybe('every step from every status, by every role, answers as the policy and the state machine say', async () => {
    // Plenty of orders in the township's subtree: 25 findings of a village room's inspection.
    await inspect({ ...json('baishui-village-room-2017/noncompliant.json'), unit: VILLAGE2, period: '2026-10', inspected_on: '2026-11-02' });
    const pool = (await orders(`unit=${VILLAGE2.code}`)).map((o) => o.id);
    expect(pool.length).toBe(25);
    const statusOf = async (id: string) => ((await app.inject({ url: `/rectifications/${id}`, headers: auth })).json().status as OrderStatus);
    const path: Record<OrderStatus, Array<[Step, string]>> = {
      pending: [],
      in_progress: [['start', '西岭镇工作人员']],
      submitted: [['submit', '西岭镇工作人员']],
      closed: [['submit', '西岭镇工作人员'], ['pass', '县考核员']],
    };
    /** An order in the wanted status, walked there from the pool by the proper roles. */
    const inStatus = new Map<OrderStatus, string[]>();
    const take = async (status: OrderStatus): Promise<string> => {
      const ready = inStatus.get(status) ?? [];
      for (const id of ready) if ((await statusOf(id)) === status) return id;
      const id = pool.shift()!;
      for (const [s, who] of path[status]) expect((await step(id, s, as(who), '已整改：补齐设施并拍照')).statusCode).toBe(200);
      inStatus.set(status, [...ready, id]);
      return id;
    };
    let checked = 0;
    for (const status of ['pending', 'in_progress', 'submitted', 'closed'] as const) {
      for (const s of STEP_IDS) {
        for (const p of [ADMIN, ...PRINCIPALS]) {
          const id = await take(status);
          const res = await step(id, s, as(p.name), '整改情况或复查意见');
          const policy = decide(p, { ancestry: ANCESTRY[VILLAGE2.code]! }, STEPS[s].action);
          const expected = policy === 'not_found' ? 404 : policy === 'forbidden' ? 403 : STEPS[s].from.includes(status) ? 200 : 409;
          expect(res.statusCode, `${p.name} ${s} on ${status}: ${res.body}`).toBe(expected);
          if (expected === 200) expect(res.json().status).toBe(STEPS[s].to);
          else expect(await statusOf(id)).toBe(status);
          checked++;
        }
      }
    }
    expect(checked).toBe(4 * 4 * 6);
    // Submitting and failing need a note; the refusal names the field.
    const id = await take('pending');
    expect((await step(id, 'submit', staff())).json()).toMatchObject({ code: 'BAD_REQUEST', details: [{ path: '/note' }] });
    expect((await step(id, 'submit', staff(), '已补齐')).statusCode).toBe(200);
    expect((await step(id, 'fail', inspector(), '  ')).statusCode).toBe(400);
    const failed = await step(id, 'fail', inspector(), '照片未显示整改后的情况');
    expect(failed.json()).toMatchObject({ status: 'in_progress', status_label: '整改中' });
    // Every transition is in the record chain, with its note; the order's history is read from there.
    expect(failed.json().history.map((e: any) => [e.action, e.actor, e.payload.to])).toEqual([
      ['rectification.open', '县考核员', undefined],
      ['rectification.submit', '西岭镇工作人员', 'submitted'],
      ['rectification.fail', '县考核员', 'in_progress'],
    ]);
    expect(failed.json().history[2].payload).toMatchObject({ from: 'submitted', note: '照片未显示整改后的情况' });
    // A refusal by role is logged too.
    const log = await store.readLog(1, 100_000);
    expect(log.some((e: any) => e.action === 'access.denied' && e.actor === '县只读' && e.payload.action === 'rectify')).toBe(true);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });

  maybe('a later finalized inspection that finds the indicator met closes the open order, linking both records; an earlier one does not', async () => {
    const before = (await orders(`unit=${TOWN.code}&rubric=township-center-2022&status=open`)).map((o) => o.id);
    expect(before.length).toBeGreaterThan(0);
    // An older month's inspection, all met, closes nothing of a later month.
    await inspect({ ...json('township-center-2022/demonstration.json'), unit: TOWN, period: '2026-09', inspected_on: '2026-09-20' });
    expect((await orders(`unit=${TOWN.code}&rubric=township-center-2022&status=open`)).map((o) => o.id)).toEqual(before);
    // A later one with everything met closes them all, automatically.
    const later = await inspect({ ...json('township-center-2022/demonstration.json'), unit: TOWN, period: '2026-11', inspected_on: '2026-11-24' });
    expect(await orders(`unit=${TOWN.code}&rubric=township-center-2022&status=open`)).toEqual([]);
    const closed = await Promise.all(before.map(async (id) => (await app.inject({ url: `/rectifications/${id}`, headers: inspector() })).json()));
    for (const o of closed) {
      expect(o).toMatchObject({ status: 'closed', closed_by_assessment: later.id, closed_by: '县考核员' });
      expect(o.history.at(-1)).toMatchObject({ action: 'rectification.close', payload: { by_assessment: later.id, period: '2026-11' } });
    }
    // Closed late: the ledger still says by how much.
    expect(closed.find((o) => o.indicator === '4')).toMatchObject({ overdue: true, days_overdue: 15, workdays_overdue: 11 });
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });

  maybe('a finding made again does not open a second order: the first keeps its deadline and records the new inspection', async () => {
    const hetou = (n: string) => ({ ...json('hetou-village-station/deductions.json'), unit: VILLAGE, period: n, inspected_on: `${n}-20` });
    const first = await orders(`unit=${VILLAGE.code}&rubric=hetou-village-station`);
    const again = await inspect(hetou('2026-11'));
    const now = await orders(`unit=${VILLAGE.code}&rubric=hetou-village-station`);
    expect(now.map((o) => o.id)).toEqual(first.map((o) => o.id));
    const detail = (await app.inject({ url: `/rectifications/${now[0]!.id}`, headers: inspector() })).json();
    expect(detail.history.at(-1)).toMatchObject({ action: 'rectification.recur', payload: { by_assessment: again.id, period: '2026-11' } });
  });

  maybe('exemptions: granted by an inspector within the county, 不适用 citing it while valid, judged again and listed as expired after', async () => {
    const grant = (who: Record<string, string>, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/exemptions', headers: who, payload: body });
    const body = { unit: OTHER_TOWN.code, rubric: 'township-center-2022', indicator: '4', kind: 'defer', reason: '办事大厅扩建工程已立项，2027年完工', starts_on: '2026-10-01', expires_on: '2026-11-30' };
    expect((await grant(as('南山镇工作人员'), body)).statusCode).toBe(403);
    expect((await grant(as('县只读'), body)).statusCode).toBe(403);
    expect((await grant(as('外县考核员'), body)).statusCode).toBe(404);
    const bad = await grant(inspector(), { ...body, indicator: '999', kind: 'forever', expires_on: '2026-02-30', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: any) => d.path).sort()).toEqual(['/expires_on', '/indicator', '/kind', '/reason']);
    const made = await grant(inspector(), body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ approved_by: '县考核员', state: 'valid', expires_on: '2026-11-30' });
    const ex = made.json();

    // While valid: 不适用, the exemption cited; an answer to it is refused.
    const sub = { ...json('township-center-2022/standard.json'), unit: OTHER_TOWN, period: '2026-11', inspected_on: '2026-11-20' };
    const refused = await app.inject({ method: 'POST', url: '/assessments', headers: inspector(), payload: sub });
    expect(refused.json()).toMatchObject({ code: 'SUBMISSION_INVALID', details: [{ code: 'NOT_APPLICABLE_HERE', path: '/answers/4', message: expect.stringContaining('已暂缓') }] });
    const { 4: _four, ...rest } = sub.answers;
    const valid = await inspect({ ...sub, answers: rest });
    const four = valid.assessment.results.find((r: any) => r.id === '4');
    expect(four).toMatchObject({ status: 'not_applicable', reason_code: 'EXEMPTED', reason: expect.stringContaining(`豁免编号 ${ex.id}`) });
    expect(four.reason).toContain('办事大厅扩建工程已立项');
    expect(valid.assessment.exemptions).toEqual([expect.objectContaining({ id: ex.id, indicator: '4', status: 'valid' })]);
    // The form asks which apply, and gets the same.
    const applicable = await app.inject({ url: `/exemptions/applicable?unit=${OTHER_TOWN.code}&rubric=township-center-2022&period=2026-11&inspected_on=2026-11-20`, headers: inspector() });
    expect(applicable.json()).toEqual([expect.objectContaining({ id: ex.id, status: 'valid' })]);
    // No order for an exempted indicator.
    expect((await orders(`unit=${OTHER_TOWN.code}`)).some((o) => o.indicator === '4')).toBe(false);

    // Expired: in December (a service whose clock has moved on), 4 is judged again and the exemption listed as expired.
    const later = await buildApp({ store, rubrics: rubricMap(await listRubrics()), tokens: new TokenRegistry(), now: () => new Date(Date.UTC(2026, 11, 10, 2)) });
    const draft = await later.inject({ method: 'POST', url: '/assessments', headers: inspector(), payload: { ...sub, period: '2026-12', inspected_on: '2026-12-08' } });
    expect(draft.statusCode, draft.body).toBe(201);
    const after = draft.json();
    expect((await later.inject({ url: `/exemptions?unit=${OTHER_TOWN.code}`, headers: inspector() })).json()).toEqual([expect.objectContaining({ id: ex.id, state: 'expired' })]);
    await later.close();
    expect(after.assessment.results.find((r: any) => r.id === '4')).toMatchObject({ status: 'unmet', reason_code: expect.not.stringMatching('EXEMPTED') });
    expect(after.assessment.exemptions).toEqual([expect.objectContaining({ id: ex.id, status: 'expired' })]);
    // Revoking needs a reason, and is in the chain.
    expect((await app.inject({ method: 'POST', url: `/exemptions/${ex.id}/revoke`, headers: inspector(), payload: { reason: '' } })).statusCode).toBe(400);
    const revoked = await app.inject({ method: 'POST', url: `/exemptions/${ex.id}/revoke`, headers: inspector(), payload: { reason: '扩建提前完工' } });
    expect(revoked.json()).toMatchObject({ state: 'revoked', revoked_by: '县考核员', revoke_reason: '扩建提前完工' });
    expect((await app.inject({ method: 'POST', url: `/exemptions/${ex.id}/revoke`, headers: inspector(), payload: { reason: '再撤一次' } })).statusCode).toBe(409);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });

  maybe('evidence: typed from the bytes, limited in size, decoded, stored once, location kept, downloadable in scope only', async () => {
    const [o1, o2] = (await orders(`unit=${VILLAGE2.code}&status=pending`)).map((o) => o.id);
    const upload = (id: string, bytes: Uint8Array, name: string, type: string, who = staff()) => {
      const part = filePart(bytes, name, type);
      return app.inject({ method: 'POST', url: `/rectifications/${id}/evidence`, headers: { ...who, ...part.headers }, payload: part.payload });
    };
    const photo = jpegWithGps();
    const up = await upload(o1!, photo, '整改后.jpg', 'image/jpeg');
    expect(up.statusCode, up.body).toBe(201);
    const sha = `sha256:${(await import('node:crypto')).createHash('sha256').update(photo).digest('hex')}`;
    expect(up.json()).toMatchObject({ sha256: sha, media_type: 'image/jpeg', size: photo.length, name: '整改后.jpg', location: { lat: 30.26, lon: 120.15 }, uploaded_by: '西岭镇工作人员' });

    // Lies about its type: a PNG named .jpg, a PDF declared as an image, text named .png.
    expect((await upload(o1!, pngBytes(), '现场.jpg', 'image/jpeg')).json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('扩展名表明是JPEG 图片，但内容是PNG 图片') });
    expect((await upload(o1!, PDF, '现场.pdf', 'image/png')).json().message).toContain('声明的类型为 image/png');
    expect((await upload(o1!, Buffer.from('<html><script>alert(1)</script></html>'), '现场.png', 'image/png')).json().message).toContain('不是 JPEG、PNG 或 PDF 文件');
    // A JPEG header on garbage does not decode.
    const broken = Buffer.concat([jpegBytes().subarray(0, 40), Buffer.alloc(200, 7)]);
    expect((await upload(o1!, broken, '坏.jpg', 'image/jpeg')).json().message).toMatch(/无法解码|无法识别/);
    // Too large: refused before anything is kept.
    const huge = Buffer.concat([jpegBytes(), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(o1!, huge, '大.jpg', 'image/jpeg')).statusCode).toBe(413);

    // The same bytes again, elsewhere: a second attachment, one stored file.
    const again = await upload(o2!, photo, '同一张.jpg', 'application/octet-stream');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().sha256).toBe(sha);
    expect(await raw.query('SELECT COUNT(*) AS n FROM evidence_blobs WHERE sha256 = ?', [sha])).toEqual([{ n: kind.name === 'postgres' ? '1' : 1 }]);
    expect((await upload(o2!, PDF, '整改报告.pdf', 'application/pdf')).statusCode).toBe(201);

    // Downloads: the bytes as uploaded (location and all), for those with the order in scope.
    for (const who of ['县只读', '县考核员', '西岭镇工作人员']) {
      const got = await app.inject({ url: `/evidence/${up.json().id}`, headers: as(who) });
      expect(got.statusCode).toBe(200);
      expect(Buffer.from(got.rawPayload).equals(photo)).toBe(true);
      expect(got.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-sha256': sha });
    }
    expect((await app.inject({ url: `/evidence/${up.json().id}`, headers: as('南山镇工作人员') })).statusCode).toBe(404);
    // Only those who report may upload.
    expect((await upload(o1!, jpegBytes(), 'x.jpg', 'image/jpeg', inspector())).statusCode).toBe(403);
    expect((await upload(o1!, jpegBytes(), 'x.jpg', 'image/jpeg', as('外县考核员'))).statusCode).toBe(404);

    // The report pins the files by hash; after it, no more files.
    const sent = await step(o1!, 'submit', staff(), '已整改，附照片');
    expect(sent.json().history.at(-1).payload.evidence).toEqual([{ id: up.json().id, sha256: sha, name: '整改后.jpg' }]);
    expect((await upload(o1!, jpegBytes(), 'late.jpg', 'image/jpeg')).statusCode).toBe(409);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });

  maybe('evidence on a draft record, listed with hashes in its workbook; a rubric that requires evidence refuses a report without it', async () => {
    const draft = await app.inject({ method: 'POST', url: '/assessments', headers: inspector(), payload: { ...json('township-center-2022/standard.json'), unit: OTHER_TOWN, period: '2026-08', inspected_on: '2026-08-20' } });
    const part = filePart(pngBytes(4, 4, 3), '大厅.png', 'image/png');
    const up = await app.inject({ method: 'POST', url: `/assessments/${draft.json().id}/evidence?indicator=4`, headers: { ...inspector(), ...part.headers }, payload: part.payload });
    expect(up.statusCode, up.body).toBe(201);
    const bad = await app.inject({ method: 'POST', url: `/assessments/${draft.json().id}/evidence?indicator=nope`, headers: { ...inspector(), ...part.headers }, payload: part.payload });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ url: `/assessments/${draft.json().id}/evidence`, headers: as('县只读') })).json()).toEqual([expect.objectContaining({ indicator: '4', sha256: up.json().sha256 })]);
    const book = await app.inject({ url: `/assessments/${draft.json().id}/report`, headers: inspector() });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('佐证材料')!;
    expect(sheet.getCell('B3').value).toBe('指标 4');
    expect(sheet.getCell('F3').value).toBe(up.json().sha256.slice('sha256:'.length));
    // Finalized: frozen, its evidence with it.
    await app.inject({ method: 'POST', url: `/assessments/${draft.json().id}/finalize`, headers: inspector() });
    expect((await app.inject({ method: 'POST', url: `/assessments/${draft.json().id}/evidence?indicator=4`, headers: { ...inspector(), ...part.headers }, payload: part.payload })).statusCode).toBe(409);

    // A county rubric that requires evidence for indicator 7's report.
    const base = app.services.rubrics.get('township-center-2022').definition;
    app.services.rubrics.add(rubricFromDefinition({ ...base, id: 'township-center-evidence', rectification: { deadline_workdays: 10, evidence_required: ['7'] } }));
    const rec = await inspect({ ...json('township-center-2022/standard.json'), rubric: 'township-center-evidence', unit: OTHER_TOWN, period: '2026-11', inspected_on: '2026-11-16' });
    const mine = (await orders(`unit=${OTHER_TOWN.code}&rubric=township-center-evidence`)).filter((o) => o.assessment === rec.id);
    const seven = mine.find((o) => o.indicator === '7')!;
    // 10 working days from 17 November (Tue): 17–20, 23–27, 30: due 30 November.
    expect(seven).toMatchObject({ evidence_required: true, workdays: 10, due_on: '2026-11-30' });
    const other = as('南山镇工作人员');
    expect((await step(seven.id, 'submit', other, '已设置免费停车位')).json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('要求此项整改报告附佐证材料') });
    const pic = filePart(jpegBytes(8, 8, 9), '停车位.jpg', 'image/jpeg');
    expect((await app.inject({ method: 'POST', url: `/rectifications/${seven.id}/evidence`, headers: { ...other, ...pic.headers }, payload: pic.payload })).statusCode).toBe(201);
    expect((await step(seven.id, 'submit', other, '已设置免费停车位')).json()).toMatchObject({ status: 'submitted' });
    // Evidence is optional everywhere else.
    expect((await step(mine.find((o) => o.indicator !== '7')!.id, 'submit', other, '已整改')).statusCode).toBe(200);
  });

  maybe('the deadline an inspection sets, refused for a year without its notice; every endpoint in the OpenAPI document', async () => {
    expect((await app.inject({ url: '/rectifications/deadline?rubric=township-center-2022&from=2026-09-24', headers: as('县只读') })).json()).toEqual({ from: '2026-09-24', due_on: '2026-10-22' });
    const refused = await app.inject({ url: '/rectifications/deadline?rubric=township-center-2022&from=2026-12-15', headers: as('县只读') });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'BAD_REQUEST', details: [{ code: 'CALENDAR_MISSING', message: expect.stringContaining('没有 2027 年的法定节假日安排') }] });
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/rectifications', '/rectifications/ledger', '/rectifications/notice', '/rectifications/deadline', '/rectifications/{id}', '/rectifications/{id}/{step}',
      '/rectifications/{id}/evidence', '/assessments/{id}/evidence', '/evidence/{id}', '/exemptions', '/exemptions/applicable', '/exemptions/{id}/revoke',
    ]));
  });

  maybe('the county ledger, a unit notice, and open and overdue counts beside the ranking and the circular', async () => {
    const ledger = await app.inject({ url: `/rectifications/ledger?county=${COUNTY}&format=json`, headers: as('县只读') });
    expect(ledger.statusCode, ledger.body).toBe(200);
    const l = ledger.json();
    expect(l).toMatchObject({ county: { code: COUNTY, name: '测试县' }, as_of: '2026-11-25' });
    const all = await orders(`county=${COUNTY}`);
    expect(l.totals).toMatchObject({ open: all.filter((o) => o.status !== 'closed').length, closed: all.filter((o) => o.status === 'closed').length, overdue: all.filter((o) => o.status !== 'closed' && o.overdue).length });
    expect(l.units.map((u: any) => u.unit.code)).toEqual([...new Set(all.map((o) => o.unit))].sort());
    const xlsx = await app.inject({ url: `/rectifications/ledger?county=${COUNTY}&format=xlsx`, headers: as('县只读') });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // A township sees only its own subtree's orders; another county's ledger does not exist for it.
    const own = (await app.inject({ url: `/rectifications/ledger?county=${TOWN.code}&format=json`, headers: staff() })).json();
    expect(own.units.every((u: any) => [TOWN.code, VILLAGE.code, VILLAGE2.code].includes(u.unit.code))).toBe(true);
    expect((await app.inject({ url: `/rectifications/ledger?county=${COUNTY}`, headers: staff() })).statusCode).toBe(404);

    const notice = await app.inject({ url: `/rectifications/notice?unit=${VILLAGE2.code}&format=json`, headers: inspector() });
    expect(notice.json()).toMatchObject({ unit: { code: VILLAGE2.code }, issued_on: '2026-11-25', sources: [{ period: '2026-10', inspected_on: '2026-11-02' }] });
    expect(notice.json().orders.every((o: any) => o.status !== 'closed')).toBe(true);

    // Beside the ranking: of the findings up to the report's period, those open (and overdue) today.
    const county = await app.inject({ url: `/reports/county?rubric=baishui-village-room-2017&county=${COUNTY}&period=2026-10&format=json`, headers: inspector() });
    const villageOpen = all.filter((o) => o.unit === VILLAGE2.code && o.rubric === 'baishui-village-room-2017' && o.status !== 'closed');
    expect(county.json().rectification).toEqual({
      as_of: '2026-11-25',
      units: [{ unit: expect.objectContaining({ code: VILLAGE2.code }), open: villageOpen.length, overdue: villageOpen.filter((o) => o.overdue).length }],
      totals: { open: villageOpen.length, overdue: villageOpen.filter((o) => o.overdue).length },
    });
    // A month before any finding: nothing to count.
    expect((await app.inject({ url: `/reports/county?rubric=baishui-village-room-2017&county=${COUNTY}&period=2026-09&format=json`, headers: inspector() })).json().rectification).toMatchObject({ totals: { open: 0, overdue: 0 } });
    const q = await app.inject({ url: `/reports/quarterly?rubric=baishui-village-room-2017&county=${COUNTY}&year=2026&quarter=4`, headers: inspector() });
    const open = all.filter((o) => o.unit === VILLAGE2.code && o.rubric === 'baishui-village-room-2017' && o.status !== 'closed').length;
    expect(q.json().rectification).toMatchObject({ as_of: '2026-11-25', units: [{ unit: { code: VILLAGE2.code }, open }] });
  });
});
