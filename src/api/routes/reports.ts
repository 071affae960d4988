import type { FastifyPluginAsync } from 'fastify';
import { CODE, PERIOD, sendXlsx } from '../http.js';

// final=true: only finalized records; by default drafts count too, and every report says which it holds.
const common = { rubric: { type: 'string' }, county: CODE, final: { type: 'boolean' } } as const;

export const reportRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { rubric: string; county: string; period: string; final?: boolean; format?: 'json' | 'xlsx' } }>(
    '/reports/county',
    { schema: { tags: ['reports'], summary: '县级月度汇总：排名、与上月比较、常见问题', querystring: { type: 'object', required: ['rubric', 'county', 'period'], additionalProperties: false, properties: { ...common, period: PERIOD, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const q = req.query;
      const r = await app.services.reports.county(q.rubric, q.period, q.county, req.principal, !!q.final);
      return q.format === 'json' ? r.data : sendXlsx(reply, await r.workbook());
    },
  );

  app.get<{ Querystring: { rubric: string; county: string; year: number; quarter: number; final?: boolean; format?: 'json' | 'xlsx' } }>(
    '/reports/quarterly',
    { schema: { tags: ['reports'], summary: '季度通报（默认 JSON；format=xlsx 下载）', querystring: { type: 'object', required: ['rubric', 'county', 'year', 'quarter'], additionalProperties: false, properties: { ...common, year: { type: 'integer', minimum: 2000, maximum: 2100 }, quarter: { type: 'integer', minimum: 1, maximum: 4 }, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const r = await app.services.reports.quarterly(req.query.rubric, req.query.year, req.query.quarter, req.query.county, req.principal, !!req.query.final);
      return req.query.format === 'xlsx' ? sendXlsx(reply, await r.workbook()) : r.data;
    },
  );

  app.get<{ Querystring: { rubric: string; county: string; year: number; final?: boolean; format?: 'json' | 'xlsx' } }>(
    '/reports/annual',
    { schema: { tags: ['reports'], summary: '年度累计（默认 JSON；format=xlsx 下载）', querystring: { type: 'object', required: ['rubric', 'county', 'year'], additionalProperties: false, properties: { ...common, year: { type: 'integer', minimum: 2000, maximum: 2100 }, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const r = await app.services.reports.annual(req.query.rubric, req.query.year, req.query.county, req.principal, !!req.query.final);
      return req.query.format === 'xlsx' ? sendXlsx(reply, await r.workbook()) : r.data;
    },
  );

  app.get<{ Querystring: { rubric: string; unit: string; from: string; to: string } }>(
    '/reports/diff',
    { schema: { tags: ['reports'], summary: '同一单位两个期间的逐项变化', querystring: { type: 'object', required: ['rubric', 'unit', 'from', 'to'], additionalProperties: false, properties: { rubric: { type: 'string' }, unit: CODE, from: PERIOD, to: PERIOD } } } },
    async (req) => app.services.reports.diff(req.query.rubric, req.query.unit, req.query.from, req.query.to, req.principal),
  );
};
