import type { FastifyPluginAsync } from 'fastify';
import { CODE, PERIOD, SUBMISSION, sendJsonArray, sendJsonPieces, sendRecord, sendXlsx, uploadedBytes } from '../http.js';
import { JSON_SUBMISSION } from '../json.js';
import { SCORE_RESPONSE, SCORE_VIEWS, type ScoreView } from '../views.js';

/** Submission bodies: bounded before they are parsed. */
const submissionBody = { json: JSON_SUBMISSION };

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

export const assessmentRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Querystring: { view: ScoreView } }>(
    '/score',
    {
      config: submissionBody,
      schema: {
        tags: ['scoring'],
        summary: '评分（不保存）',
        description: 'view=full（默认）返回完整的评分结果；view=compact 的各指标结果不含评分标准本身的字段（标题、章节、必要条件、要求、否决、权重），这些字段见 GET /rubrics/:id。',
        body: SUBMISSION,
        querystring: { type: 'object', properties: { view: { type: 'string', enum: SCORE_VIEWS, default: 'full' } } },
        // Each view's schema compiles to a serialiser of its own (views.ts says why not fast-json-stringify).
        response: { 200: SCORE_RESPONSE.full },
      },
    },
    async (req, reply) => {
      const assessment = await app.services.assessments.score(req.body, req.principal);
      // The route's schema writes the full view; the compact one has a serialiser of its own, compiled once.
      if (req.query.view === 'compact') reply.type('application/json; charset=utf-8').serializer(reply.compileSerializationSchema(SCORE_RESPONSE.compact));
      return assessment;
    },
  );

  app.post('/assessments', { config: submissionBody, schema: { tags: ['assessments'], summary: '新建考核记录（JSON 提交）', body: SUBMISSION } }, async (req, reply) =>
    sendRecord(reply.status(201), await app.services.assessments.create(req.body, req.principal)),
  );

  app.post<{ Querystring: { rubric?: string; onlyValid?: boolean } }>(
    '/assessments/import',
    { schema: { tags: ['assessments'], summary: '从填好的 .xlsx 导入（检查表或批量录入表）', consumes: ['multipart/form-data'], querystring: { type: 'object', properties: { rubric: { type: 'string' }, onlyValid: { type: 'boolean' } } } } },
    async (req, reply) => {
      const bytes = await uploadedBytes(req);
      const res = await app.services.assessments.import(bytes, req.principal, { ...(req.query.rubric ? { rubric: req.query.rubric } : {}), onlyValid: !!req.query.onlyValid, uploader: req.tokenKey });
      return sendJsonPieces(reply.status(201), res);
    },
  );

  app.get<{ Querystring: { county?: string; unit?: string; period?: string; rubric?: string; tier?: string; status?: 'draft' | 'final' | 'superseded'; origin?: 'inspection' | 'self_check' } }>(
    '/assessments',
    {
      schema: {
        tags: ['assessments'],
        summary: '列出考核记录',
        querystring: { type: 'object', additionalProperties: false, properties: { county: CODE, unit: CODE, period: PERIOD, rubric: { type: 'string' }, tier: { type: 'string' }, status: { enum: ['draft', 'final', 'superseded'] }, origin: { enum: ['inspection', 'self_check'] } } },
      },
    },
    async (req, reply) => sendJsonArray(reply, await app.services.assessments.listAsJson(req.query, req.principal)),
  );

  app.get<{ Params: { id: string } }>('/assessments/:id', { schema: { tags: ['assessments'], params: id } }, async (req) => app.services.assessments.get(req.params.id, req.principal));

  app.post<{ Params: { id: string } }>('/assessments/:id/finalize', { schema: { tags: ['assessments'], summary: '定稿（之后不能修改，只能更正）', params: id } }, async (req) =>
    app.services.assessments.finalize(req.params.id, req.principal),
  );

  app.post<{ Params: { id: string }; Body: { submission?: unknown; reason?: unknown } }>(
    '/assessments/:id/amend',
    { config: submissionBody, schema: { tags: ['assessments'], summary: '更正：生成取代原记录的新版本（须写明原因）', params: id, body: { type: 'object', required: ['submission', 'reason'], properties: { submission: SUBMISSION, reason: { type: 'string', minLength: 1 } } } } },
    async (req, reply) => sendRecord(reply.status(201), await app.services.assessments.amend(req.params.id, req.body?.submission, req.body?.reason, req.principal)),
  );

  app.get<{ Params: { id: string } }>('/assessments/:id/report', { schema: { tags: ['reports'], summary: '单位考核结果（.xlsx）', params: id } }, async (req, reply) =>
    sendXlsx(reply, await app.services.reports.assessment(req.params.id, req.principal)),
  );
};
