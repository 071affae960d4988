import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import type { Store } from '../../src/store/types.js';

export const TOKEN = 'test-token-0123456789';
export const auth = { authorization: `Bearer ${TOKEN}` };
/** The service's clock in tests: late November 2026 (China time). */
export const NOW = new Date(Date.UTC(2026, 10, 25, 2));

export async function testApp(store: Store, extra: Pick<AppOptions, 'rateLimit' | 'counters' | 'trustProxy' | 'web'> = {}): Promise<FastifyInstance> {
  const rubrics = rubricMap(await listRubrics());
  const tokens = new TokenRegistry();
  tokens.add(TOKEN, { name: 'inspector-1', role: 'admin', scope: null });
  return buildApp({ store, rubrics, tokens, now: () => NOW, ...extra });
}

/** A test app serving a minimal built web app of its own: the page, and one asset (/assets/app-1.js) it loads. */
export async function testAppWithPage(store: Store): Promise<FastifyInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>便民</title><script type="module" src="/assets/app-1.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  return testApp(store, { web: dir });
}

/** A multipart body with one file, as a browser would send it. */
export function multipart(bytes: Uint8Array, name = 'file.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----bianmin' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
