// The service as a Fastify plugin. buildApp() makes a configured instance; only server.ts listens.
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { Ajv, ValidateFunction } from 'ajv';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifySchemaCompiler, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Rubric } from '../rubric/model.js';
import { runtimeAjv } from '../schema/runtime-ajv.js';
import { SCHEMAS } from '../schema/validate.js';
import { createServices, type Services } from '../service/index.js';
import { MemoryCounters } from '../counters/memory.js';
import type { Counters } from '../counters/types.js';
import type { Store } from '../store/types.js';
import { AuditError } from '../errors.js';
import { type Principal, SignInThrottle, TokenRegistry } from './auth.js';
import { errorHandler } from './errors.js';
import { boundedJsonParser } from './json.js';
import { LIMITS } from './limits.js';
import { securityHeaders } from './security-headers.js';
import { adminRoutes } from './routes/admin.js';
import { assessmentRoutes } from './routes/assessments.js';
import { reportRoutes } from './routes/reports.js';
import { rectificationRoutes } from './routes/rectification.js';
import { rubricRoutes } from './routes/rubrics.js';
import { unitRoutes } from './routes/units.js';
import { sessionRoutes } from './routes/session.js';
import { summaryRoutes } from './routes/summaries.js';
import { webRoutes } from './web.js';
import { SCORE_SCHEMAS, scoreSerializer } from './views.js';

export interface AppOptions {
  store: Store;
  rubrics: ReadonlyMap<string, Rubric>;
  tokens: TokenRegistry;
  now?: () => Date;
  logger?: boolean;
  /** Requests per minute for one token (or one address without a token). */
  rateLimit?: number;
  /** The built web app's folder (WEB_DIST), served at `/`; no page without it. */
  web?: string;
  /** Where rate limits and failed sign-ins are counted; shared by instances that share it. This process's memory by default. */
  counters?: Counters;
  /** Fastify's trustProxy (TRUST_PROXY): which proxies' X-Forwarded-For names the client address. None by default. */
  trustProxy?: boolean | number | string;
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
    for (const schema of Object.values(SCORE_SCHEMAS)) app.addSchema(schema);
    app.decorate('services', createServices({ store: opts.store, rubrics: opts.rubrics, now: opts.now ?? (() => new Date()) }));
    // Rubrics administrators uploaded are in force again after a restart.
    await app.services.rubrics.restore();
    app.decorateRequest('principal', null as unknown as Principal);
    app.decorateRequest('tokenKey', '');
    const counters = opts.counters ?? new MemoryCounters();
    const signIn = new SignInThrottle(counters, LIMITS.authFailuresPerMinute);
    app.setErrorHandler(errorHandler);
    boundedJsonParser(app);
    // Shutting down: what is in flight finishes, and anything new on an open connection (pipelined behind it, or on
    // an idle keep-alive one) is told to come back (503, Connection: close), not dropped.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
      drainOpenConnections(app.server, LIMITS.drainMs);
    });
    app.addHook('onRequest', async (_req, reply) => {
      if (!closing) return;
      reply.header('connection', 'close').header('retry-after', '5');
      throw new AuditError('UNAVAILABLE', '服务正在停止，请稍后重试', []);
    });
    await app.register(securityHeaders, {});
    await app.register(rateLimit, {
      max: opts.rateLimit ?? LIMITS.perMinute,
      timeWindow: 60_000,
      // After authentication, so only a verified token has a budget of its own: one per token, so a county's
      // inspectors behind one address do not starve each other. Failed sign-ins are throttled per address below.
      hook: 'preHandler',
      keyGenerator: (req) => (req.tokenKey ? `t:${req.tokenKey}` : `ip:${req.ip}`),
      allowList: (req) => req.url === '/health',
      store: sharedStore(counters),
      // A counter that cannot be reached lets requests through rather than refusing everyone.
      skipOnError: true,
    });
    await app.register(swagger, {
      openapi: { info: { title: 'bianmin-audit', description: '便民服务中心（室）标准化建设考核评分服务', version: '0.1.0' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] },
    });
    await app.register(multipart, { limits: { files: 1, fields: 10, parts: 12, fileSize: LIMITS.fileBytes, fieldSize: 64 * 1024, headerPairs: 100 } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
    app.addHook('onRequest', async (req, reply) => {
      // The web app's own files are open (the page asks for the token itself); everything else needs one.
      if (OPEN.has(req.url) || req.routeOptions.config.open) return;
      try {
        ({ principal: req.principal, digest: req.tokenKey } = await opts.tokens.verify(req.headers.authorization, opts.store));
      } catch (e) {
        if (!(e instanceof AuditError && e.code === 'UNAUTHORIZED')) throw e;
        const answer = await signIn.failed(req.ip, e).catch((err: unknown) => (req.log.error({ err }, 'sign-in counter unavailable'), e));
        if ('retryAfter' in answer) reply.header('retry-after', String(answer.retryAfter));
        throw answer;
      }
    });
    await app.register(rubricRoutes);
    await app.register(assessmentRoutes);
    await app.register(reportRoutes);
    await app.register(unitRoutes);
    await app.register(adminRoutes);
    await app.register(rectificationRoutes);
    // The web app: who is signed in, compact record lists for its tables, and the page itself.
    await app.register(sessionRoutes);
    await app.register(summaryRoutes);
    if (opts.web) await app.register(webRoutes, { root: opts.web });
};

/**
 * Node's server.close() drops idle keep-alive connections at once, so a request a client sends on one a moment later
 * meets a reset and the client cannot tell whether its write happened. Instead they stay open for `ms`, where a new
 * request gets the 503 above with Connection: close; after that, whatever is idle is closed (in-flight requests still
 * finish, and their connections close with their answers).
 */
function drainOpenConnections(server: FastifyInstance['server'], ms: number): void {
  if (!server.listening) return;
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => undefined;
  let sweep: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    closeIdle();
    sweep = setInterval(closeIdle, 100);
  }, ms);
  server.once('close', () => {
    clearTimeout(start);
    clearInterval(sweep);
  });
}

/** @fastify/rate-limit's store interface over our counters, so every instance sharing them shares the limit. */
function sharedStore(counters: Counters) {
  return class {
    incr(key: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counters.hit(`rate:${key}`, timeWindow).then((c) => cb(null, { current: c.count, ttl: c.resetMs }), (e: Error) => cb(e));
    }
    child() {
      return this;
    }
  };
}

/** Shared schemas, services and auth; routes under it. Registered once per app. */
export const auditPlugin = fp(plugin, { name: 'bianmin-audit', fastify: '5.x' });

/**
 * For query strings and path parameters, which are text and need coercing ("2026" -> 2026). Only the routes' own
 * small schemas are compiled here (bodies are not validated by Fastify, see buildApp), so the submission and
 * assessment schemas are not added; and the routes' schemas are checked against the meta-schema by a test
 * (tests/api/route-schemas.test.ts) rather than at every start, where compiling the meta-schema cost a tenth of it.
 */
export function httpAjv(): Ajv {
  if (!runtimeAjv) throw new Error('the service needs Ajv\'s run-time compiler');
  // verbose: the Chinese messages quote the value that was sent.
  const ajv = new (runtimeAjv())({ coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: true, strict: false, verbose: true, validateSchema: false });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: opts.logger ?? false,
    // A hop count is valid (proxy-addr takes it) though Fastify's overloads leave it out of this one.
    trustProxy: (opts.trustProxy ?? false) as boolean,
    bodyLimit: LIMITS.bodyBytes,
    requestTimeout: LIMITS.requestMs,
    // Our own onRequest hook answers 503 while closing, with a coded Chinese body.
    return503OnClosing: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Body schemas document the API (OpenAPI) but are not run here: the engine and the service judge every body
    // themselves, reporting every problem in Chinese with its pointer, and checking twice would only cost time.
    // Given as the validator factory, so Fastify does not load and set up its own Ajv compiler only to replace it;
    // likewise the serialiser factory (views.ts), so fast-json-stringify is not loaded (about 40 ms of a start).
    schemaController: { compilersFactory: { buildValidator: httpValidators, buildSerializer: httpSerializers } },
  });
  await app.register(auditPlugin, opts);
  return app;
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;

/**
 * Fastify's serialiser factory. The only response schemas are /score's two views, each written by a serialiser of
 * its own (views.ts); a route given any other would otherwise be written by a serialiser nobody chose, so it fails at
 * start, naming the route, until views.ts has one for it.
 */
const httpSerializers: NonNullable<CompilersFactory['buildSerializer']> = () => ({ schema, method, url, httpStatus }) => {
  const serializer = scoreSerializer(schema);
  if (!serializer) throw new Error(`no serializer for the ${httpStatus} response schema of ${method} ${url}: add one to src/api/views.ts`);
  return serializer;
};

/**
 * Fastify's validator factory: the route's compiler for bodies (none) and the rest. Fastify calls what it returns
 * with the route's schema and part, as its documentation says; its type declarations give Ajv's own compile instead.
 */
const httpValidators = ((): FastifySchemaCompiler<object> => {
  // Made with the first route asked for, so a start does not load Ajv (about 40 ms).
  let ajv: Ajv | undefined;
  return ({ schema, httpPart }) => (httpPart === 'body' ? () => true : compiledOnFirstUse(() => (ajv ??= httpAjv()), schema));
}) as unknown as ValidatorFactory;

/**
 * A route's query-string, path-parameter or header validator, compiled by Ajv when the route is first asked for:
 * compiling every route's at start was about a tenth of the start-up, and a service is asked for a few of its routes
 * at a time. Every schema is compiled by tests/api/route-schemas.test.ts, so a broken one fails there, not in service.
 */
export function compiledOnFirstUse(ajv: () => Ajv, schema: object): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown, context?: Parameters<ValidateFunction>[1]) => {
    compiled ??= ajv().compile(schema);
    const ok = compiled(data, context);
    validate.errors = compiled.errors;
    return ok;
  }) as ValidateFunction;
  // Fastify passes the request as the parent of what it validates only to a function that has this (an Ajv one), so
  // a coerced or defaulted value can be written back in its place.
  Object.defineProperty(validate, 'schemaEnv', { get: () => compiled?.schemaEnv ?? true });
  return validate;
}
