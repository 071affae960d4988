// POST /score in its two views. The full one (the default) is the assessment exactly as the engine makes it, on
// every fixture (an object answer, a dimension or a composite, once came back as {}); the compact one is the same
// without the rubric's static fields in each indicator result, and smaller for it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_RESULT_FIELDS } from '../../src/api/views.js';
import { assess } from '../../src/engine/evaluate.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../../src/rubric/load.js';
import { openSqlite } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { auth, testApp } from '../support/api.js';

const rubrics = rubricMap(await listRubrics());
/** Every fixture submission of a bundled rubric (fixtures/<rubric id>/*.json). */
const fixtures = [...rubrics.keys()].flatMap((id) => {
  let files: string[];
  try {
    files = readdirSync(join(PACKAGE_ROOT, 'fixtures', id)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((f) => ({ name: `${id}/${f}`, rubric: rubrics.get(id)!, body: JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures', id, f), 'utf8')) as unknown }));
});

describe('POST /score views', () => {
  let store: Store;
  let app: FastifyInstance;
  const score = (body: unknown, query = '') => app.inject({ method: 'POST', url: `/score${query}`, headers: auth, payload: body as never });

  beforeAll(async () => {
    store = openSqlite(':memory:');
    await store.migrate();
    app = await testApp(store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('full, the default: the assessment exactly as the engine makes it, on every fixture, object answers included', async () => {
    expect(fixtures.length).toBeGreaterThan(25);
    let objectAnswers = 0;
    for (const f of fixtures) {
      const expected = JSON.parse(JSON.stringify(assess(f.rubric, f.body)));
      const plain = await score(f.body);
      expect(plain.statusCode, f.name).toBe(200);
      expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(plain.json(), f.name).toEqual(expected);
      expect((await score(f.body, '?view=full')).body, f.name).toBe(plain.body);
      objectAnswers += (expected.results as Array<{ value?: unknown }>).filter((r) => typeof r.value === 'object' && r.value !== null && !Array.isArray(r.value)).length;
    }
    // Dimensions, composites and counts are among them.
    expect(objectAnswers).toBeGreaterThan(10);
  });

  it('compact: each indicator result without the rubric\'s static fields, everything judged kept, the rest unchanged', async () => {
    for (const f of fixtures) {
      const full = (await score(f.body)).json();
      const res = await score(f.body, '?view=compact');
      expect(res.statusCode, f.name).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const compact = res.json();
      const { results: fullResults, ...fullRest } = full;
      const { results, ...rest } = compact;
      expect(rest, f.name).toEqual(fullRest);
      const stripped = (fullResults as Array<Record<string, unknown>>).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !(STATIC_RESULT_FIELDS as readonly string[]).includes(k))));
      expect(results, f.name).toEqual(stripped);
      expect(res.body.length, f.name).toBeLessThan((await score(f.body)).body.length);
    }
    // What was left out is what the rubric says of each indicator: its title, for one, is in GET /rubrics/:id.
    const one = (await score(fixtures[0]!.body, '?view=compact')).json().results[0];
    expect(one).not.toHaveProperty('title');
    expect(one).toMatchObject({ id: expect.any(String), status: expect.any(String), reason: expect.any(String), reason_code: expect.any(String) });
  });

  it('an unknown view is refused, and refused input answers with the same error in either view', async () => {
    const f = fixtures[0]!;
    const bad = await score(f.body, '?view=short');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BAD_REQUEST', details: [expect.objectContaining({ path: expect.stringContaining('view') })] });
    const invalid = { ...(f.body as object), answers: { nope: 1 } };
    const a = await score(invalid, '?view=compact');
    expect(a.statusCode).toBe(400);
    expect(a.json()).toEqual((await score(invalid)).json());
  });
});

describe('response schemas and their serialisers', () => {
  it('a route with a response schema no serialiser is written for fails at start, naming it, rather than being written by a serialiser nobody chose', async () => {
    const store = openSqlite(':memory:');
    await store.migrate();
    const app = await testApp(store);
    app.get('/extra', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async () => ({ ok: true, secret: 'x' }));
    await expect(app.ready()).rejects.toThrow(/no serializer for the 200 response schema of GET \/extra/);
    await store.close();
  });
});
