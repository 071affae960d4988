// The web app in a real browser: the four flows of issue 13, and every page at desktop and phone width without
// horizontal overflow or serious accessibility violations. Screenshots go to test-artifacts/web/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodZh, previousPeriod } from '../../../src/calendar/period.js';
import { chinaPeriodOf, previousMonth } from '../../../src/periods/calendar.js';
import type { Indicator, NormCheck } from '../../../src/rubric/model.js';
import { buildTemplate, columnLetter } from '../../../src/excel/template.js';
import { column, fieldRow, fillSingle, load } from '../../../tests/support/workbooks.js';
import { halfSub, QUARTERLY_PATH, quarterly, quarterSub } from '../../../tests/support/periods.js';
import { fixture, rubric } from '../../../tests/support/rubrics.js';
import { jpegWithGps } from '../../../tests/support/evidence.js';
import { ARTEFACTS, axeViolations, hasChromium, overflow, settle, signedIn, type World, world } from './browser.js';

const standard = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const XIling = { code: '330299102000', name: '西岭镇便民服务中心', level: 'township' } as const;
const Nanshan = { code: '330299003000', name: '南山街道便民服务中心', level: 'township' } as const;
const sanitize = (id: string) => `ind-${id.replace(/[^\w-]/g, '_')}`;

/** Answers one indicator through its input, as an inspector would. */
async function answer(page: Page, ind: Indicator, check: NormCheck, value: unknown, id: string): Promise<void> {
  const card = page.locator(`[data-indicator="${ind.id}"]`);
  switch (check.kind) {
    case 'boolean':
      return card.locator(`[data-test="${id}-${value ? 'yes' : 'no'}"]`).click();
    case 'choice':
      return card.locator(`[data-test="${id}-${value as string}"]`).click();
    case 'checklist': {
      const present = Array.isArray(value) ? (value as string[]) : Object.entries(value as Record<string, boolean>).filter(([, v]) => v).map(([k]) => k);
      for (const item of check.items) if (present.includes(item.id) || present.includes(item.label)) await card.locator(`[data-test="${id}-${item.id}"]`).click();
      if (present.length === 0) for (let i = 0; i < 2; i++) await card.locator(`[data-test="${id}-${check.items[0]!.id}"]`).click(); // "none present" is an answer too
      return;
    }
    case 'dimension':
      for (const d of check.dims) {
        const v = (value as Record<string, number>)[d.id];
        if (v !== undefined) await card.locator(`[data-test="${id}-${d.id}"] input`).fill(String(v));
        await card.locator(`[data-test="${id}-${d.id}"] input`).press('Tab');
      }
      return;
    case 'composite':
      for (const p of check.parts) {
        const v = (value as Record<string, unknown>)[p.id];
        if (v !== undefined) await answer(page, ind, p.check, v, `${id}-${p.id}`);
      }
      return;
    default: {
      const input = card.locator(`[data-test="${id}"] input`);
      await input.fill(String(value));
      await input.press('Tab');
    }
  }
}

async function fillForm(page: Page, answers: Record<string, unknown>): Promise<void> {
  const r = await rubric('township-center-2022');
  for (const ind of r.indicators) {
    const raw = answers[ind.id];
    if (raw === undefined) continue;
    const card = page.locator(`[data-indicator="${ind.id}"]`);
    const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
    if (obj?.status === 'not_applicable') {
      await card.locator(`[data-test="${sanitize(ind.id)}-na"]`).click();
      await card.getByLabel(`${ind.id} 不适用的原因`).fill(String(obj.reason));
      continue;
    }
    const value = obj && 'value' in obj ? obj.value : raw;
    await answer(page, ind, ind.check, value, sanitize(ind.id));
    if (obj && typeof obj.note === 'string') await card.getByLabel(`${ind.id} 备注`).fill(obj.note);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

// A browser on a shared two-core machine: each flow gets two minutes, well beyond the ~25 s the slowest takes.
describe.skipIf(!hasChromium)('the web app in chromium', { timeout: 120_000 }, () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 240_000);
  afterAll(async () => {
    await w?.close();
  });

  it('flow 1: an inspector fills a township assessment live, reaches 标准型, finalizes it and downloads its workbook', async () => {
    const { page, errors } = await signedIn(w, w.tokens.inspector);
    const period = previousMonth(previousMonth(previousMonth(w.period))); // before the demo's three months
    await page.goto(`${w.url}/#/assess?unit=${XIling.code}&rubric=township-center-2022&period=${period}`);
    await page.locator('[data-indicator="1"]').waitFor();
    await fillForm(page, standard.answers);
    const live = page.locator('[data-test="live"]');
    await expect.poll(() => live.locator('[data-test="live-standing"]').textContent()).toBe('标准型');
    const liveScore = Number(await live.locator('[data-test="live-score"]').textContent());
    expect(liveScore).toBe(84.48);
    await shot(page, 'flow1-form-desktop');

    // A reload before saving loses nothing: the input was kept in this browser.
    await page.reload();
    await page.locator('[data-test="restored"]').waitFor();
    await expect.poll(() => live.locator('[data-test="live-score"]').textContent()).toBe(String(liveScore));

    await page.locator('[data-test="save"]').click();
    await page.waitForURL(/#\/assess\/[0-9a-f-]{36}$/);
    const id = /assess\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.locator('[data-test="finalize"]').click();
    await page.getByRole('dialog').getByRole('button', { name: '定稿' }).click();
    await page.waitForURL(new RegExp(`#/records/${id}$`));
    await expect.poll(() => page.locator('[data-test="record-status"]').textContent()).toBe('已定稿');

    // What the server stored equals what the page showed while filling.
    const stored = (await w.app.inject({ method: 'GET', url: `/assessments/${id}`, headers: { authorization: `Bearer ${w.tokens.inspector}` } })).json();
    expect(stored.status).toBe('final');
    expect(stored.assessment.score).toBe(liveScore);
    expect(stored.assessment.tier_label).toBe('标准型');
    const scored = (await w.app.inject({ method: 'POST', url: '/score', headers: { authorization: `Bearer ${w.tokens.inspector}` }, payload: { ...standard, unit: XIling, period } })).json();
    expect(stored.assessment.results).toEqual(scored.results);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="download-report"]').click()]);
    expect(download.suggestedFilename()).toContain('考核结果');
    const wb = await load(readFileSync((await download.path())!));
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))));
    expect(cells).toContain('标准型');
    await shot(page, 'flow1-record-desktop');
    expect(errors).toEqual([]);
  });

  it('flow 2: an inspector uploads a template with one bad cell, sees that cell, fixes the file and imports it', async () => {
    const { page, errors } = await signedIn(w, w.tokens.inspector);
    const period = previousMonth(previousMonth(previousMonth(w.period)));
    const r = await rubric('township-center-2022');
    const filled = await buildTemplate(r, { unit: Nanshan, period, prefill: { ...standard, unit: Nanshan, period } });
    const ws = (await load(filled)).getWorksheet('检查表')!;
    const badCell = `${columnLetter(column(ws, 'answer'))}${fieldRow(ws, '4')}`;
    const bad = await fillSingle(filled, { '4': '很大' });
    await page.goto(`${w.url}/#/sheets`);
    await page.locator('[data-test="file"]').setInputFiles({ name: '南山街道.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
    await page.locator('[data-test="import"]').click();
    const refusal = page.locator('[data-test="refusal"]');
    await refusal.waitFor();
    const row = refusal.locator(`tr[data-cell="${badCell}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['检查表', badCell, '4', '很大']);
    await shot(page, 'flow2-problems-desktop');

    const fixed = await fillSingle(filled, { '4': 120 });
    await page.locator('[data-test="file"]').setInputFiles({ name: '南山街道.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
    await page.locator('[data-test="import"]').click();
    await page.locator('[data-test="imported"]').waitFor();
    expect(await page.locator('[data-test="imported"] li').allTextContents()).toEqual([expect.stringContaining('南山街道便民服务中心')]);
    const list = (await w.app.inject({ method: 'GET', url: `/assessments/summary?unit=${Nanshan.code}&from=${period}&to=${period}`, headers: { authorization: `Bearer ${w.tokens.inspector}` } })).json();
    expect(list).toHaveLength(1);
    expect(list[0].tier_label).toBe('标准型');
    expect(errors).toEqual([]);
  });

  it('flow 3: township staff find no finalize button, and a direct call to finalize is refused', async () => {
    const { page } = await signedIn(w, w.tokens.township);
    await page.waitForURL(/#\/units\/330299101000$/);
    // Their own self-check draft, recorded through the form.
    const period = previousMonth(previousMonth(previousMonth(w.period)));
    await page.goto(`${w.url}/#/assess?unit=330299101000&rubric=township-center-2022&period=${period}`);
    await page.locator('[data-indicator="1"]').waitFor();
    expect(await page.locator('[data-test="finalize"]').count()).toBe(0);
    await page.locator('[data-test="ind-1-yes"]').click();
    await page.locator('[data-test="save"]').click();
    await page.waitForURL(/#\/assess\/[0-9a-f-]{36}$/);
    const id = /assess\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.goto(`${w.url}/#/records/${id}`);
    await page.locator('[data-test="record-status"]').waitFor();
    expect(await page.locator('[data-test="finalize"]').count()).toBe(0);
    // And an inspection of their township: readable, not theirs to finalize.
    const inspection = (await w.app.inject({ method: 'GET', url: `/assessments/summary?unit=330299101000&from=${w.period}&to=${w.period}&origin=inspection`, headers: { authorization: `Bearer ${w.tokens.admin}` } })).json()[0].id;
    await page.goto(`${w.url}/#/records/${inspection}`);
    await page.locator('[data-test="record-status"]').waitFor();
    expect(await page.locator('[data-test="finalize"]').count()).toBe(0);
    const direct = await page.evaluate(async ([rec, token]) => (await fetch(`/assessments/${rec}/finalize`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status, [id, w.tokens.township] as const);
    expect(direct).toBe(403);
    // A unit outside their township does not exist for them, on the page as in the API.
    await page.goto(`${w.url}/#/units/330299102000`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('不存在');
    await page.goto(`${w.url}/#/admin`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('不存在');
  });

  it('flow 4: a viewer sees the county overview and cannot upload', async () => {
    const { page, errors } = await signedIn(w, w.tokens.viewer);
    await page.waitForURL(/#\/overview$/);
    await settle(page);
    // The overview loads units, rubrics, results and the rubric's definition one after another; on a busy machine the
    // network can fall quiet between them, so what they draw is awaited rather than read once.
    await expect.poll(() => page.locator('[data-test="matrix"] tbody tr').count()).toBe(8);
    await expect.poll(() => page.locator('[data-test="counts"]').textContent()).toContain('优秀');
    await expect.poll(() => page.locator('canvas').count()).toBe(2);
    expect(await page.getByRole('link', { name: '填报考核' }).count()).toBe(0);
    await page.goto(`${w.url}/#/sheets`);
    await settle(page);
    expect(await page.locator('[data-test="upload"]').count()).toBe(0);
    expect(await page.locator('[data-test="template-single"]').count()).toBe(1);
    const direct = await page.evaluate(async (token) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([80, 75, 3, 4])]), 'a.xlsx');
      return (await fetch('/assessments/import', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).status;
    }, w.tokens.viewer);
    expect(direct).toBe(403); // refused before the file is read
    expect(errors).toEqual([]);
  });

  it('signing in: a wrong or revoked token gets a clear message; signing out forgets the token', async () => {
    const context = await w.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${w.url}/#/login`);
    await page.locator('#token').fill('not-a-real-token-000000000000');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.locator('[data-test="signin-error"]').textContent()).toBe('登录失败：令牌无效或已吊销');
    const { page: p } = await signedIn(w, w.tokens.viewer);
    expect(await p.evaluate(() => sessionStorage.getItem('bianmin:token'))).toBe(w.tokens.viewer);
    expect(await p.evaluate(() => localStorage.length)).toBe(0);
    await p.getByRole('button', { name: '退出' }).click();
    await p.waitForURL(/#\/login/);
    expect(await p.evaluate(() => sessionStorage.getItem('bianmin:token'))).toBeNull();
    await context.close();
  });

  it('flow 5: township staff report on an order with a photo, an inspector passes it, the overdue list shows the late ones, a viewer only reads', async () => {
    const admin = { authorization: `Bearer ${w.tokens.admin}` };
    const open = (await w.app.inject({ url: '/rectifications?county=330299101000&status=open', headers: admin })).json() as Array<{ id: string; unit: string; indicator: string }>;
    expect(open.length).toBeGreaterThan(0);
    const o = open[0]!;
    const staff = await signedIn(w, w.tokens.township);
    await staff.page.goto(`${w.url}/#/rectification?unit=${o.unit}&status=open&order=${o.id}`);
    await settle(staff.page);
    const card = staff.page.locator(`[data-test="order-${o.indicator}"]`);
    await card.locator(`#file-${o.id}`).setInputFiles({ name: '整改后.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });
    await expect.poll(() => card.locator('.files').textContent(), { timeout: 20_000 }).toContain('整改后.jpg');
    expect(await card.locator('.files').textContent()).toContain('拍摄位置 30.26, 120.15');
    expect(await card.getByRole('button', { name: '复查通过（销号）' }).count()).toBe(0);
    await card.getByLabel('整改情况').fill('已按要求整改，附整改后照片');
    await card.getByRole('button', { name: '提交整改报告' }).click();
    await expect.poll(() => card.locator('.head').textContent()).toContain('已提交');
    await shot(staff.page, 'rectification-submitted-desktop');
    expect(staff.errors).toEqual([]);

    const inspector = await signedIn(w, w.tokens.inspector);
    await inspector.page.goto(`${w.url}/#/rectification?unit=${o.unit}&status=submitted&order=${o.id}`);
    await settle(inspector.page);
    const review = inspector.page.locator(`[data-test="order-${o.indicator}"]`);
    expect(await review.locator(`#file-${o.id}`).count()).toBe(0);
    await review.getByRole('button', { name: '复查通过（销号）' }).click();
    await expect.poll(() => review.locator('.head').textContent()).toContain('已销号');
    const stored = (await w.app.inject({ url: `/rectifications/${o.id}`, headers: admin })).json();
    expect(stored.history.map((e: { action: string; actor: string }) => [e.action, e.actor]).slice(-2)).toEqual([['rectification.submit', '东湖镇 李娜'], ['rectification.pass', '王敏']]);

    await inspector.page.goto(`${w.url}/#/overdue`);
    await settle(inspector.page);
    const overdue = (await w.app.inject({ url: '/rectifications?county=330299000000&status=overdue', headers: admin })).json() as unknown[];
    expect(overdue.length).toBeGreaterThan(0);
    expect(await inspector.page.locator('[data-test="overdue"] tbody tr').count()).toBe(overdue.length);
    expect(await inspector.page.locator('[data-test="overdue-count"]').textContent()).toContain(`逾期 ${overdue.length} 项`);
    await shot(inspector.page, 'overdue-desktop');
    expect(inspector.errors).toEqual([]);

    const viewer = await signedIn(w, w.tokens.viewer);
    await viewer.page.goto(`${w.url}/#/rectification?unit=${o.unit}&status=all`);
    await settle(viewer.page);
    const first = viewer.page.locator('article.order').first();
    await first.getByRole('button', { name: '详情' }).click();
    await settle(viewer.page);
    expect(await viewer.page.locator('input[type=file]').count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: /提交整改报告|复查通过/ }).count()).toBe(0);
    expect(viewer.errors).toEqual([]);
  });

  it('every page, at 1366×768 and 390×844: no horizontal overflow, no serious or critical accessibility violation', async () => {
    const record = (await w.app.inject({ method: 'GET', url: `/assessments/summary?unit=${XIling.code}&from=${w.period}&to=${w.period}&origin=inspection`, headers: { authorization: `Bearer ${w.tokens.admin}` } })).json()[0].id;
    const pages: Array<[string, string]> = [
      ['overview', '/overview'],
      ['unit', `/units/${XIling.code}`],
      ['record', `/records/${record}`],
      ['assess', `/assess?unit=${XIling.code}&rubric=county-monthly-assessment&period=${w.period}`],
      ['sheets', '/sheets'],
      ['reports', '/reports'],
      ['rectification', '/rectification?status=all'],
      ['overdue', '/overdue'],
      ['admin', '/admin'],
      ['not-found', '/no-such-page'],
    ];
    const found: string[] = [];
    for (const [label, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]] as const) {
      const { page, errors } = await signedIn(w, w.tokens.admin, viewport);
      for (const [name, path] of pages) {
        await page.goto(`${w.url}/#${path}`);
        await settle(page);
        await shot(page, `${name}-${label}`);
        const over = await overflow(page);
        if (over > 0) found.push(`${name} ${label}: ${over}px wider than the window`);
        for (const v of await axeViolations(page)) found.push(`${name} ${label}: ${v}`);
      }
      for (const tab of ['令牌', '评分标准', '记录链']) {
        await page.goto(`${w.url}/#/admin`);
        await settle(page);
        await page.getByRole('tab', { name: tab }).click();
        await settle(page);
        await shot(page, `admin-${tab}-${label}`);
        if ((await overflow(page)) > 0) found.push(`admin ${tab} ${label}: overflow`);
        for (const v of await axeViolations(page)) found.push(`admin ${tab} ${label}: ${v}`);
      }
      await page.context().clearCookies();
      const signin = await page.context().newPage();
      await signin.goto(`${w.url}/#/login`);
      await settle(signin);
      await shot(signin, `signin-${label}`);
      if ((await overflow(signin)) > 0) found.push(`signin ${label}: overflow`);
      for (const v of await axeViolations(signin)) found.push(`signin ${label}: ${v}`);
      found.push(...errors.map((e) => `${label}: console: ${e}`));
    }
    expect(found).toEqual([]);
  });

  it('flow 5: a rubric’s own periods: an inspector records a quarter, reports rank quarters and half years, and a half-yearly rubric offers no quarterly circular', async () => {
    const admin = { authorization: `Bearer ${w.tokens.admin}` };
    // A county uploads its quarterly rubric for townships, with its transcription.
    const upload = await w.app.inject({ method: 'POST', url: '/rubrics', headers: admin, payload: { rubric: readFileSync(QUARTERLY_PATH, 'utf8'), transcriptions: { 'standards/quarterly-township.md': readFileSync(join(QUARTERLY_PATH, '../standards/quarterly-township.md'), 'utf8') } } });
    expect(upload.statusCode, upload.body).toBe(201);
    const quarter = chinaPeriodOf('quarter', new Date());
    const before = previousPeriod(quarter);
    const halfNow = chinaPeriodOf('half_year', new Date());
    const halfBefore = previousPeriod(halfNow);
    const seed = async (sub: object) => expect((await w.app.inject({ method: 'POST', url: '/assessments', headers: admin, payload: sub })).statusCode).toBe(201);
    // 西岭镇 80 → 100, 南山街道 100 → 25 (by hand: tests/support/periods.ts); the demo county’s department 76 → 100.
    const town = (unit: typeof XIling | typeof Nanshan, period: string, hall: boolean, absences: number, complaints: number) => ({ ...quarterSub('A', period, hall, absences, complaints), unit });
    for (const sub of [town(XIling, before, true, 2, 1), town(XIling, quarter, true, 0, 0), town(Nanshan, before, true, 0, 0), town(Nanshan, quarter, false, 3, 2)]) await seed(sub);
    const county = { code: '330299000000', name: '示例县', level: 'county' };
    await seed({ ...halfSub('deductions', 'X', halfBefore), unit: county });
    await seed({ ...halfSub('clean', 'X', halfNow), unit: county });

    // A county-level unit can be recorded on the form with the rubric for its level, by half year.
    {
      const { page: p } = await signedIn(w, w.tokens.inspector);
      await p.goto(`${w.url}/#/assess?unit=${county.code}&rubric=yinchuan-branch-hall-departments`);
      await p.locator('[data-indicator="1.1"]').waitFor();
      await expect.poll(() => p.locator('[data-test="period"]').textContent()).toContain(periodZh(halfNow));
    }

    // The form offers quarters up to this one, in words, and records this quarter: 100 − 5 = 95.
    const { page, errors } = await signedIn(w, w.tokens.inspector);
    await page.goto(`${w.url}/#/assess?unit=330299101000&rubric=${quarterly.id}`);
    await page.locator('[data-indicator="1"]').waitFor();
    const picker = page.locator('[data-test="period"]');
    await expect.poll(() => picker.textContent()).toContain(periodZh(quarter));
    await picker.click();
    await page.getByRole('option', { name: periodZh(quarter) }).waitFor();
    await page.waitForTimeout(400); // the list's opening transition, for the screenshot
    const offered = await page.getByRole('option').allTextContents();
    expect(offered.slice(0, 2).map((t) => t.trim())).toEqual([periodZh(quarter), periodZh(before)]);
    await shot(page, 'periods-assess-quarter-desktop');
    await page.keyboard.press('Escape');
    await page.locator('[data-test="ind-1-yes"]').click();
    for (const [id, n] of [['2', '1'], ['3', '0']] as const) {
      const input = page.locator(`[data-test="ind-${id}"] input`);
      await input.fill(n);
      await input.press('Tab');
    }
    await expect.poll(() => page.locator('[data-test="live-score"]').textContent()).toBe('95');
    await page.locator('[data-test="save"]').click();
    await page.waitForURL(/#\/assess\/[0-9a-f-]{36}$/);
    const id = /assess\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect((await w.app.inject({ method: 'GET', url: `/assessments/${id}`, headers: admin })).json()).toMatchObject({ period: quarter, assessment: { score: 95 } });

    const choose = async (p: Page, label: string, option: string) => {
      // The select's visible text sits over its input: click the select, as a person does.
      await p.locator('.el-select', { has: p.getByRole('combobox', { name: label }) }).click();
      await p.getByRole('option', { name: option, exact: true }).click();
      await settle(p);
    };
    const tabs = (p: Page) => p.getByRole('tab').allTextContents();
    for (const [label, viewport] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]] as const) {
      const { page: r } = await signedIn(w, w.tokens.inspector, viewport);
      await r.goto(`${w.url}/#/reports`);
      await settle(r);
      // A quarterly rubric ranks quarters, compared with the previous quarter.
      await choose(r, '评分标准', quarterly.title);
      expect(await tabs(r)).toEqual(['季度排名', '季度通报', '年度累计']);
      await expect.poll(() => r.locator('[data-test="period"]').textContent()).toContain(periodZh(quarter));
      const ranking = r.locator('[data-test="ranking"]');
      await expect.poll(() => ranking.locator('tbody tr').count()).toBe(3);
      expect(await ranking.locator('thead th').allTextContents()).toEqual(['名次', '单位', '等级', '得分', '较上季度']);
      expect((await ranking.locator('tbody tr').allInnerTexts()).map((t) => t.split('\t').map((c) => c.trim()))).toEqual([
        ['1', '西岭镇便民服务中心', '优秀', '100', '+20 ↑'],
        ['2', '东湖镇便民服务中心', '优秀', '95', '—'],
        ['3', '南山街道便民服务中心', '不合格', '25', '-75 ↓'],
      ]);
      expect(await r.locator('[role="alert"]').count()).toBe(0);
      await shot(r, `periods-reports-quarter-${label}`);
      if ((await overflow(r)) > 0) throw new Error(`reports (quarterly rubric) ${label}: overflow`);

      // A half-yearly rubric: no quarterly circular, its half year ranked against the previous one.
      await choose(r, '评分标准', '银川市分厅部门考核赋分表（政务服务工作绩效考评办法(试行) 附件2）');
      expect(await tabs(r)).toEqual(['半年排名', '年度累计']);
      await expect.poll(() => r.locator('[data-test="period"]').textContent()).toContain(periodZh(halfNow));
      await expect.poll(() => ranking.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^1\s+示例县\s+不分等级\s+100\s+\+24 →$/)]);
      expect(await ranking.locator('thead th').allTextContents()).toContain('较上期');
      expect(await r.locator('[role="alert"]').count()).toBe(0);
      await shot(r, `periods-reports-half-${label}`);
      await r.getByRole('tab', { name: '年度累计' }).click();
      await settle(r);
      const annual = r.locator('[data-test="annual"]');
      expect(await annual.locator('thead th').allTextContents()).toEqual(['名次', '单位', '半年平均分', '缺考半年']);
      const year = Number(halfNow.slice(0, 4));
      const scores = [[halfBefore, 76], [halfNow, 100]].filter(([p]) => String(p).startsWith(`${year}-`)).map(([, v]) => Number(v));
      expect((await annual.locator('tbody td').allTextContents())[2]).toBe(String(scores.reduce((a, b) => a + b, 0) / scores.length));
      await shot(r, `periods-reports-half-annual-${label}`);
      if ((await overflow(r)) > 0) throw new Error(`reports (half-yearly rubric) ${label}: overflow`);
      for (const v of await axeViolations(r)) throw new Error(`reports ${label}: ${v}`);
    }

    // Templates and the overview follow the rubric's kind too.
    await page.goto(`${w.url}/#/sheets`);
    await settle(page);
    await choose(page, '评分标准', quarterly.title);
    await expect.poll(() => page.locator('[data-test="template-bulk"]').textContent()).toContain(`下载批量录入表（${periodZh(quarter)}）`);
    await page.goto(`${w.url}/#/overview`);
    await settle(page);
    await choose(page, '评分标准', quarterly.title);
    await expect.poll(() => page.locator('[data-test="matrix"] thead th').count()).toBe(9);
    expect((await page.locator('[data-test="matrix"] thead th').allTextContents()).at(-1)).toBe(periodZh(quarter).slice(2));
    await shot(page, 'periods-overview-quarter-desktop');
    expect(errors).toEqual([]);
  });
});
