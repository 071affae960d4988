// Security headers, as helmet decides them, worked out once per policy rather than on every request. @fastify/helmet
// builds helmet's middleware anew for each request (checking the options and parsing the Content-Security-Policy
// each time): about 5% of a POST /score under load. Here helmet's middleware runs once per policy against a recorder,
// and every request gets what it did, written to the response as @fastify/helmet writes it (errors included).
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's helmet options, over the app's (the web page's own Content-Security-Policy). */
    helmet?: HelmetOptions;
    /** The headers they give, worked out when the route is added (set by this plugin). */
    headers?: HeaderSet;
  }
}

/** What helmet's middleware does to every response under a policy. */
export interface HeaderSet {
  set: ReadonlyArray<readonly [string, string]>;
  removed: readonly string[];
}

/**
 * Runs helmet's middleware for the options once. A directive helmet would work out per request (a function) cannot be
 * recorded, so it is refused rather than frozen at its first value.
 */
export function helmetHeaders(options: HelmetOptions): HeaderSet {
  const csp = options.contentSecurityPolicy;
  const directives = csp && typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((d) => typeof d === 'function' || (Array.isArray(d) && d.some((v) => typeof v === 'function')))) {
    throw new Error('security headers: a Content-Security-Policy directive computed per request cannot be worked out once');
  }
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let finished = false;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  // Helmet's middleware is synchronous; were it ever not, headers recorded halfway must not be served.
  if (!finished) throw new Error('security headers: helmet did not finish synchronously');
  return { set, removed };
}

const plugin: FastifyPluginAsync<HelmetOptions> = async (app, options) => {
  const global = helmetHeaders(options);
  // A route's own policy is worked out when the route is added, so one that cannot be is refused at start.
  app.addHook('onRoute', (route) => {
    const own = route.config?.helmet;
    if (own) route.config = { ...route.config, headers: helmetHeaders(Object.assign({}, options, own) as HelmetOptions) };
  });
  app.addHook('onRequest', (req, reply, done) => {
    const headers = req.routeOptions.config.headers ?? global;
    const res = reply.raw;
    for (const name of headers.removed) res.removeHeader(name);
    for (const [name, value] of headers.set) res.setHeader(name, value);
    done();
  });
};

/** helmet's headers on every answer of the app, and a route's own options (config.helmet) over the app's. */
export const securityHeaders = fp(plugin, { name: 'security-headers', fastify: '5.x' });
