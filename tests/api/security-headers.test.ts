// Security headers worked out once per policy (src/api/security-headers.ts) are the headers helmet itself sets on a
// real response: compared with helmet's middleware run on a plain Node HTTP server, for the API (every kind of
// answer) and for the web page's own policy.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetHeaders, securityHeaders } from '../../src/api/security-headers.js';
import { PAGE_CSP } from '../../src/api/web.js';
import type { Store } from '../../src/store/types.js';
import { auth, testAppWithPage } from '../support/api.js';
import { STORES } from '../support/stores.js';

const sqlite = STORES.find((s) => s.name === 'sqlite')!;

/** The headers helmet's own middleware sets on a real response of a plain Node server, by lower-case name. */
async function helmetOnNode(options: HelmetOptions): Promise<Record<string, string>> {
  const middleware = helmet(options);
  const server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const out: Record<string, string> = {};
    for (const name of helmetHeaders(options).set.map(([n]) => n.toLowerCase())) out[name] = res.headers.get(name)!;
    return out;
  } finally {
    server.close();
  }
}

const pick = (headers: Record<string, unknown>, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, headers[n]]));

describe('security headers', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await sqlite.open();
    app = await testAppWithPage(store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('every answer of the API carries exactly what helmet sets: success, refusal, error, not found, no token', async () => {
    const expected = await helmetOnNode({});
    const names = Object.keys(expected);
    expect(names).toEqual(expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy']));
    const answers = [
      await app.inject({ url: '/health' }),
      await app.inject({ url: '/rubrics', headers: auth }),
      await app.inject({ url: '/rubrics' }),
      await app.inject({ url: '/no-such-route', headers: auth }),
      await app.inject({ method: 'POST', url: '/score', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"rubric":' }),
      await app.inject({ method: 'POST', url: '/score', headers: auth, payload: { rubric: 'township-center-2022' } }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401, 404, 400, 400]);
    for (const res of answers) expect(pick(res.headers, names), `${res.statusCode} ${res.body.slice(0, 80)}`).toEqual(expected);
    expect(answers[0]!.headers['x-powered-by']).toBeUndefined();
  });

  it("the web page's own policy over the app's, for the page and its assets alike", async () => {
    const own = (await helmetOnNode({ contentSecurityPolicy: PAGE_CSP }))['content-security-policy'];
    expect(own).toContain("script-src 'self'");
    expect(own).not.toContain('upgrade-insecure-requests');
    const page = await app.inject({ url: '/' });
    const asset = await app.inject({ url: '/assets/app-1.js' });
    expect([page.statusCode, asset.statusCode]).toEqual([200, 200]);
    expect(page.headers['content-security-policy']).toBe(own);
    expect(asset.headers['content-security-policy']).toBe(own);
    // The rest is the app's.
    const api = await app.inject({ url: '/health' });
    expect(page.headers['strict-transport-security']).toBe(api.headers['strict-transport-security']);
    expect(api.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('refuses a policy it cannot work out once: a directive computed per request', async () => {
    expect(() => helmetHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } } })).toThrow(/per request/);
    expect(() => helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"] } } })).not.toThrow();
    // On a route, when the route is added (at start), not at its first request.
    const other = Fastify();
    await other.register(securityHeaders, {});
    expect(() => other.get('/x', { config: { helmet: { contentSecurityPolicy: { directives: { scriptSrc: [() => "'nonce-x'"] } } } } }, async () => 'x')).toThrow(/per request/);
    await other.close();
  });
});
