// The routes' query-string and path-parameter schemas are compiled when each route is first asked for, without
// checking them against the meta-schema (app.ts, httpAjv and compiledOnFirstUse: at start, the compiling and that
// check each cost about a tenth of it); they are compiled and checked here instead, every one.
import { Ajv } from 'ajv';
import Fastify, { type RouteOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { auditPlugin, compiledOnFirstUse, httpAjv } from '../../src/api/app.js';
import { TokenRegistry } from '../../src/api/auth.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import { openSqlite } from '../../src/store/sqlite.js';

const store = openSqlite(':memory:');
await store.migrate();
const routes: RouteOptions[] = [];
const app = Fastify();
app.addHook('onRoute', (r) => void routes.push(r));
await app.register(auditPlugin, { store, rubrics: rubricMap(await listRubrics()), tokens: new TokenRegistry() });
await app.ready();
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('route schemas', () => {
  const parts = routes.flatMap((r) =>
    (['querystring', 'params', 'headers'] as const).flatMap((part) => {
      const schema = (r.schema as Record<string, unknown> | undefined)?.[part];
      return schema ? [{ name: `${r.method} ${r.url} ${part}`, schema: schema as object }] : [];
    }),
  );

  it('every query-string, path-parameter and header schema is valid JSON Schema and compiles as the app compiles it', () => {
    expect(parts.length).toBeGreaterThan(20);
    const meta = new Ajv({ strict: false });
    const ajv = httpAjv();
    for (const { name, schema } of parts) {
      expect(meta.validateSchema(schema), `${name}: ${meta.errorsText(meta.errors)}`).toBe(true);
      expect(() => ajv.compile(schema), name).not.toThrow();
    }
  });

  it('each is compiled on its route\'s first request and then judges, coerces and fills in as the compiled schema does', () => {
    // What a client may send: nothing, text where numbers and booleans are asked for, a stray key, nonsense.
    const inputs = [{}, { period: '2026-01', limit: '5', offset: '0', year: '2026', final: 'true' }, { stray: 'x' }, { id: 'not-a-uuid', period: 'x', limit: '-1' }];
    const eager = httpAjv();
    const lazy = httpAjv();
    for (const { name, schema } of parts) {
      const a = eager.compile(schema);
      const b = compiledOnFirstUse(() => lazy, schema);
      expect(b.schemaEnv, name).toBeTruthy();
      for (const input of inputs) {
        const [x, y] = [structuredClone(input), structuredClone(input)];
        expect(b(y), `${name} ${JSON.stringify(input)}`).toBe(a(x));
        expect(y, name).toEqual(x);
        expect(b.errors ?? null, name).toEqual(a.errors ?? null);
      }
    }
  });

  it('would catch a broken one: a type that is no type, a pattern that is no pattern', () => {
    const meta = new Ajv({ strict: false });
    expect(meta.validateSchema({ type: 'object', properties: { period: { type: 'strin' } } })).toBe(false);
    expect(meta.validateSchema({ type: 'object', properties: { period: { type: 'string', pattern: 3 } } })).toBe(false);
  });
});
