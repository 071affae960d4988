// Assessments: scoring, recording (from JSON or a workbook), reading, finalizing and correcting. Every record goes
// through the authorisation layer; every write is pinned to the rubric it was scored with.
import type { Action, Principal } from '../domain/people.js';
import type { AssessmentRecord, NewAssessment } from '../domain/records.js';
import { originFor } from '../access/policy.js';
import { assess } from '../engine/evaluate.js';
import { AuditError, type Problem } from '../errors.js';
import { importWorkbookIsolated } from '../excel/isolate.js';
import { LEVEL_ZH } from '../levels.js';
import { chinaPeriod } from '../periods/calendar.js';
import { monthsOf } from '../calendar/period.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Submission } from '../schema/generated/submission.js';
import type { AssessmentFilter, Store } from '../store/types.js';
import { Pacer } from '../turns.js';
import type { Access } from './access.js';
import { fail } from './fail.js';
import type { RubricService } from './rubrics.js';
import { refuseControlCharacters } from './text.js';
import type { RectificationService } from './rectification.js';

/** A listing's filter: the store's, plus a county (its whole subtree) or one unit. */
export type ListFilter = AssessmentFilter & { county?: string; unit?: string };

export class AssessmentService {
  constructor(
    private readonly store: Store,
    private readonly rubrics: RubricService,
    private readonly access: Access,
    private readonly now: () => Date,
    /** Exemptions to score with, and the orders a finalized inspection opens. */
    private readonly rectification: RectificationService,
  ) {}

  /** Stateless scoring: nothing is kept. A unit the actor may read is scored with its exemptions, as a record would be. */
  async score(input: unknown, actor: Principal): Promise<Assessment> {
    const rubric = this.rubrics.of(input);
    const code = (input as { unit?: { code?: unknown } } | null)?.unit?.code;
    const visible = typeof code === 'string' ? await this.access.visible(actor) : [];
    const options = typeof code === 'string' && (!visible || visible.includes(code)) ? await this.exemptions(rubric.id, input) : undefined;
    const assessment = assess(rubric, input, options);
    // After scoring, which bounds the input: what is refused here is otherwise valid.
    refuseControlCharacters(input, '提交');
    return assessment;
  }

  async create(input: unknown, actor: Principal): Promise<AssessmentRecord> {
    // Committed with the other creates waiting for the writer (group commit), answered once committed.
    return this.store.createAssessment(await this.prepare(input, actor));
  }

  /** A filled template or bulk sheet: all or nothing, unless only the valid rows are asked for. */
  async import(bytes: Uint8Array, actor: Principal, opts: { rubric?: string; onlyValid?: boolean; uploader?: string } = {}) {
    await this.access.writeSomewhere(actor);
    const res = await importWorkbookIsolated(
      bytes,
      { rubrics: this.rubrics.all, ...(opts.rubric ? { rubric: this.rubrics.get(opts.rubric) } : {}), onlyValid: opts.onlyValid ?? false },
      opts.uploader ? { owner: opts.uploader } : {},
    );
    if (res.problems.length > 0 && !opts.onlyValid) fail('IMPORT_INVALID', `导入的文件有 ${res.problems.length} 处问题，未导入任何数据`, res.problems);
    const { created, problems, rejected } = await this.createMany(res.submissions, actor, { onlyValid: opts.onlyValid ?? false, problems: res.problems });
    return { created, problems, warnings: res.warnings, rejected: res.rejected + rejected };
  }

  /**
   * A workbook's rows after reading: each submission prepared as a single create is (scope, rubric, unit tree,
   * calendar), then all created in one transaction; with `onlyValid`, those that passed. `problems` are the file's
   * own, reported with the rest.
   */
  async createMany(subs: readonly Submission[], actor: Principal, opts: { onlyValid?: boolean; problems?: readonly Problem[] } = {}) {
    const prepared: NewAssessment[] = [];
    const problems: Problem[] = [...(opts.problems ?? [])];
    const pacer = new Pacer();
    for (const s of subs) {
      await pacer.pace();
      try {
        prepared.push(await this.prepare(s, actor));
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, message: `${s.unit.code} ${s.unit.name}：${p.message}` })));
      }
    }
    if (problems.length > (opts.problems?.length ?? 0) && !opts.onlyValid) fail('IMPORT_INVALID', `导入的文件有 ${problems.length} 处问题，未导入任何数据`, problems);
    const created = await this.store.createAssessments(prepared);
    return { created, problems, rejected: subs.length - prepared.length };
  }

  /** A record the actor may act on; the action may depend on the record (correcting an official record is itself official). */
  async get(id: string, actor: Principal, action: Action | ((rec: AssessmentRecord) => Action) = 'read'): Promise<AssessmentRecord> {
    const rec = (await this.store.getAssessment(id)) ?? fail('NOT_FOUND', `找不到考核记录 ${id}`);
    await this.access.record(actor, rec, typeof action === 'function' ? action(rec) : action);
    return rec;
  }

  async list(f: ListFilter, actor: Principal): Promise<AssessmentRecord[]> {
    return this.store.listAssessments(await this.inScope(f, actor));
  }

  /** The same list as JSON text, a record at a time: for sending a long list without parsing or holding it. */
  async listAsJson(f: ListFilter, actor: Principal): Promise<AsyncIterable<string>> {
    return this.store.assessmentsAsJson(await this.inScope(f, actor));
  }

  /** A list filter narrowed to what the actor may read. */
  private async inScope(f: ListFilter, actor: Principal): Promise<AssessmentFilter> {
    const inCounty = f.county ? await this.access.readableSubtree(actor, f.county) : undefined;
    if (f.unit) await this.access.unit(actor, f.unit, 'read');
    // Both given: the unit, if it lies in the county (else nothing).
    const units = f.unit ? (inCounty && !inCounty.includes(f.unit) ? [] : [f.unit]) : (inCounty ?? (await this.access.visible(actor)));
    const { county: _c, unit: _u, ...rest } = f;
    return { ...rest, ...(units ? { units } : {}) };
  }

  async finalize(id: string, actor: Principal): Promise<AssessmentRecord> {
    const rec = await this.get(id, actor, 'certify');
    // An inspection's rectification orders open with it, in the same transaction.
    return this.store.finalizeAssessment(id, actor.name, this.now().toISOString(), await this.rectification.followUp(rec));
  }

  /** The unit's exemptions for the submission's period (none when the submission cannot say which). */
  private async exemptions(rubric: string, input: unknown) {
    const s = input as { unit?: { code?: unknown }; period?: unknown; inspected_on?: unknown } | null;
    if (typeof s?.unit?.code !== 'string' || typeof s.period !== 'string') return undefined;
    return this.rectification.exemptionsFor(s.unit.code, rubric, s.period, typeof s.inspected_on === 'string' ? s.inspected_on : undefined);
  }

  async amend(id: string, input: unknown, reason: unknown, actor: Principal): Promise<AssessmentRecord> {
    if (typeof reason !== 'string' || reason.trim() === '') fail('BAD_REQUEST', '更正必须写明原因（reason）', [{ code: 'SCHEMA', path: '/reason', message: '更正必须写明原因（reason）' }]);
    refuseControlCharacters({ reason }, '更正原因');
    // Correcting an official record is itself official; a draft is the author's own business.
    const old = await this.get(id, actor, (rec) => (rec.status === 'draft' ? 'write' : 'certify'));
    const next = await this.prepare(input, actor);
    const s = next.assessment;
    if (s.unit.code !== old.unit || s.period !== old.period || s.rubric.id !== old.rubric.id) {
      fail('BAD_REQUEST', '更正只能针对同一单位、同一期间、同一评分标准', [{ code: 'SCHEMA', path: '/submission', message: `原记录为 ${old.unit} ${old.period} ${old.rubric.id}` }]);
    }
    // The store re-checks the status it was authorized for, inside its transaction.
    return this.store.amendAssessment(id, next, (reason as string).trim(), old.status);
  }

  /** Validates against the rubric, the unit tree and the calendar, then scores and pins the rubric. */
  private async prepare(input: unknown, actor: Principal): Promise<NewAssessment> {
    // Scope first: someone who may not write for a unit learns nothing from how their submission would have scored.
    const code = (input as { unit?: { code?: unknown } } | null)?.unit?.code;
    if (typeof code === 'string') await this.access.unit(actor, code, 'write');
    const rubric = this.rubrics.of(input);
    const assessment = assess(rubric, input, await this.exemptions(rubric.id, input));
    refuseControlCharacters(input, '提交');
    const sub = input as Submission;
    const unit = (await this.store.getUnit(sub.unit.code)) ?? fail('UNKNOWN_UNIT', `单位 ${sub.unit.code} 不在单位名录中，请先登记`, [{ code: 'SCHEMA', path: '/unit/code', message: `单位 ${sub.unit.code} 不在单位名录中` }]);
    if (unit.level !== sub.unit.level) fail('BAD_REQUEST', `单位 ${unit.code} 的层级是${LEVEL_ZH[unit.level]}，提交写的是${LEVEL_ZH[sub.unit.level]}`, [{ code: 'SCHEMA', path: '/unit/level', message: `单位名录中的层级为${LEVEL_ZH[unit.level]}` }]);
    const now = chinaPeriod(this.now());
    // A quarter or half year still running may be recorded (as the current month may); one not yet begun may not.
    if (monthsOf(sub.period)[0]! > now) fail('BAD_REQUEST', `考核期间 ${sub.period} 在将来（当前为 ${now}）`, [{ code: 'SCHEMA', path: '/period', message: `考核期间 ${sub.period} 在将来` }]);
    const at = this.now().toISOString();
    await this.rubrics.pin(rubric, at);
    return { submission: sub, assessment, created_at: at, created_by: actor.name, origin: originFor(actor.role) };
  }
}
