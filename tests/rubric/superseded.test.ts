// Records scored with a rubric version that a fidelity fix later replaced stay exactly as they were: read back
// unchanged, rendered with the rubric they were scored with (kept by content hash), counted in county reports next to
// records of the new version, and corrected only by an amendment scored with the current version.
// tests/support/superseded/ holds the earlier versions byte for byte as they were bundled (commit 847ffeb).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { assess } from '../../src/engine/evaluate.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../../src/rubric/load.js';
import { parseRubric } from '../../src/rubric/parse.js';
import type { Rubric } from '../../src/rubric/model.js';
import type { Store } from '../../src/store/types.js';
import { auth, NOW, TOKEN } from '../support/api.js';
import { passingAnswers } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';
import { load } from '../support/workbooks.js';

// Read as the store keeps a pinned snapshot: the definition as it was, without the rules for writing new rubrics
// added since (an upper bound on every number), which must never make an old record unreadable.
const superseded = async (file: string) => parseRubric(readFileSync(join(PACKAGE_ROOT, 'tests/support/superseded', file), 'utf8'), file);
const current = rubricMap(await listRubrics());
const old = {
  longpo: await superseded('longpo-village-station-2016@2016.1.yaml'),
  essentials: await superseded('village-service-essentials@undated.1.yaml'),
  county: await superseded('county-monthly-assessment@2017.1-default.yaml'),
};

const COUNTY = '460204000000';
const VILLAGE = { code: '460204103201', name: '龙坡村便民服务站', level: 'village' };
const units = [
  { code: COUNTY, name: '测试区', level: 'county', parent: null },
  { code: '460204103000', name: '测试镇', level: 'township', parent: COUNTY },
  { ...VILLAGE, parent: '460204103000' },
  { code: '460204103202', name: '新联村便民服务站', level: 'village', parent: '460204103000' },
];
const submission = (r: Rubric, answers: Record<string, unknown>) => ({ rubric: r.id, unit: VILLAGE, period: '2026-10', answers });

async function appWith(store: Store, rubrics: Map<string, Rubric>): Promise<FastifyInstance> {
  const tokens = new TokenRegistry();
  tokens.add(TOKEN, { name: 'inspector-1', role: 'admin', scope: null });
  return buildApp({ store, rubrics, tokens, now: () => NOW });
}

/** Column A → column B of the 汇总 sheet, and the 明细 rows by indicator id (column C). */
async function report(app: FastifyInstance, id: string) {
  const wb = await load((await app.inject({ method: 'GET', url: `/assessments/${id}/report`, headers: auth })).rawPayload);
  const summary = new Map<string, unknown>();
  wb.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
  // The detail sheet: its header row is the frozen one; section headings are merged rows, indicators are not.
  const ws = wb.getWorksheet('明细')!;
  const head = (ws.views[0] as { ySplit: number }).ySplit;
  const labels = (ws.getRow(head).values as unknown[]).map(String);
  const col = (label: string) => labels.indexOf(label);
  const detail = new Map<string, { result: unknown; reason: string }>();
  ws.eachRow((row, n) => {
    if (n <= head || row.getCell(1).isMerged) return;
    detail.set(String(row.getCell(col('序号')).value), { result: row.getCell(col('结果')).value, reason: String(row.getCell(col('说明')).value) });
  });
  return { summary, detail };
}

describe.each(STORES)('records of superseded rubric versions on $name', (kind) => {
  const maybe = kind.available ? it : it.skip;

  maybe('stay pinned, readable and rendered with the version they were scored with', async () => {
    const store = await kind.open();
    // Before the fixes: the service bundles the earlier versions.
    const before = await appWith(store, new Map([...current, ...Object.values(old).map((r) => [r.id, r] as const)]));
    expect((await before.inject({ method: 'POST', url: '/units/import', headers: auth, payload: units })).statusCode).toBe(201);
    const create = async (payload: unknown) => {
      const res = await before.inject({ method: 'POST', url: '/assessments', headers: auth, payload: payload as never });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    // 龙坡村 keeps system 13 in a binder: 2016.1 required it on the wall.
    const binder = { ...passingAnswers(old.longpo), '13': ['established', 'followed'] };
    const longpo = await create(submission(old.longpo, binder));
    expect(longpo.assessment.result).toEqual({ passed: false, label: '未达标' });
    expect(longpo.assessment.gaps.compliant).toEqual(['13']);
    // undated.1 had no wall or publication duties: the station passed with its 20 items.
    const essentials = await create(submission(old.essentials, passingAnswers(old.essentials)));
    expect(essentials.assessment.result).toEqual({ passed: true, label: '达标' });
    await before.close();

    // As the earlier engine recorded an unanswered 7.4: 单项否决. The record is put in the store as it was made.
    const { '7.4': _, ...no74 } = passingAnswers(old.county);
    const countySub = submission(old.county, no74);
    const made = assess(old.county, countySub);
    const recorded = { ...made, result: { passed: false, label: '不合格' }, grade: { id: 'fail', label: '不合格', min: 0, pass: false, vetoed: true, veto_items: ['7.4'], by_score: 'excellent' } };
    await store.putRubric(old.county.definition, old.county.hash, '2026-10-28T02:00:00.000Z');
    const [countyRec] = await store.createAssessments([{ submission: countySub as never, assessment: recorded as never, created_at: '2026-10-28T02:00:00.000Z', created_by: 'inspector-1' }]);

    // After the fixes: the service bundles only the current versions.
    const after = await appWith(store, current);
    for (const [rec, r] of [[longpo, old.longpo], [essentials, old.essentials], [countyRec!, old.county]] as const) {
      const res = await after.inject({ method: 'GET', url: `/assessments/${rec.id}`, headers: auth });
      expect(res.statusCode).toBe(200);
      expect(res.json().assessment).toEqual(rec.assessment);
      expect(res.json().assessment.rubric).toEqual({ id: r.id, version: r.version, hash: r.hash });
      expect(current.get(r.id)!.hash).not.toBe(r.hash);
      const { summary } = await report(after, rec.id);
      expect(summary.get('评分标准')).toContain(`版本 ${r.version}`);
      expect(summary.get('标准内容指纹')).toBe(r.hash);
    }

    // The 2016.1 workbook: its 71 indicators, system 13 unmet for want of the wall, as recorded.
    const l = await report(after, longpo.id);
    expect(l.summary.get('结论')).toBe('未达标');
    expect(l.detail.size).toBe(71);
    expect(l.detail.get('13')).toEqual({ result: '未达标', reason: expect.stringContaining('已公开/上墙公示（本评分标准的约定）') });
    expect(l.detail.has('7.3.4')).toBe(false);
    // The undated.1 workbook: 20 indicators, 达标.
    const e = await report(after, essentials.id);
    expect(e.summary.get('结论')).toBe('达标');
    expect(e.detail.size).toBe(20);
    // The 2017.1-default record says what it said.
    const c = await report(after, countyRec!.id);
    expect(c.summary.get('考核等级')).toBe('不合格（单项否决：7.4）');

    // Scoring the same answers today uses today's versions: the old “posted” item is refused with its place named,
    // and the essentials station is held to the wall duties it was never asked about.
    const again = await after.inject({ method: 'POST', url: '/score', headers: auth, payload: submission(old.longpo, binder) });
    expect(again.statusCode).toBe(400);
    expect(again.json().details).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_ITEM', path: '/answers/1/1' }));
    const ess = (await after.inject({ method: 'POST', url: '/score', headers: auth, payload: submission(old.essentials, passingAnswers(old.essentials)) })).json();
    expect(ess.rubric.version).toBe('undated.2');
    expect(ess.result).toEqual({ passed: false, label: '未达标' });

    // A county report for the month mixes the versions: each record counts against the indicators it had, so
    // 7.3.4 (new in 2016.2) is unmet in 1 of the 1 records that had it, and 13 in 1 of 2.
    const xinlian = { ...passingAnswers(current.get('longpo-village-station-2016')!), '7.3.4': ['contact_card'] };
    const fresh = await after.inject({ method: 'POST', url: '/assessments', headers: auth, payload: { ...submission(old.longpo, xinlian), unit: { code: '460204103202', name: '新联村便民服务站', level: 'village' } } });
    expect(fresh.json().assessment.rubric.version).toBe('2016.2');
    const month = (await after.inject({ method: 'GET', url: `/reports/county?rubric=longpo-village-station-2016&county=${COUNTY}&period=2026-10&format=json`, headers: auth })).json();
    expect(month.units.map((u: { unit: { code: string }; standing: string }) => [u.unit.code, u.standing])).toEqual([['460204103202', '未达标'], ['460204103201', '未达标']]);
    expect(month.unmet.map((u: { id: string; share: number }) => [u.id, u.share])).toEqual([['13', 0.5], ['7.3.4', 1]]);

    // Correcting the 2017.1 record is an amendment scored with the current version: 未评定, not 单项否决.
    await after.inject({ method: 'POST', url: `/assessments/${countyRec!.id}/finalize`, headers: auth });
    // Its 5.1 is answered as 2017.4 asks: the weeks with a home visit (October 2026 has 5), not a visit total.
    const correction = { ...countySub, answers: { ...countySub.answers, '5.1': 5 } };
    const amended = await after.inject({ method: 'POST', url: `/assessments/${countyRec!.id}/amend`, headers: auth, payload: { submission: correction, reason: '7.4 未检查，不应记为单项否决' } });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json().assessment.rubric.version).toBe('2017.4-default');
    expect(amended.json().assessment.grade).toMatchObject({ label: '未评定', vetoed: false, veto_items: [], not_assessed: { code: 'VETO_NOT_ASSESSED', items: ['7.4'] } });
    const kept = (await after.inject({ method: 'GET', url: `/assessments/${countyRec!.id}`, headers: auth })).json();
    expect(kept.status).toBe('superseded');
    expect(kept.assessment).toEqual(countyRec!.assessment);
    await after.close();
    await store.close();
  });
});
