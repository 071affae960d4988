// What the API (and later other front ends) can do, over a store, the bundled rubrics and an injected clock.
import { randomUUID } from 'node:crypto';
import { assess } from '../engine/evaluate.js';
import { LEVEL_ZH } from '../levels.js';
import { AuditError, type ErrorCode, type Problem } from '../errors.js';
import { importWorkbookIsolated } from '../excel/isolate.js';
import { assessmentWorkbook, countyWorkbook } from '../excel/report.js';
import { buildBulkTemplate, buildPrintWorkbook, buildTemplate } from '../excel/template.js';
import { annualAccumulation } from '../periods/annual.js';
import { chinaPeriod, previousMonth, quarterWindow } from '../periods/calendar.js';
import { countySummary, type RecordBasis } from '../periods/county.js';
import { diffAssessments } from '../periods/diff.js';
import { quarterlyCircular } from '../periods/quarter.js';
import type { Rubric } from '../rubric/model.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import { PATTERNS, UNIT_CODE_HINT } from '../schema/validate.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Submission, Unit } from '../schema/generated/submission.js';
import type { AssessmentFilter, AssessmentRecord, LogAnchor, LogVerification, NewAssessment, Store, TokenRecord, UnitRecord } from '../store/types.js';
import { type Action, decide, originFor, type Principal, ROLE_ZH, ROLES, type Role, SCOPE_LEVEL } from '../access/policy.js';
import { newToken, tokenDigest } from '../access/tokens.js';

export interface ServiceOptions {
  store: Store;
  rubrics: ReadonlyMap<string, Rubric>;
  now: () => Date;
}

const fail = (code: ErrorCode, message: string, problems: Problem[] = [{ code: 'SCHEMA', path: '', message }]): never => {
  throw new AuditError(code, message, problems);
};

export { chinaPeriod } from '../periods/calendar.js';

const UNIT_CODE = new RegExp(PATTERNS.unitCode);

const LEVEL_RANK = { county: 0, township: 1, village: 2 } as const;

const ACTION_ZH: Readonly<Record<Action, string>> = { read: '查看', write: '录入或修改', certify: '定稿或更正正式考核记录', manage: '管理单位和令牌' };

/** Which of the records read are drafts, for reports that must say so. */
const basis = (records: readonly AssessmentRecord[], finalOnly: boolean): RecordBasis => ({
  finalOnly,
  drafts: new Set(records.filter((r) => r.status === 'draft').map((r) => r.assessment)),
});

export class AuditService {
  /** Rubric snapshots known to be stored: pinning costs a write only the first time. */
  private readonly pinnedHashes = new Set<string>();

  constructor(private readonly o: ServiceOptions) {}

  listRubrics(): Rubric[] {
    return [...this.o.rubrics.values()];
  }

  rubric(id: string): Rubric {
    return this.o.rubrics.get(id) ?? fail('RUBRIC_NOT_FOUND', `找不到评分标准“${id}”（可用：${[...this.o.rubrics.keys()].join('、')}）`);
  }

  /** A template for a period, this month in China unless given: the month an inspection can be recorded for. */
  template(id: string, opts: { bulk: boolean; print?: boolean; unit?: Unit; period?: string; units?: Unit[] }): Promise<Buffer> {
    const r = this.rubric(id);
    const period = opts.period ?? chinaPeriod(this.o.now());
    if (opts.bulk || opts.print) return (opts.print ? buildPrintWorkbook : buildBulkTemplate)(r, { period, units: opts.units ?? (opts.unit ? [opts.unit] : []) });
    return buildTemplate(r, { ...(opts.unit ? { unit: opts.unit } : {}), period });
  }

  /** The units of a county a rubric assesses, parents first, for pre-filled bulk sheets and print workbooks. */
  async unitsFor(rubricId: string, county: string, actor: Principal): Promise<Unit[]> {
    const levels: readonly string[] = this.rubric(rubricId).appliesTo;
    await this.authorizeUnit(actor, county, 'read');
    return (await this.subtree(county)).filter((u) => levels.includes(u.level)).map((u) => ({ code: u.code, name: u.name, level: u.level }));
  }

  /** Stateless scoring: nothing is kept. */
  score(input: unknown): Assessment {
    return assess(this.rubricOf(input), input);
  }

  async createAssessment(input: unknown, actor: Principal): Promise<AssessmentRecord> {
    const [rec] = await this.o.store.createAssessments([await this.prepare(input, actor)]);
    return rec!;
  }

  async importAssessments(bytes: Uint8Array, actor: Principal, opts: { rubric?: string; onlyValid?: boolean } = {}) {
    // Before parsing: someone who may write nowhere (a viewer) gets no parse of their file. Each row's unit is
    // checked again when it is prepared.
    await this.authorize(actor, { unit: actor.scope }, 'write', () => fail('NOT_FOUND', '找不到该资源'));
    const res = await importWorkbookIsolated(bytes, { rubrics: this.o.rubrics, ...(opts.rubric ? { rubric: this.rubric(opts.rubric) } : {}), onlyValid: opts.onlyValid ?? false });
    if (res.problems.length > 0 && !opts.onlyValid) fail('IMPORT_INVALID', `导入的文件有 ${res.problems.length} 处问题，未导入任何数据`, res.problems);
    const prepared: NewAssessment[] = [];
    const problems: Problem[] = [...res.problems];
    for (const s of res.submissions) {
      try {
        prepared.push(await this.prepare(s, actor));
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, message: `${s.unit.code} ${s.unit.name}：${p.message}` })));
      }
    }
    if (problems.length > res.problems.length && !opts.onlyValid) fail('IMPORT_INVALID', `导入的文件有 ${problems.length} 处问题，未导入任何数据`, problems);
    const created = await this.o.store.createAssessments(prepared);
    return { created, problems, warnings: res.warnings, rejected: res.rejected + (res.submissions.length - prepared.length) };
  }

  /**
   * A record the actor may act on; one it may not see is "not found", exactly like one that does not exist.
   * The action may depend on the record (correcting an official record is itself official).
   */
  async getAssessment(id: string, actor: Principal, action: Action | ((rec: AssessmentRecord) => Action) = 'read'): Promise<AssessmentRecord> {
    const rec = await this.o.store.getAssessment(id);
    const missing = () => fail('NOT_FOUND', `找不到考核记录 ${id}`);
    if (!rec) return missing();
    await this.authorize(actor, { unit: rec.unit, origin: rec.origin, id }, typeof action === 'function' ? action(rec) : action, missing);
    return rec;
  }

  async listAssessments(f: AssessmentFilter & { county?: string; unit?: string }, actor: Principal): Promise<AssessmentRecord[]> {
    for (const named of [f.county, f.unit]) if (named) await this.authorizeUnit(actor, named, 'read');
    // Both given: the unit, if it lies in the county (else nothing).
    const inCounty = f.county ? (await this.subtree(f.county)).map((u) => u.code) : undefined;
    const units = f.unit ? (inCounty && !inCounty.includes(f.unit) ? [] : [f.unit]) : (inCounty ?? (actor.scope ? await this.visibleCodes(actor) : undefined));
    const { county: _c, unit: _u, ...rest } = f;
    return this.o.store.listAssessments({ ...rest, ...(units ? { units } : {}) });
  }

  async finalize(id: string, actor: Principal): Promise<AssessmentRecord> {
    await this.getAssessment(id, actor, 'certify');
    return this.o.store.finalizeAssessment(id, actor.name, this.o.now().toISOString());
  }

  async amend(id: string, input: unknown, reason: unknown, actor: Principal): Promise<AssessmentRecord> {
    if (typeof reason !== 'string' || reason.trim() === '') fail('BAD_REQUEST', '更正必须写明原因（reason）', [{ code: 'SCHEMA', path: '/reason', message: '更正必须写明原因（reason）' }]);
    // Correcting an official record is itself official; a draft is the author's own business.
    const old = await this.getAssessment(id, actor, (rec) => (rec.status === 'draft' ? 'write' : 'certify'));
    const next = await this.prepare(input, actor);
    const s = next.assessment;
    if (s.unit.code !== old.unit || s.period !== old.period || s.rubric.id !== old.rubric.id) {
      fail('BAD_REQUEST', '更正只能针对同一单位、同一期间、同一评分标准', [{ code: 'SCHEMA', path: '/submission', message: `原记录为 ${old.unit} ${old.period} ${old.rubric.id}` }]);
    }
    // The store re-checks the status it was authorized for, inside its transaction.
    return this.o.store.amendAssessment(id, next, (reason as string).trim(), old.status);
  }

  /** The graded workbook, rendered with the rubric the record was scored with, not today's. */
  async unitReport(id: string, actor: Principal): Promise<{ rec: AssessmentRecord; bytes: Buffer }> {
    const rec = await this.getAssessment(id, actor);
    return { rec, bytes: await assessmentWorkbook(rec.assessment, await this.pinned(rec), { ...(await this.reportOptions()), status: rec.status }) };
  }

  /**
   * Circulars and rankings count inspections only: a township's self-check never ranks it. Drafts count unless
   * `finalOnly`, and every report says which records it holds.
   */
  async county(rubricId: string, period: string, county: string, actor: Principal, finalOnly = false) {
    const rubric = this.rubric(rubricId);
    const units = await this.readableSubtree(actor, county);
    const status = finalOnly ? { status: 'final' as const } : {};
    const [current, previous] = await Promise.all([
      this.o.store.listAssessments({ rubric: rubricId, period, units, origin: 'inspection', ...status }),
      this.o.store.listAssessments({ rubric: rubricId, period: previousMonth(period), units, origin: 'inspection', ...status }),
    ]);
    const summary = countySummary(rubric, current.map((r) => r.assessment), previous.map((r) => r.assessment), basis(current, finalOnly));
    // The chain head is read only when a workbook is made: a JSON answer prints none.
    return { summary, workbook: async () => countyWorkbook(summary, await this.reportOptions()) };
  }

  async quarterly(rubricId: string, year: number, quarter: number, county: string, actor: Principal, finalOnly = false) {
    const units = await this.readableSubtree(actor, county);
    // The circular compares with the previous quarter, so both are read.
    const { months, before } = quarterWindow(year, quarter);
    const [from, to] = [before[0]!, months[2]!];
    const records = await this.o.store.listAssessments({ rubric: rubricId, from, to, units, origin: 'inspection', ...(finalOnly ? { status: 'final' as const } : {}) });
    return quarterlyCircular(this.rubric(rubricId), records.map((r) => r.assessment), year, quarter, basis(records, finalOnly));
  }

  async annual(rubricId: string, year: number, county: string, actor: Principal, finalOnly = false) {
    const units = await this.readableSubtree(actor, county);
    const records = await this.o.store.listAssessments({ rubric: rubricId, from: `${year}-01`, to: `${year}-12`, units, origin: 'inspection', ...(finalOnly ? { status: 'final' as const } : {}) });
    const now = chinaPeriod(this.o.now());
    return annualAccumulation(this.rubric(rubricId), records.map((r) => r.assessment), year, now.startsWith(`${year}-`) ? now : undefined, basis(records, finalOnly));
  }

  async diff(rubricId: string, unit: string, from: string, to: string, actor: Principal) {
    await this.authorizeUnit(actor, unit, 'read');
    const find = async (period: string) =>
      (await this.o.store.listAssessments({ rubric: rubricId, units: [unit], period, origin: 'inspection' }))[0] ?? fail('NOT_FOUND', `单位 ${unit} 在 ${period} 没有“${rubricId}”的考核记录`);
    return diffAssessments((await find(from)).assessment, (await find(to)).assessment);
  }

  /** What every workbook prints at the bottom: when it was made and the log head then, anchoring the log outside the database. */
  async reportOptions(): Promise<{ generatedAt: Date; chainHead: string }> {
    const head = await this.o.store.logHead();
    return { generatedAt: this.o.now(), chainHead: `${head.seq}:${head.hash}` };
  }

  async putUnit(input: Partial<UnitRecord>, actor: Principal): Promise<UnitRecord> {
    if (typeof input.code === 'string') await this.authorizeUnit(actor, input.code, 'manage', input.parent ?? null);
    const problems: Problem[] = [];
    if (typeof input.code !== 'string' || !UNIT_CODE.test(input.code)) problems.push({ code: 'SCHEMA', path: '/code', message: UNIT_CODE_HINT });
    if (typeof input.name !== 'string' || input.name.trim() === '') problems.push({ code: 'SCHEMA', path: '/name', message: '缺少单位名称' });
    if (!input.level || !(input.level in LEVEL_RANK)) problems.push({ code: 'SCHEMA', path: '/level', message: `层级应为 ${Object.entries(LEVEL_ZH).map(([id, zh]) => `${id}（${zh}）`).join('、')}` });
    const parent = input.parent ?? null;
    if (parent !== null) {
      const p = await this.o.store.getUnit(parent);
      if (!p) problems.push({ code: 'SCHEMA', path: '/parent', message: `上级单位 ${parent} 不存在` });
      else if (input.level && input.level in LEVEL_RANK && LEVEL_RANK[p.level] >= LEVEL_RANK[input.level]) problems.push({ code: 'SCHEMA', path: '/parent', message: `上级单位 ${p.name} 的层级不高于本单位` });
    } else if (input.level && input.level !== 'county') problems.push({ code: 'SCHEMA', path: '/parent', message: '镇(街道)和村(社区)须写明上级单位' });
    if (problems.length) fail('BAD_REQUEST', `单位信息有 ${problems.length} 处问题`, problems);
    return this.o.store.putUnit({ code: input.code!, name: input.name!.trim(), level: input.level!, parent }, this.o.now().toISOString(), actor.name);
  }

  async getUnit(code: string, actor: Principal): Promise<UnitRecord> {
    await this.authorizeUnit(actor, code, 'read');
    return (await this.o.store.getUnit(code)) ?? fail('NOT_FOUND', `找不到单位 ${code}`);
  }

  async listUnits(filter: { parent?: string; level?: UnitRecord['level'] }, actor: Principal): Promise<UnitRecord[]> {
    const all = await this.o.store.listUnits(filter);
    if (!actor.scope) return actor.role === 'admin' ? all : [];
    const visible = new Set(await this.visibleCodes(actor));
    return all.filter((u) => visible.has(u.code));
  }

  /** Units in order, parents before children, so a county's whole tree can come in one list. */
  async importUnits(list: unknown, actor: Principal): Promise<UnitRecord[]> {
    await this.requireManage(actor);
    if (!Array.isArray(list)) return fail('BAD_REQUEST', '单位清单应为列表');
    const out: UnitRecord[] = [];
    const problems: Problem[] = [];
    for (const [i, u] of list.entries()) {
      try {
        out.push(await this.putUnit(u as Partial<UnitRecord>, actor));
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, path: `/${i}${p.path}` })));
      }
    }
    if (problems.length) fail('BAD_REQUEST', `单位清单有 ${problems.length} 处问题（其余单位已保存）`, problems);
    return out;
  }

  /** Issues a token; the secret is returned this once and only its digest is kept. */
  async createToken(input: { name?: unknown; role?: unknown; scope?: unknown }, actor: Principal): Promise<{ token: string; record: Omit<TokenRecord, 'digest'> }> {
    await this.requireManage(actor);
    const problems: Problem[] = [];
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > 100) problems.push({ code: 'SCHEMA', path: '/name', message: '请写明令牌使用人（1～100 个字）' });
    const role = ROLES.includes(input.role as Role) ? (input.role as Role) : undefined;
    if (!role) problems.push({ code: 'SCHEMA', path: '/role', message: `角色应为 ${ROLES.map((r) => `${r}（${ROLE_ZH[r]}）`).join('、')}` });
    const scope = typeof input.scope === 'string' ? input.scope : null;
    if (role) {
      const need = SCOPE_LEVEL[role];
      const unit = scope ? await this.o.store.getUnit(scope) : null;
      if (need === null && scope !== null) problems.push({ code: 'SCHEMA', path: '/scope', message: '管理员令牌不限范围，不应填写 scope' });
      else if (need !== null && !unit) problems.push({ code: 'SCHEMA', path: '/scope', message: scope ? `单位 ${scope} 不存在` : `${ROLE_ZH[role]}令牌须写明所辖单位（scope）` });
      else if (need !== null && need !== 'any' && unit && unit.level !== need) problems.push({ code: 'SCHEMA', path: '/scope', message: `${ROLE_ZH[role]}的范围应为${LEVEL_ZH[need]}级单位，${unit.name}是${LEVEL_ZH[unit.level]}` });
    }
    if (problems.length) fail('BAD_REQUEST', `令牌信息有 ${problems.length} 处问题`, problems);
    const token = newToken();
    const { digest: _d, ...record } = await this.o.store.createToken({
      id: randomUUID(), digest: tokenDigest(token), name, role: role!, scope, created_at: this.o.now().toISOString(), created_by: actor.name,
    });
    return { token, record };
  }

  async listTokens(actor: Principal): Promise<Omit<TokenRecord, 'digest'>[]> {
    await this.requireManage(actor);
    return (await this.o.store.listTokens()).map(({ digest: _d, ...t }) => t);
  }

  async revokeToken(id: string, actor: Principal): Promise<Omit<TokenRecord, 'digest'>> {
    await this.requireManage(actor);
    const { digest: _d, ...t } = await this.o.store.revokeToken(id, actor.name, this.o.now().toISOString());
    return t;
  }

  async verifyLog(actor: Principal, anchor?: LogAnchor): Promise<LogVerification> {
    await this.requireManage(actor);
    return this.o.store.verifyLog(anchor);
  }

  async readLog(actor: Principal, from: number, limit: number) {
    await this.requireManage(actor);
    return this.o.store.readLog(from, limit);
  }

  /** Units and tokens are the administrator's. */
  requireManage(actor: Principal): Promise<void> {
    return this.authorize(actor, { unit: null }, 'manage', () => fail('NOT_FOUND', '找不到该资源'));
  }

  /** The unit's codes from the top of the tree down to it; null when it does not exist. */
  private async ancestry(code: string): Promise<string[] | null> {
    const chain: string[] = [];
    for (let c: string | null = code; c !== null && chain.length < 8; ) {
      const u = await this.o.store.getUnit(c);
      if (!u) return chain.length ? chain.reverse() : null;
      chain.push(u.code);
      c = u.parent;
    }
    return chain.reverse();
  }

  /**
   * Applies the policy; refusals are logged (the request is refused whether or not the log write succeeds).
   * @param unit the unit acted on, or for a unit not yet created, its prospective parent plus its code.
   */
  private async authorize(actor: Principal, target: { unit: string | null; parent?: string | null; origin?: AssessmentRecord['origin']; id?: string }, action: Action, notFound: () => never): Promise<void> {
    let ancestry: string[] | null = null;
    if (target.unit !== null) {
      ancestry = await this.ancestry(target.unit);
      if (ancestry === null) {
        // A unit that does not exist yet: judge by where it would go. Non-admins cannot tell it from one they may not see.
        const above = target.parent ? await this.ancestry(target.parent) : null;
        if (actor.role !== 'admin' && above === null) return this.deny(actor, target, action, 'not_found', notFound);
        ancestry = [...(above ?? []), target.unit];
      }
    }
    const decision = decide(actor, { ancestry, ...(target.origin ? { origin: target.origin } : {}) }, action);
    if (decision !== 'allow') return this.deny(actor, target, action, decision, notFound);
  }

  private async deny(actor: Principal, target: { unit: string | null; id?: string }, action: Action, decision: 'not_found' | 'forbidden', notFound: () => never): Promise<never> {
    await this.o.store
      .appendEvent({ at: this.o.now().toISOString(), actor: actor.name, action: 'access.denied', target: target.id ?? target.unit ?? '', payload: { role: actor.role, scope: actor.scope, action, decision } })
      .catch(() => undefined);
    if (decision === 'not_found') return notFound();
    return fail('FORBIDDEN', `${ROLE_ZH[actor.role]}无权${ACTION_ZH[action]}`);
  }

  private authorizeUnit(actor: Principal, code: string, action: Action, parent: string | null = null): Promise<void> {
    return this.authorize(actor, { unit: code, parent }, action, () => fail('NOT_FOUND', `找不到单位 ${code}`));
  }

  /** The unit codes under the actor's scope. */
  private async visibleCodes(actor: Principal): Promise<string[]> {
    return actor.scope ? (await this.o.store.subtree(actor.scope)).map((u) => u.code) : [];
  }

  private async readableSubtree(actor: Principal, code: string): Promise<string[]> {
    await this.authorizeUnit(actor, code, 'read');
    return (await this.subtree(code)).map((u) => u.code);
  }

  private async subtree(code: string): Promise<UnitRecord[]> {
    const units = await this.o.store.subtree(code);
    return units.length ? units : fail('NOT_FOUND', `找不到单位 ${code}`);
  }

  private rubricOf(input: unknown): Rubric {
    const id = (input as { rubric?: unknown } | null)?.rubric;
    if (typeof id !== 'string') return fail('SUBMISSION_INVALID', '提交缺少评分标准 rubric', [{ code: 'SCHEMA', path: '/rubric', message: '缺少必填字段“rubric”' }]);
    return this.rubric(id);
  }

  /** Validates against the rubric, the unit tree and the calendar, then scores and pins the rubric. */
  private async prepare(input: unknown, actor: Principal): Promise<NewAssessment> {
    // Scope first: someone who may not write for a unit learns nothing from how their submission would have scored.
    const code = (input as { unit?: { code?: unknown } } | null)?.unit?.code;
    if (typeof code === 'string') await this.authorizeUnit(actor, code, 'write');
    const rubric = this.rubricOf(input);
    const assessment = assess(rubric, input);
    const sub = input as Submission;
    const unit = await this.o.store.getUnit(sub.unit.code);
    if (!unit) fail('UNKNOWN_UNIT', `单位 ${sub.unit.code} 不在单位名录中，请先登记`, [{ code: 'SCHEMA', path: '/unit/code', message: `单位 ${sub.unit.code} 不在单位名录中` }]);
    if (unit!.level !== sub.unit.level) fail('BAD_REQUEST', `单位 ${unit!.code} 的层级是${LEVEL_ZH[unit!.level]}，提交写的是${LEVEL_ZH[sub.unit.level]}`, [{ code: 'SCHEMA', path: '/unit/level', message: `单位名录中的层级为${LEVEL_ZH[unit!.level]}` }]);
    const now = chinaPeriod(this.o.now());
    if (sub.period > now) fail('BAD_REQUEST', `考核期间 ${sub.period} 在将来（当前为 ${now}）`, [{ code: 'SCHEMA', path: '/period', message: `考核期间 ${sub.period} 在将来` }]);
    const at = this.o.now().toISOString();
    if (!this.pinnedHashes.has(rubric.hash)) {
      await this.o.store.putRubric(rubric.definition, rubric.hash, at);
      this.pinnedHashes.add(rubric.hash);
    }
    return { submission: sub, assessment, created_at: at, created_by: actor.name, origin: originFor(actor.role) };
  }

  private async pinned(rec: AssessmentRecord): Promise<Rubric> {
    const current = this.o.rubrics.get(rec.rubric.id);
    if (current && current.hash === rec.rubric.hash) return current;
    const def = await this.o.store.getRubric(rec.rubric.hash);
    return def ? rubricFromDefinition(def) : fail('NOT_FOUND', `找不到考核记录所用的评分标准 ${rec.rubric.id}（${rec.rubric.hash}）`);
  }
}
