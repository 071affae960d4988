// What the API (and later other front ends) can do, over a store, the bundled rubrics and an injected clock.
import { assess } from '../engine/evaluate.js';
import { AuditError, type ErrorCode, type Problem } from '../errors.js';
import { importWorkbook } from '../excel/import.js';
import { assessmentWorkbook, countyWorkbook } from '../excel/report.js';
import { buildBulkTemplate, buildTemplate } from '../excel/template.js';
import { annualAccumulation } from '../periods/annual.js';
import { previousMonth } from '../periods/calendar.js';
import { countySummary } from '../periods/county.js';
import { diffAssessments } from '../periods/diff.js';
import { quarterlyCircular } from '../periods/quarter.js';
import type { Rubric } from '../rubric/model.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Submission, Unit } from '../schema/generated/submission.js';
import type { AssessmentFilter, AssessmentRecord, NewAssessment, Store, UnitRecord } from '../store/types.js';

export interface ServiceOptions {
  store: Store;
  rubrics: ReadonlyMap<string, Rubric>;
  now: () => Date;
}

const fail = (code: ErrorCode, message: string, problems: Problem[] = [{ code: 'SCHEMA', path: '', message }]): never => {
  throw new AuditError(code, message, problems);
};

/** The month it is now in China, where the counties are: a period after it is in the future. */
export const chinaPeriod = (d: Date): string => {
  const c = new Date(d.getTime() + 8 * 3600_000);
  return `${c.getUTCFullYear()}-${String(c.getUTCMonth() + 1).padStart(2, '0')}`;
};

const LEVEL_RANK = { county: 0, township: 1, village: 2 } as const;

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

  template(id: string, opts: { bulk: boolean; unit?: Unit; period?: string; units?: Unit[] }): Promise<Buffer> {
    const r = this.rubric(id);
    return opts.bulk
      ? buildBulkTemplate(r, { ...(opts.period ? { period: opts.period } : {}), units: opts.units ?? [] })
      : buildTemplate(r, { ...(opts.unit ? { unit: opts.unit } : {}), ...(opts.period ? { period: opts.period } : {}) });
  }

  /** Stateless scoring: nothing is kept. */
  score(input: unknown): Assessment {
    return assess(this.rubricOf(input), input);
  }

  async createAssessment(input: unknown, by: string): Promise<AssessmentRecord> {
    const [rec] = await this.o.store.createAssessments([await this.prepare(input, by)]);
    return rec!;
  }

  async importAssessments(bytes: Uint8Array, by: string, opts: { rubric?: string; onlyValid?: boolean } = {}) {
    const res = await importWorkbook(bytes, { resolve: (id) => this.o.rubrics.get(id), ...(opts.rubric ? { rubric: this.rubric(opts.rubric) } : {}), onlyValid: opts.onlyValid ?? false });
    if (res.problems.length > 0 && !opts.onlyValid) fail('IMPORT_INVALID', `导入的文件有 ${res.problems.length} 处问题，未导入任何数据`, res.problems);
    const prepared: NewAssessment[] = [];
    const problems: Problem[] = [...res.problems];
    for (const s of res.submissions) {
      try {
        prepared.push(await this.prepare(s, by));
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, message: `${s.unit.code} ${s.unit.name}：${p.message}` })));
      }
    }
    if (problems.length > res.problems.length && !opts.onlyValid) fail('IMPORT_INVALID', `导入的文件有 ${problems.length} 处问题，未导入任何数据`, problems);
    const created = await this.o.store.createAssessments(prepared);
    return { created, problems, rejected: res.rejected + (res.submissions.length - prepared.length) };
  }

  async getAssessment(id: string): Promise<AssessmentRecord> {
    return (await this.o.store.getAssessment(id)) ?? fail('NOT_FOUND', `找不到考核记录 ${id}`);
  }

  async listAssessments(f: AssessmentFilter & { county?: string; unit?: string }): Promise<AssessmentRecord[]> {
    const units = f.county ? (await this.subtree(f.county)).map((u) => u.code) : f.unit ? [f.unit] : undefined;
    const { county: _c, unit: _u, ...rest } = f;
    return this.o.store.listAssessments({ ...rest, ...(units ? { units } : {}) });
  }

  finalize(id: string, by: string): Promise<AssessmentRecord> {
    return this.o.store.finalizeAssessment(id, by, this.o.now().toISOString());
  }

  async amend(id: string, input: unknown, reason: unknown, by: string): Promise<AssessmentRecord> {
    if (typeof reason !== 'string' || reason.trim() === '') fail('BAD_REQUEST', '更正必须写明原因（reason）', [{ code: 'SCHEMA', path: '/reason', message: '更正必须写明原因（reason）' }]);
    const old = await this.getAssessment(id);
    const next = await this.prepare(input, by);
    const s = next.assessment;
    if (s.unit.code !== old.unit || s.period !== old.period || s.rubric.id !== old.rubric.id) {
      fail('BAD_REQUEST', '更正只能针对同一单位、同一期间、同一评分标准', [{ code: 'SCHEMA', path: '/submission', message: `原记录为 ${old.unit} ${old.period} ${old.rubric.id}` }]);
    }
    return this.o.store.amendAssessment(id, next, (reason as string).trim());
  }

  /** The graded workbook, rendered with the rubric the record was scored with, not today's. */
  async unitReport(id: string): Promise<Buffer> {
    const rec = await this.getAssessment(id);
    return assessmentWorkbook(rec.assessment, await this.pinned(rec), { generatedAt: this.o.now() });
  }

  async county(rubricId: string, period: string, county: string) {
    const rubric = this.rubric(rubricId);
    const units = (await this.subtree(county)).map((u) => u.code);
    const [current, previous] = await Promise.all([
      this.o.store.listAssessments({ rubric: rubricId, period, units }),
      this.o.store.listAssessments({ rubric: rubricId, period: previousMonth(period), units }),
    ]);
    const summary = countySummary(rubric, current.map((r) => r.assessment), previous.map((r) => r.assessment));
    return { summary, workbook: () => countyWorkbook(summary, { generatedAt: this.o.now() }) };
  }

  async quarterly(rubricId: string, year: number, quarter: number, county: string) {
    const units = (await this.subtree(county)).map((u) => u.code);
    const from = quarter === 1 ? `${year - 1}-10` : `${year}-${String((quarter - 2) * 3 + 1).padStart(2, '0')}`;
    const to = `${year}-${String(quarter * 3).padStart(2, '0')}`;
    const records = await this.o.store.listAssessments({ rubric: rubricId, from, to, units });
    return quarterlyCircular(this.rubric(rubricId), records.map((r) => r.assessment), year, quarter);
  }

  async annual(rubricId: string, year: number, county: string) {
    const units = (await this.subtree(county)).map((u) => u.code);
    const records = await this.o.store.listAssessments({ rubric: rubricId, from: `${year}-01`, to: `${year}-12`, units });
    const now = chinaPeriod(this.o.now());
    return annualAccumulation(this.rubric(rubricId), records.map((r) => r.assessment), year, now.startsWith(`${year}-`) ? now : undefined);
  }

  async diff(rubricId: string, unit: string, from: string, to: string) {
    const find = async (period: string) =>
      (await this.o.store.listAssessments({ rubric: rubricId, units: [unit], period }))[0] ?? fail('NOT_FOUND', `单位 ${unit} 在 ${period} 没有“${rubricId}”的考核记录`);
    return diffAssessments((await find(from)).assessment, (await find(to)).assessment);
  }

  async putUnit(input: Partial<UnitRecord>): Promise<UnitRecord> {
    const problems: Problem[] = [];
    if (typeof input.code !== 'string' || !/^[0-9A-Za-z][0-9A-Za-z-]{0,31}$/.test(input.code)) problems.push({ code: 'SCHEMA', path: '/code', message: '单位代码只能由数字、字母和连字符组成（统计用区划代码为 12 位数字）' });
    if (typeof input.name !== 'string' || input.name.trim() === '') problems.push({ code: 'SCHEMA', path: '/name', message: '缺少单位名称' });
    if (!input.level || !(input.level in LEVEL_RANK)) problems.push({ code: 'SCHEMA', path: '/level', message: '层级应为 county、township 或 village' });
    const parent = input.parent ?? null;
    if (parent !== null) {
      const p = await this.o.store.getUnit(parent);
      if (!p) problems.push({ code: 'SCHEMA', path: '/parent', message: `上级单位 ${parent} 不存在` });
      else if (input.level && input.level in LEVEL_RANK && LEVEL_RANK[p.level] >= LEVEL_RANK[input.level]) problems.push({ code: 'SCHEMA', path: '/parent', message: `上级单位 ${p.name} 的层级不高于本单位` });
    } else if (input.level && input.level !== 'county') problems.push({ code: 'SCHEMA', path: '/parent', message: '镇(街道)和村(社区)须写明上级单位' });
    if (problems.length) fail('BAD_REQUEST', `单位信息有 ${problems.length} 处问题`, problems);
    return this.o.store.putUnit({ code: input.code!, name: input.name!.trim(), level: input.level!, parent }, this.o.now().toISOString());
  }

  async getUnit(code: string): Promise<UnitRecord> {
    return (await this.o.store.getUnit(code)) ?? fail('NOT_FOUND', `找不到单位 ${code}`);
  }

  listUnits(filter: { parent?: string; level?: UnitRecord['level'] }): Promise<UnitRecord[]> {
    return this.o.store.listUnits(filter);
  }

  /** Units in order, parents before children, so a county's whole tree can come in one list. */
  async importUnits(list: unknown): Promise<UnitRecord[]> {
    if (!Array.isArray(list)) return fail('BAD_REQUEST', '单位清单应为列表');
    const out: UnitRecord[] = [];
    const problems: Problem[] = [];
    for (const [i, u] of list.entries()) {
      try {
        out.push(await this.putUnit(u as Partial<UnitRecord>));
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, path: `/${i}${p.path}` })));
      }
    }
    if (problems.length) fail('BAD_REQUEST', `单位清单有 ${problems.length} 处问题（其余单位已保存）`, problems);
    return out;
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
  private async prepare(input: unknown, by: string): Promise<NewAssessment> {
    const rubric = this.rubricOf(input);
    const assessment = assess(rubric, input);
    const sub = input as Submission;
    const unit = await this.o.store.getUnit(sub.unit.code);
    if (!unit) fail('UNKNOWN_UNIT', `单位 ${sub.unit.code} 不在单位名录中，请先登记`, [{ code: 'SCHEMA', path: '/unit/code', message: `单位 ${sub.unit.code} 不在单位名录中` }]);
    if (unit!.level !== sub.unit.level) fail('BAD_REQUEST', `单位 ${unit!.code} 的层级是 ${unit!.level}，提交写的是 ${sub.unit.level}`, [{ code: 'SCHEMA', path: '/unit/level', message: `单位名录中的层级为 ${unit!.level}` }]);
    const now = chinaPeriod(this.o.now());
    if (sub.period > now) fail('BAD_REQUEST', `考核期间 ${sub.period} 在将来（当前为 ${now}）`, [{ code: 'SCHEMA', path: '/period', message: `考核期间 ${sub.period} 在将来` }]);
    const at = this.o.now().toISOString();
    if (!this.pinnedHashes.has(rubric.hash)) {
      await this.o.store.putRubric(rubric.definition, rubric.hash, at);
      this.pinnedHashes.add(rubric.hash);
    }
    return { submission: sub, assessment, created_at: at, created_by: by };
  }

  private async pinned(rec: AssessmentRecord): Promise<Rubric> {
    const current = this.o.rubrics.get(rec.rubric.id);
    if (current && current.hash === rec.rubric.hash) return current;
    const def = await this.o.store.getRubric(rec.rubric.hash);
    return def ? rubricFromDefinition(def) : fail('NOT_FOUND', `找不到考核记录所用的评分标准 ${rec.rubric.id}（${rec.rubric.hash}）`);
  }
}
