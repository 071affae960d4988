import type { FastifyPluginAsync } from 'fastify';
import type { UnitRecord } from '../../domain/units.js';
import { readUnitsIsolated } from '../../excel/isolate.js';
import { CODE, uploadedBytes } from '../http.js';

const unit = { type: 'object', properties: { code: CODE, name: { type: 'string' }, level: { enum: ['county', 'township', 'village'] }, parent: { type: ['string', 'null'] } } } as const;

export const unitRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { parent?: string; level?: UnitRecord['level'] } }>(
    '/units',
    { schema: { tags: ['units'], summary: '单位名录（县 → 镇 → 村）', querystring: { type: 'object', additionalProperties: false, properties: { parent: CODE, level: { enum: ['county', 'township', 'village'] } } } } },
    async (req) => app.services.units.list(req.query, req.principal),
  );
  app.get<{ Params: { code: string } }>('/units/:code', { schema: { tags: ['units'], params: { type: 'object', properties: { code: CODE } } } }, async (req) => app.services.units.get(req.params.code, req.principal));
  app.put<{ Params: { code: string }; Body: Partial<UnitRecord> }>(
    '/units/:code',
    { schema: { tags: ['units'], summary: '新建或修改单位', params: { type: 'object', properties: { code: CODE } }, body: unit } },
    async (req) => app.services.units.put({ ...(req.body ?? {}), code: req.params.code }, req.principal),
  );
  app.post<{ Body: unknown }>(
    '/units/import',
    { schema: { tags: ['units'], summary: '批量导入单位：JSON 列表，或上传 .xlsx（列：单位代码、单位名称、层级、上级代码），上级在前', body: { type: 'array', items: unit } } },
    async (req, reply) => {
      // Before any parsing: only an administrator's upload is worth reading.
      await app.services.units.mayImport(req.principal);
      const list = req.isMultipart() ? await readUnitsIsolated(await uploadedBytes(req), { owner: req.tokenKey }) : req.body;
      return reply.status(201).send(await app.services.units.import(list, req.principal));
    },
  );
};
