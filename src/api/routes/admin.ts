import type { FastifyPluginAsync } from 'fastify';
import { ROLES } from '../../domain/people.js';

const HASH = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } as const;

export const adminRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: { name?: unknown; role?: unknown; scope?: unknown } }>(
    '/tokens',
    {
      schema: {
        tags: ['admin'],
        summary: '签发令牌（令牌只在此时显示一次）',
        body: { type: 'object', required: ['name', 'role'], properties: { name: { type: 'string' }, role: { enum: [...ROLES] }, scope: { type: ['string', 'null'] } } },
      },
    },
    async (req, reply) => {
      const { token, record } = await app.services.tokens.create(req.body ?? {}, req.principal);
      return reply.status(201).send({ token, ...record });
    },
  );
  app.get('/tokens', { schema: { tags: ['admin'], summary: '列出令牌（不含令牌本身）' } }, async (req) => app.services.tokens.list(req.principal));
  app.delete<{ Params: { id: string } }>('/tokens/:id', { schema: { tags: ['admin'], summary: '吊销令牌', params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } } }, async (req) =>
    app.services.tokens.revoke(req.params.id, req.principal),
  );

  app.get<{ Querystring: { seq?: number; hash?: string } }>(
    '/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary: '校验记录链：逐条复算指纹并核对每条考核记录；可附报表上印的链头（seq 与 hash）',
        querystring: { type: 'object', additionalProperties: false, dependencies: { seq: ['hash'], hash: ['seq'] }, properties: { seq: { type: 'integer', minimum: 1 }, hash: HASH } },
      },
    },
    async (req) => app.services.chain.verify(req.principal, req.query.seq !== undefined && req.query.hash ? { seq: req.query.seq, hash: req.query.hash } : undefined),
  );
  app.get<{ Querystring: { from: number; limit: number } }>(
    '/audit/log',
    {
      schema: {
        tags: ['admin'],
        summary: '记录链（按序号分页）',
        querystring: { type: 'object', additionalProperties: false, properties: { from: { type: 'integer', minimum: 1, default: 1 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } } },
      },
    },
    async (req) => app.services.chain.read(req.principal, req.query.from, req.query.limit),
  );
};
