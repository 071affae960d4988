import type { FastifyPluginAsync } from 'fastify';
import { briefOf } from '../../service/brief.js';
import { CODE, PERIOD } from '../http.js';

type Query = { county?: string; unit?: string; rubric?: string; from?: string; to?: string; status?: 'draft' | 'final' | 'superseded'; origin?: 'inspection' | 'self_check' };

export const summaryRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: Query }>(
    '/assessments/summary',
    {
      schema: {
        tags: ['assessments'],
        summary: '考核记录摘要（等级、得分、未达标指标编号），按期间范围列出，供总览和历史表格使用',
        querystring: { type: 'object', additionalProperties: false, properties: { county: CODE, unit: CODE, rubric: { type: 'string' }, from: PERIOD, to: PERIOD, status: { enum: ['draft', 'final', 'superseded'] }, origin: { enum: ['inspection', 'self_check'] } } },
      },
    },
    async (req) => (await app.services.assessments.list(req.query, req.principal)).map(briefOf),
  );
};
