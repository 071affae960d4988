// The service as a Fastify plugin. buildApp() makes a configured instance; only server.ts listens.
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Rubric } from '../rubric/model.js';
import { SCHEMAS } from '../schema/validate.js';
import { AuditService } from '../service/audit.js';
import type { Store } from '../store/types.js';
import { type Principal, TokenRegistry } from './auth.js';
import { errorHandler } from './errors.js';
import { assessmentRoutes } from './routes/assessments.js';
import { reportRoutes } from './routes/reports.js';
import { rubricRoutes } from './routes/rubrics.js';
import { unitRoutes } from './routes/units.js';

export interface AppOptions {
  store: Store;
  rubrics: ReadonlyMap<string, Rubric>;
  tokens: TokenRegistry;
  now?: () => Date;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditService;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

export const LIMITS = { bodyBytes: 2 * 1024 * 1024, fileBytes: 20 * 1024 * 1024 } as const;

const plugin: FastifyPluginAsync<AppOptions> = async (app, opts) => {
    for (const name of ['submission', 'assessment'] as const) app.addSchema(SCHEMAS[name]);
    app.decorate('audit', new AuditService({ store: opts.store, rubrics: opts.rubrics, now: opts.now ?? (() => new Date()) }));
    app.decorateRequest('principal', null as unknown as Principal);
    app.setErrorHandler(errorHandler);
    await app.register(swagger, {
      openapi: { info: { title: 'bianmin-audit', description: '便民服务中心（室）标准化建设考核评分服务', version: '0.1.0' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] },
    });
    await app.register(multipart, { limits: { files: 1, fields: 10, parts: 12, fileSize: LIMITS.fileBytes, fieldSize: 64 * 1024 } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
    app.addHook('onRequest', async (req) => {
      if (req.url === '/health' || req.url === '/openapi.json') return;
      req.principal = await opts.tokens.verify(req.headers.authorization, opts.store);
    });
    await app.register(rubricRoutes);
    await app.register(assessmentRoutes);
    await app.register(reportRoutes);
    await app.register(unitRoutes);
};

/** Shared schemas, services and auth; routes under it. Registered once per app. */
export const auditPlugin = fp(plugin, { name: 'bianmin-audit', fastify: '5.x' });

function httpAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: coerce, allErrors: true, strict: false });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  for (const name of ['submission', 'assessment'] as const) ajv.addSchema(SCHEMAS[name]);
  return ajv;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: LIMITS.bodyBytes,
    requestTimeout: 60_000,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // Query strings and path parameters are text and need coercing ("2026" -> 2026); bodies never are, because Ajv
  // coerces in place and our own validators must see what the client sent, to report it in Chinese.
  const compilers = { coerce: httpAjv(true), exact: httpAjv(false) };
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? compilers.exact : compilers.coerce).compile(schema));
  await app.register(auditPlugin, opts);
  return app;
}
