import type { FastifyPluginAsync } from 'fastify';
import type { RubricUpload } from '../../service/rubrics.js';
import { CODE, PERIOD, sendXlsx } from '../http.js';

export const rubricRoutes: FastifyPluginAsync = async (app) => {
  app.get('/rubrics', { schema: { tags: ['rubrics'], summary: '列出评分标准' } }, async () =>
    app.services.rubrics.list().map((r) => ({ id: r.id, version: r.version, title: r.title, issuer: r.issuer, hash: r.hash, applies_to: r.appliesTo, period: r.period, tiers: r.implicitTier ? [] : r.tiers, scoring: r.scoring.method, indicators: r.indicators.length })),
  );

  app.post<{ Body: RubricUpload }>(
    '/rubrics',
    {
      schema: {
        tags: ['rubrics'],
        summary: '上传评分标准（管理员）：YAML 或 JSON 文本，及其引用的标准原文；经校验后按内容指纹保存并立即可用',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['rubric'],
          properties: {
            rubric: { type: 'string', minLength: 1, description: '评分标准（或 extends 调整）的 YAML/JSON 文本' },
            transcriptions: { type: 'object', additionalProperties: { type: 'string' }, description: 'standards/<文件名> → 原文文本' },
          },
        },
      },
    },
    async (req, reply) => {
      const r = await app.services.rubrics.upload(req.body, req.principal);
      return reply.code(201).send({ id: r.id, version: r.version, hash: r.hash, title: r.title, indicators: r.indicators.length });
    },
  );

  app.get<{ Params: { id: string } }>('/rubrics/:id', { schema: { tags: ['rubrics'], summary: '评分标准全文（定义）' } }, async (req) => {
    const r = app.services.rubrics.get(req.params.id);
    return { id: r.id, hash: r.hash, definition: r.definition };
  });

  app.get<{ Params: { id: string }; Querystring: { bulk?: boolean; print?: boolean; county?: string; code?: string; name?: string; level?: 'county' | 'township' | 'village'; period?: string } }>(
    '/rubrics/:id/template',
    {
      schema: {
        tags: ['rubrics'],
        summary: '下载检查表模板（bulk=true 为批量录入表，print=true 为逐单位打印表；county 带入该县的单位；period 默认为评分标准当前的考核期间：本月、本季度或本半年，北京时间）',
        querystring: { type: 'object', additionalProperties: false, properties: { bulk: { type: 'boolean' }, print: { type: 'boolean' }, county: CODE, code: CODE, name: { type: 'string' }, level: { enum: ['county', 'township', 'village'] }, period: PERIOD } },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = app.services.rubrics.get(req.params.id);
      const unit = q.code && q.name ? { code: q.code, name: q.name, level: q.level ?? r.appliesTo[0]! } : undefined;
      const units = q.county && (q.bulk || q.print) ? await app.services.rubrics.unitsFor(r.id, q.county, req.principal) : undefined;
      return sendXlsx(reply, await app.services.rubrics.template(r.id, { bulk: !!q.bulk, print: !!q.print, ...(unit ? { unit } : {}), ...(units ? { units } : {}), ...(q.period ? { period: q.period } : {}) }));
    },
  );
};
