// The web app (web/dist, built by Vite) served by the same Fastify app. Only `/` and `/assets/*` are served:
// the app routes by URL fragment (/#/units/…), so no page path can ever shadow an API path.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without a token: the web app's own files (the page asks for the token itself). */
    open?: boolean;
  }
}

/** Where `npm run build:web` (and `npm start`, when the build is missing or stale) puts the built page. */
export const WEB_DIST = join(import.meta.dirname, '../../web/dist');

// The page's policy: helmet's default, less upgrade-insecure-requests, which would send a county's plain-HTTP
// intranet address (http://10.…:3000) to HTTPS and leave the page blank. Scripts stay 'self' only: nothing in the
// bundle evaluates strings (the schema validators are compiled at build time, see web/build/schemas.ts).
export const PAGE_CSP = {
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    upgradeInsecureRequests: null,
  },
};

export const webRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built; run npm run build:web');
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });
  const route = { schema: { hide: true }, config: { open: true, helmet: { contentSecurityPolicy: PAGE_CSP } } };
  // The page itself is never cached, so a rebuilt app is picked up on the next load; its assets have content
  // hashes in their names and are cached for a year.
  app.get('/', route, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false }));
  app.get<{ Params: { '*': string } }>('/assets/*', route, (req, reply) => reply.sendFile(join('assets', req.params['*']), { maxAge: '365d', immutable: true }));
  app.get('/favicon.svg', route, (_req, reply) => reply.sendFile('favicon.svg', { maxAge: '1d' }));
};
