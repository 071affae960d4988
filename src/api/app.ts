// The service as a Fastify plugin. buildApp() makes a configured instance; only server.ts listens.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Rubric } from '../rubric/model.js';
import { SCHEMAS } from '../schema/validate.js';
import { createServices, type Services } from '../service/index.js';
import type { Store } from '../store/types.js';
import { AuditError } from '../errors.js';
import { FailureThrottle, type Principal, TokenRegistry } from './auth.js';
import { errorHandler } from './errors.js';
import { LIMITS } from './limits.js';
import { adminRoutes } from './routes/admin.js';
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
  /** Requests per minute for one token (or one address without a token). */
  rateLimit?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    principal: Principal;
    /** The verified token's digest; empty on the open routes. */
    tokenKey: string;
  }
}


const OPEN = new Set(['/health', '/openapi.json']);

const plugin: FastifyPluginAsync<AppOptions> = async (app, opts) => {
    for (const name of ['submission', 'assessment'] as const) app.addSchema(SCHEMAS[name]);
    app.decorate('services', createServices({ store: opts.store, rubrics: opts.rubrics, now: opts.now ?? (() => new Date()) }));
    app.decorateRequest('principal', null as unknown as Principal);
    app.decorateRequest('tokenKey', '');
    const failures = new FailureThrottle(LIMITS.authFailuresPerMinute);
    app.setErrorHandler(errorHandler);
    // Shutting down: what is in flight finishes, and anything new is told to come back (503), not dropped.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_req, reply) => {
      if (!closing) return;
      reply.header('connection', 'close').header('retry-after', '5');
      throw new AuditError('UNAVAILABLE', '服务正在停止，请稍后重试', []);
    });
    await app.register(helmet, { global: true });
    await app.register(rateLimit, {
      max: opts.rateLimit ?? LIMITS.perMinute,
      timeWindow: 60_000,
      // After authentication, so only a verified token has a budget of its own: one per token, so a county's
      // inspectors behind one address do not starve each other. Failed sign-ins are throttled per address below.
      hook: 'preHandler',
      keyGenerator: (req) => (req.tokenKey ? `t:${req.tokenKey}` : `ip:${req.ip}`),
      allowList: (req) => req.url === '/health',
    });
    await app.register(swagger, {
      openapi: { info: { title: 'bianmin-audit', description: '便民服务中心（室）标准化建设考核评分服务', version: '0.1.0' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] },
    });
    await app.register(multipart, { limits: { files: 1, fields: 10, parts: 12, fileSize: LIMITS.fileBytes, fieldSize: 64 * 1024, headerPairs: 100 } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
    app.addHook('onRequest', async (req) => {
      if (OPEN.has(req.url)) return;
      if (failures.blocked(req.ip)) throw new AuditError('RATE_LIMITED', '令牌验证失败次数过多，请一分钟后再试', []);
      try {
        ({ principal: req.principal, digest: req.tokenKey } = await opts.tokens.verify(req.headers.authorization, opts.store));
      } catch (e) {
        if (e instanceof AuditError && e.code === 'UNAUTHORIZED') failures.fail(req.ip);
        throw e;
      }
    });
    await app.register(rubricRoutes);
    await app.register(assessmentRoutes);
    await app.register(reportRoutes);
    await app.register(unitRoutes);
    await app.register(adminRoutes);
};

/** Shared schemas, services and auth; routes under it. Registered once per app. */
export const auditPlugin = fp(plugin, { name: 'bianmin-audit', fastify: '5.x' });

/** For query strings and path parameters, which are text and need coercing ("2026" -> 2026). */
function httpAjv(): Ajv {
  // verbose: the Chinese messages quote the value that was sent.
  const ajv = new Ajv({ coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: true, strict: false, verbose: true });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  for (const name of ['submission', 'assessment'] as const) ajv.addSchema(SCHEMAS[name]);
  return ajv;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: LIMITS.bodyBytes,
    requestTimeout: LIMITS.requestMs,
    // Our own onRequest hook answers 503 while closing, with a coded Chinese body.
    return503OnClosing: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // Body schemas document the API (OpenAPI) but are not run here: the engine and the service judge every body
  // themselves, reporting every problem in Chinese with its pointer, and checking twice would only cost time.
  const ajv = httpAjv();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? () => true : ajv.compile(schema)));
  await app.register(auditPlugin, opts);
  return app;
}
