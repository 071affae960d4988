import type { FastifyPluginAsync } from 'fastify';
import { CODE, PERIOD, sendXlsx } from '../http.js';

// final=true: only finalized records; by default drafts count too, and every report says which it holds.
const common = { rubric: { type: 'string' }, county: CODE, final: { type: 'boolean' } } as const;

export const reportRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { rubric: string; county: string; period: string; final?: boolean; format?: 'json' | 'xlsx' } }>(
    '/reports/county',
    { schema: { tags: ['reports'], summary: '县级期间汇总：排名、与上期比较、常见问题', description: 'period 按评分标准的考核周期（GET /rubrics 的 period）写：月 YYYY-MM、季度 YYYY-Qn 或半年 YYYY-Hn，其他周期的被拒绝（400，PERIOD_KIND）。回答的 periodKind 为该周期；previousPeriod 为同一周期的上一期（2026-H1 的上一期为 2025-H2）。', querystring: { type: 'object', required: ['rubric', 'county', 'period'], additionalProperties: false, properties: { ...common, period: PERIOD, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const q = req.query;
      const r = await app.services.reports.county(q.rubric, q.period, q.county, req.principal, !!q.final);
      return q.format === 'json' ? r.data : sendXlsx(reply, await r.workbook());
    },
  );

  app.get<{ Querystring: { rubric: string; county: string; year: number; quarter: number; final?: boolean; format?: 'json' | 'xlsx' } }>(
    '/reports/quarterly',
    { schema: { tags: ['reports'], summary: '季度通报（默认 JSON；format=xlsx 下载）', description: '按月考核的评分标准取季度内三个月，按季度考核的取该季度；按半年考核的没有季度通报（400，PERIOD_KIND），请用半年的县级汇总。months（及各单位的 months、missing）保留原字段名，装的是评分标准周期的期间：按月为 YYYY-MM，按季度为 YYYY-Qn；periodKind 说明是哪一种。', querystring: { type: 'object', required: ['rubric', 'county', 'year', 'quarter'], additionalProperties: false, properties: { ...common, year: { type: 'integer', minimum: 2000, maximum: 2100 }, quarter: { type: 'integer', minimum: 1, maximum: 4 }, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const r = await app.services.reports.quarterly(req.query.rubric, req.query.year, req.query.quarter, req.query.county, req.principal, !!req.query.final);
      return req.query.format === 'xlsx' ? sendXlsx(reply, await r.workbook()) : r.data;
    },
  );

  app.get<{ Querystring: { rubric: string; county: string; year: number; final?: boolean; format?: 'json' | 'xlsx' } }>(
    '/reports/annual',
    { schema: { tags: ['reports'], summary: '年度累计（默认 JSON；format=xlsx 下载）', description: '按评分标准的考核周期累计全年 12 个月、4 个季度或 2 个半年，缺考的期间单列；当年只计到当前期间（北京时间）。months（及各单位的 months、missing）保留原字段名，装的是评分标准周期的期间（YYYY-MM、YYYY-Qn 或 YYYY-Hn）；periodKind 说明是哪一种。', querystring: { type: 'object', required: ['rubric', 'county', 'year'], additionalProperties: false, properties: { ...common, year: { type: 'integer', minimum: 2000, maximum: 2100 }, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const r = await app.services.reports.annual(req.query.rubric, req.query.year, req.query.county, req.principal, !!req.query.final);
      return req.query.format === 'xlsx' ? sendXlsx(reply, await r.workbook()) : r.data;
    },
  );

  app.get<{ Querystring: { rubric: string; unit: string; from: string; to: string } }>(
    '/reports/diff',
    { schema: { tags: ['reports'], summary: '同一单位两个期间的逐项变化（期间按评分标准的考核周期写）', querystring: { type: 'object', required: ['rubric', 'unit', 'from', 'to'], additionalProperties: false, properties: { rubric: { type: 'string' }, unit: CODE, from: PERIOD, to: PERIOD } } } },
    async (req) => app.services.reports.diff(req.query.rubric, req.query.unit, req.query.from, req.query.to, req.principal),
  );
};
