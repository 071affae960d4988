// The services split by what they serve, tested without HTTP: rubrics (including one added at run time), assessments
// with their lifecycle, reports with their workbooks from the one renderer, tokens, and the record chain.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import type { Services } from '../../src/service/index.js';
import type { Store } from '../../src/store/types.js';
import { fixture } from '../support/rubrics.js';
import { ADMIN, COUNTY, INSPECTOR, services, standard, TOWN } from '../support/services.js';

const cellsOf = async (bytes: Buffer): Promise<string[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text)))));
  return out;
};

describe('the services', () => {
  let store: Store;
  let s: Services;
  beforeAll(async () => ({ store, s } = await services()));
  afterAll(() => store.close());

  it('rubrics: the bundled set, a rubric added at run time is scored with at once, an unknown one is a coded error', async () => {
    expect(s.rubrics.list().map((r) => r.id)).toContain('township-center-2022');
    const base = s.rubrics.get('township-center-2022');
    const added = rubricFromDefinition({ ...base.definition, id: 'township-center-local', version: '2026.1', title: '本县试行标准' });
    s.rubrics.add(added);
    expect(s.rubrics.get('township-center-local')).toBe(added);
    expect((await s.assessments.score({ ...standard(), rubric: 'township-center-local' }, ADMIN)).rubric).toMatchObject({ id: 'township-center-local', hash: added.hash });
    expect(() => s.rubrics.get('nope')).toThrow(expect.objectContaining({ code: 'RUBRIC_NOT_FOUND' }));
  });

  it('assessments: created, listed in scope, finalized, corrected; the correction supersedes the official record', async () => {
    const rec = await s.assessments.create(standard({ period: '2026-10' }), INSPECTOR);
    expect(rec).toMatchObject({ status: 'draft', origin: 'inspection', created_by: INSPECTOR.name, unit: TOWN.code });
    expect((await s.assessments.list({ county: COUNTY }, INSPECTOR)).map((r) => r.id)).toContain(rec.id);
    await s.assessments.finalize(rec.id, INSPECTOR);
    const next = await s.assessments.amend(rec.id, standard({ period: '2026-10', answers: { ...standard().answers, '4': 160 } }), '面积复测', INSPECTOR);
    expect(next).toMatchObject({ revision: 2, supersedes: rec.id, amend_reason: '面积复测' });
    expect((await s.assessments.get(rec.id, INSPECTOR)).status).toBe('superseded');
    await expect(s.assessments.amend(next.id, standard(), '  ', INSPECTOR)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a half year still running is recorded; one not yet begun is in the future (periods compared by their first month)', async () => {
    const half = (period: string) => ({ ...JSON.parse(readFileSync(fixture('yinchuan-branch-hall-departments', 'deductions.json'), 'utf8')), unit: { code: COUNTY, name: '测试县', level: 'county' }, period });
    // The clock says 2026-11: 2026-H2 is under way.
    expect(await s.assessments.create(half('2026-H2'), INSPECTOR)).toMatchObject({ period: '2026-H2', status: 'draft' });
    await expect(s.assessments.create(half('2027-H1'), INSPECTOR)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('考核期间 2027-H1 在将来') });
  });

  it('reports: data, and a workbook from the renderer that prints the chain head of the moment it was made', async () => {
    await s.assessments.create(standard({ period: '2026-09' }), INSPECTOR);
    const county = await s.reports.county('township-center-2022', '2026-09', COUNTY, INSPECTOR);
    expect(county.data.units.map((u) => u.unit.code)).toEqual([TOWN.code]);
    const head = await s.chain.head();
    const book = await county.workbook();
    expect(book.name).toBe(`县级汇总-${county.data.rubric.title}-2026-09.xlsx`);
    expect((await cellsOf(book.bytes)).join('\n')).toContain(head);
    const quarterly = await s.reports.quarterly('township-center-2022', 2026, 4, COUNTY, INSPECTOR);
    expect((await quarterly.workbook()).name).toBe(`季度通报-${quarterly.data.rubric.title}-2026Q4.xlsx`);
    const [rec] = await s.assessments.list({ unit: TOWN.code, period: '2026-09' }, INSPECTOR);
    const unit = await s.reports.assessment(rec!.id, INSPECTOR);
    expect(unit.name).toBe(`考核结果-${TOWN.name}-2026-09.xlsx`);
    expect(await cellsOf(unit.bytes)).toContain(TOWN.name);
    const template = await s.rubrics.template('township-center-2022', { bulk: false, unit: TOWN, period: '2026-11' });
    expect(template.name).toBe(`${s.rubrics.get('township-center-2022').title}检查表-${TOWN.name}(镇(街道))-2026-11.xlsx`);
  });

  it('tokens: the secret is given once and never listed; a revoked token is listed as revoked', async () => {
    const { token, record } = await s.tokens.create({ name: '王芳', role: 'viewer', scope: COUNTY }, ADMIN);
    expect(token).toMatch(/^bm_/);
    const listed = await s.tokens.list(ADMIN);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.find((t) => t.id === record.id)).not.toHaveProperty('digest');
    expect((await s.tokens.revoke(record.id, ADMIN)).revoked_at).not.toBeNull();
    expect(await store.findToken((await store.listTokens()).find((t) => t.id === record.id)!.digest)).toBeNull();
  });

  it('the record chain: everything above verifies, and its head is what reports print', async () => {
    const v = await s.chain.verify(ADMIN);
    expect(v).toMatchObject({ ok: true });
    expect(await s.chain.head()).toBe(`${v.entries}:${v.head}`);
    expect((await s.chain.read(ADMIN, 1, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
