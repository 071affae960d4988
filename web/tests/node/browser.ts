// A real browser for the web app's tests: Debian's chromium (never a downloaded one) driven by playwright-core, a
// fresh embedded store with the demo county, the built page served by the same app, and tokens for each role.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../../src/api/app.js';
import { TokenRegistry } from '../../../src/api/auth.js';
import { DEMO_COUNTY, seedDemo } from '../../../src/api/demo.js';
import { WEB_DIST } from '../../../src/api/web.js';
import { chinaPeriod } from '../../../src/periods/calendar.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../../../src/rubric/load.js';
import { openSqlite } from '../../../src/store/sqlite.js';
import type { Store } from '../../../src/store/types.js';
import { ensureBuilt } from '../../build/ensure.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  const msg = `NOTICE: ${CHROMIUM} not found: the browser tests are skipped (apt-get install chromium; .ci/run installs it)`;
  if (process.env.CI) throw new Error(msg.replace('NOTICE: ', ''));
  console.warn(msg);
}

/** Screenshots are test artefacts, never committed (.gitignore). */
export const ARTEFACTS = join(PACKAGE_ROOT, 'test-artifacts', 'web');

const ADMIN = 'e2e-admin-token-0123456789abcdef';

export interface World {
  url: string;
  app: FastifyInstance;
  store: Store;
  browser: Browser;
  tokens: Record<'admin' | 'inspector' | 'township' | 'viewer', string>;
  period: string;
  close(): Promise<void>;
}

export async function world(): Promise<World> {
  await ensureBuilt();
  mkdirSync(ARTEFACTS, { recursive: true });
  const store = openSqlite(join(mkdtempSync(join(tmpdir(), 'e2e-')), 'e2e.sqlite'));
  await store.migrate();
  const registry = new TokenRegistry();
  registry.add(ADMIN, { name: '系统管理员', role: 'admin', scope: null });
  const app = await buildApp({ store, rubrics: rubricMap(await listRubrics()), tokens: registry, web: WEB_DIST });
  const period = chinaPeriod(new Date());
  await seedDemo(app.services, period);
  const issue = async (name: string, role: string, scope: string) => {
    const res = await app.inject({ method: 'POST', url: '/tokens', headers: { authorization: `Bearer ${ADMIN}` }, payload: { name, role, scope } });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().token as string;
  };
  const tokens = {
    admin: ADMIN,
    inspector: await issue('王敏', 'county_inspector', DEMO_COUNTY),
    township: await issue('东湖镇 李娜', 'township_staff', '330299101000'),
    viewer: await issue('县领导 只读', 'viewer', DEMO_COUNTY),
  };
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    url, app, store, browser, tokens, period,
    async close() {
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}

export interface Tab {
  page: Page;
  /** Console errors and refused loads (a Content-Security-Policy violation shows here). */
  errors: string[];
}

/** A new tab at a viewport size, signed in with a token through the sign-in page. */
export async function signedIn(w: World, token: string, viewport = { width: 1366, height: 768 }): Promise<Tab> {
  const context = await w.browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource: the server responded with a status of 40\d/.test(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${w.url}/#/login`);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  return { page, errors };
}

/** Serious and critical accessibility violations on the page as it is now (axe-core). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's script policy does not apply to.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** How far the page is wider than the window; 0 means no horizontal overflow. */
export const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Waits until the page has settled (no spinner, data drawn). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}
