import type { FastifyPluginAsync } from 'fastify';
import { AuditError } from '../../errors.js';
import { EVIDENCE_LIMITS } from '../../evidence/limits.js';
import { ORDER_FILTER_STATUSES } from '../../service/rectification.js';
import { STEP_IDS } from '../../rectification/machine.js';
import { CODE, PERIOD, sendXlsx, uploadedFile } from '../http.js';

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const DATE = { type: 'string', format: 'date' } as const;
const tags = ['rectification'];
const FILE = 'JPEG、PNG 或 PDF 文件';

export const rectificationRoutes: FastifyPluginAsync = async (app) => {
  const r = app.services.rectification;

  app.get<{ Querystring: { county?: string; unit?: string; rubric?: string; status?: (typeof ORDER_FILTER_STATUSES)[number] } }>(
    '/rectifications',
    {
      schema: {
        tags,
        summary: '整改事项：带期限、逾期天数与逾期等级（status=open 未销号，overdue 已逾期）',
        querystring: { type: 'object', additionalProperties: false, properties: { county: CODE, unit: CODE, rubric: { type: 'string' }, status: { enum: [...ORDER_FILTER_STATUSES] } } },
      },
    },
    async (req) => r.list(req.query, req.principal),
  );

  app.get<{ Querystring: { county: string; rubric?: string; format?: 'json' | 'xlsx' } }>(
    '/rectifications/ledger',
    { schema: { tags, summary: '县级整改台账：各单位未销号、逾期和已销号的整改事项（默认 JSON；format=xlsx 下载）', querystring: { type: 'object', required: ['county'], additionalProperties: false, properties: { county: CODE, rubric: { type: 'string' }, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const l = await r.ledger(req.query.county, req.query.rubric, req.principal);
      return req.query.format === 'xlsx' ? sendXlsx(reply, await l.workbook()) : l.data;
    },
  );

  app.get<{ Querystring: { unit: string; assessment?: string; format?: 'json' | 'xlsx' } }>(
    '/rectifications/notice',
    { schema: { tags, summary: '整改通知书：单位未销号的整改事项（或某次考核开出的），含期限和签字栏（默认 .xlsx；format=json 为数据）', querystring: { type: 'object', required: ['unit'], additionalProperties: false, properties: { unit: CODE, assessment: { type: 'string', format: 'uuid' }, format: { enum: ['json', 'xlsx'] } } } } },
    async (req, reply) => {
      const n = await r.notice(req.query.unit, req.query.assessment, req.principal);
      return req.query.format === 'json' ? n.data : sendXlsx(reply, await n.workbook());
    },
  );

  app.get<{ Querystring: { rubric: string; from: string } }>(
    '/rectifications/deadline',
    { schema: { tags, summary: '整改期限：从某日（检查日）次日起按工作日计算；缺少当年法定节假日安排时拒绝计算', querystring: { type: 'object', required: ['rubric', 'from'], additionalProperties: false, properties: { rubric: { type: 'string' }, from: DATE } } } },
    async (req) => {
      const d = r.deadline(req.query.rubric, req.query.from);
      if ('problem' in d) return reply400(d.problem);
      return { from: req.query.from, due_on: d.due_on };
    },
  );

  app.get<{ Params: { id: string } }>('/rectifications/:id', { schema: { tags, summary: '一项整改事项：期限、状态、记录链中的全部经过和佐证材料', params: id } }, async (req) => r.get(req.params.id, req.principal));

  app.post<{ Params: { id: string; step: string }; Body: { note?: unknown } }>(
    '/rectifications/:id/:step',
    {
      schema: {
        tags,
        summary: '整改事项的一步：start 开始整改、submit 提交整改报告（须写 note，镇(街道)工作人员）；pass 复查通过销号、fail 复查未通过（须写 note，县级考核人员）',
        params: { type: 'object', required: ['id', 'step'], properties: { id: { type: 'string', format: 'uuid' }, step: { enum: [...STEP_IDS] } } },
        body: { type: 'object', properties: { note: { type: 'string' } } },
      },
    },
    async (req) => r.step(req.params.id, req.params.step, req.body, req.principal),
  );

  app.post<{ Params: { id: string } }>(
    '/rectifications/:id/evidence',
    { schema: { tags, summary: `为整改事项上传佐证材料（${FILE}，每个不超过 ${EVIDENCE_LIMITS.fileBytes / 1048576} MiB）`, consumes: ['multipart/form-data'], params: id } },
    async (req, reply) => reply.status(201).send(await r.attachToOrder(req.params.id, await uploadedFile(req, { maxBytes: EVIDENCE_LIMITS.fileBytes, what: FILE }), req.principal, req.tokenKey)),
  );

  app.post<{ Params: { id: string }; Querystring: { indicator: string } }>(
    '/assessments/:id/evidence',
    {
      schema: {
        tags,
        summary: `为考核记录（草稿）的一项指标上传佐证材料（${FILE}）`,
        consumes: ['multipart/form-data'],
        params: id,
        querystring: { type: 'object', required: ['indicator'], additionalProperties: false, properties: { indicator: { type: 'string', maxLength: 32 } } },
      },
    },
    async (req, reply) => reply.status(201).send(await r.attachToAssessment(req.params.id, req.query.indicator, await uploadedFile(req, { maxBytes: EVIDENCE_LIMITS.fileBytes, what: FILE }), req.principal, req.tokenKey)),
  );

  app.get<{ Params: { id: string } }>('/assessments/:id/evidence', { schema: { tags, summary: '考核记录的佐证材料（含被更正的原版本的），带 SHA-256', params: id } }, async (req) => r.evidenceOfAssessment(req.params.id, req.principal));

  app.get<{ Params: { id: string } }>('/evidence/:id', { schema: { tags, summary: '下载佐证材料（原样，SHA-256 见 x-content-sha256）', params: id } }, async (req, reply) => {
    const { record, bytes } = await r.download(req.params.id, req.principal);
    return reply
      .header('content-type', record.media_type)
      .header('content-disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(record.name)}`)
      .header('x-content-sha256', record.sha256)
      // Served as a download, never as a page of this site.
      .header('content-security-policy', "sandbox; default-src 'none'")
      .send(bytes);
  });

  app.get<{ Querystring: { county?: string; unit?: string; rubric?: string } }>(
    '/exemptions',
    { schema: { tags, summary: '暂缓/豁免：带当前状态（valid 有效、pending 未开始、expired 已过期、revoked 已撤销）', querystring: { type: 'object', additionalProperties: false, properties: { county: CODE, unit: CODE, rubric: { type: 'string' } } } } },
    async (req) => r.exemptions(req.query, req.principal),
  );

  app.get<{ Querystring: { unit: string; rubric: string; period: string; inspected_on?: string } }>(
    '/exemptions/applicable',
    { schema: { tags, summary: '某单位某期间评分时适用的豁免（有效的使指标不适用，过期的列为已过期）', querystring: { type: 'object', required: ['unit', 'rubric', 'period'], additionalProperties: false, properties: { unit: CODE, rubric: { type: 'string' }, period: PERIOD, inspected_on: DATE } } } },
    async (req) => r.applicable(req.query, req.principal),
  );

  app.post(
    '/exemptions',
    {
      schema: {
        tags,
        summary: '批准暂缓/豁免（县级考核人员）：单位、评分标准、指标、类型、原因、到期日期',
        body: {
          type: 'object',
          required: ['unit', 'rubric', 'indicator', 'kind', 'reason', 'expires_on'],
          properties: { unit: CODE, rubric: { type: 'string' }, indicator: { type: 'string' }, kind: { enum: ['defer', 'waive'] }, reason: { type: 'string' }, starts_on: DATE, expires_on: DATE },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await r.grant(req.body, req.principal)),
  );

  app.post<{ Params: { id: string }; Body: { reason?: unknown } }>(
    '/exemptions/:id/revoke',
    { schema: { tags, summary: '撤销豁免（须写明原因）', params: id, body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } } },
    async (req) => r.revoke(req.params.id, req.body?.reason, req.principal),
  );
};


function reply400(message: string): never {
  throw new AuditError('BAD_REQUEST', message, [{ code: 'CALENDAR_MISSING', path: '/from', message }]);
}
