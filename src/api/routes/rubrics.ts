import type { FastifyPluginAsync } from 'fastify';
import { LEVEL_ZH } from '../../levels.js';
import { CODE, PERIOD, sendXlsx } from '../http.js';

export const rubricRoutes: FastifyPluginAsync = async (app) => {
  app.get('/rubrics', { schema: { tags: ['rubrics'], summary: '列出评分标准' } }, async () =>
    app.audit.listRubrics().map((r) => ({ id: r.id, version: r.version, title: r.title, issuer: r.issuer, hash: r.hash, applies_to: r.appliesTo, tiers: r.implicitTier ? [] : r.tiers, scoring: r.scoring.method, indicators: r.indicators.length })),
  );

  app.get<{ Params: { id: string } }>('/rubrics/:id', { schema: { tags: ['rubrics'], summary: '评分标准全文（定义）' } }, async (req) => {
    const r = app.audit.rubric(req.params.id);
    return { id: r.id, hash: r.hash, definition: r.definition };
  });

  app.get<{ Params: { id: string }; Querystring: { bulk?: boolean; print?: boolean; county?: string; code?: string; name?: string; level?: 'county' | 'township' | 'village'; period?: string } }>(
    '/rubrics/:id/template',
    {
      schema: {
        tags: ['rubrics'],
        summary: '下载检查表模板（bulk=true 为批量录入表，print=true 为逐单位打印表；county 带入该县的单位；period 默认为本月）',
        querystring: { type: 'object', additionalProperties: false, properties: { bulk: { type: 'boolean' }, print: { type: 'boolean' }, county: CODE, code: CODE, name: { type: 'string' }, level: { enum: ['county', 'township', 'village'] }, period: PERIOD } },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = app.audit.rubric(req.params.id);
      const unit = q.code && q.name ? { code: q.code, name: q.name, level: q.level ?? r.appliesTo[0]! } : undefined;
      const units = q.county && (q.bulk || q.print) ? await app.audit.unitsFor(r.id, q.county, req.principal) : undefined;
      const bytes = await app.audit.template(r.id, { bulk: !!q.bulk, print: !!q.print, ...(unit ? { unit } : {}), ...(units ? { units } : {}), ...(q.period ? { period: q.period } : {}) });
      const kind = q.print ? '逐单位打印表' : q.bulk ? '批量录入表' : '检查表';
      return sendXlsx(reply, bytes, `${r.title}${kind}${unit ? `-${unit.name}(${LEVEL_ZH[unit.level]})` : ''}${q.period ? `-${q.period}` : ''}.xlsx`);
    },
  );
};
