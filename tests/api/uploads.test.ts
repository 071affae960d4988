// Hostile uploads through the whole HTTP path (multipart, zip scan, worker, error handler): always a 4xx with a
// coded Chinese body, the service keeps answering, and nothing leaks into Object.prototype.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureIsolationQueue, ISOLATION_DEFAULTS } from '../../src/excel/isolate.js';
import { buildTemplate } from '../../src/excel/template.js';
import type { Store } from '../../src/store/types.js';
import { auth, multipart, testApp } from '../support/api.js';
import { rubric } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';
import { MiB, writeZip, zeros } from '../support/zips.js';

const sqlite = STORES.find((s) => s.name === 'sqlite')!;
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('hostile uploads over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let template: Buffer;
  beforeAll(async () => {
    store = await sqlite.open();
    app = await testApp(store);
    template = await buildTemplate(await rubric('township-center-2022'));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const upload = async (bytes: Uint8Array, url = '/assessments/import') => {
    const body = multipart(bytes);
    return app.inject({ method: 'POST', url, headers: { ...auth, ...body.headers }, payload: body.payload });
  };

  it('a zip bomb (under 1 MiB, 200 MiB inflated) is refused before parsing, on both upload routes', async () => {
    const bomb = writeZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', ...zeros(200) }]);
    expect(bomb.length).toBeLessThan(MiB);
    for (const url of ['/assessments/import', '/units/import']) {
      const res = await upload(bomb, url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'IMPORT_INVALID', details: [{ code: 'ZIP_LIMIT' }] });
    }
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('random bytes and mutated templates: always a 4xx, the service keeps answering, nothing polluted', async () => {
    const before = prototypeKeys();
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), b])),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
        const b = Buffer.from(template);
        const i = at % b.length;
        b[i] = b[i]! ^ mask;
        return b;
      }),
      fc.nat().map((at) => template.subarray(0, at % template.length)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const res = await upload(b);
        // A blank template that survives a flip in a byte nobody reads is just an empty import: also a 4xx.
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
        expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
      }),
      { numRuns: 30, seed: 6 },
    );
    expect(prototypeKeys()).toEqual(before);
    expect((await app.inject({ url: '/rubrics', headers: auth })).statusCode).toBe(200);
  }, 120_000);

  it('a viewer gets 403 before the file is parsed', async () => {
    await app.inject({ method: 'PUT', url: '/units/330212000000', headers: auth, payload: { name: '测试县', level: 'county', parent: null } });
    const issued = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '只读', role: 'viewer', scope: '330212000000' } });
    const body = multipart(template);
    const res = await app.inject({ method: 'POST', url: '/assessments/import', headers: { authorization: `Bearer ${issued.json().token}`, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(403);
  });

  it("the parse queue's share is per token: one token's third file waits for no one and is refused, another token's is taken", async () => {
    await app.inject({ method: 'PUT', url: '/units/330212000000', headers: auth, payload: { name: '测试县', level: 'county', parent: null } });
    const issued = await app.inject({ method: 'POST', url: '/tokens', headers: auth, payload: { name: '检查员', role: 'county_inspector', scope: '330212000000' } });
    const inspector = { authorization: `Bearer ${issued.json().token}` };
    configureIsolationQueue({ maxConcurrent: 1, maxWaitingPerOwner: 1 });
    try {
      const send = (headers: Record<string, string>) => {
        const body = multipart(template);
        return app.inject({ method: 'POST', url: '/assessments/import', headers: { ...headers, ...body.headers }, payload: body.payload });
      };
      const three = [send(auth), send(auth), send(auth)];
      // The other token's file goes once these have taken their places (one parsing, one waiting, one refused at
      // once): sent with them, it could reach the queue first and hold the one slot, and then two of them would be
      // refused, rightly, since that token would have one waiting already.
      await Promise.any(three.map((p) => p.then((r) => (r.statusCode === 503 ? r : Promise.reject(new Error(`${r.statusCode}`))))));
      const other = await send(inspector);
      const mine = await Promise.all(three);
      const busy = mine.filter((r) => r.statusCode === 503);
      expect(busy.map((r) => r.json().message)).toEqual(['您已有 2 个文件在导入或排队，请等前面的文件导入完成后再上传']);
      expect(other.statusCode).not.toBe(503);
    } finally {
      configureIsolationQueue({ maxConcurrent: ISOLATION_DEFAULTS.maxConcurrent, maxWaitingPerOwner: ISOLATION_DEFAULTS.maxWaitingPerOwner });
    }
  }, 60_000);
});

