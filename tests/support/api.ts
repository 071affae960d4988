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

/** A multipart body with one file, as a browser would send it. */
export function multipart(bytes: Uint8Array, name = 'file.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----bianmin' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
