// What follows an inspection: rectification orders (整改事项) and their steps, exemptions (暂缓/豁免), and evidence
// files on records and orders. Every request goes through the authorisation layer (township staff report, inspectors
// review and grant exemptions, viewers read); every change goes into the record chain (the store does that); the
// standing of an order (deadline, overdue, escalation) is worked out on read from the statutory calendar and today.
import type { Principal } from '../domain/people.js';
import type { AssessmentRecord } from '../domain/records.js';
import type { EvidenceRecord, ExemptionRecord, FinalizeFollowUp, OrderRecord, OrderStatus } from '../domain/rectification.js';
import { ORDER_STATUSES } from '../domain/rectification.js';
import type { UnitRecord } from '../domain/units.js';
import type { AssessOptions, ExemptionInput, ExemptionKind } from '../engine/exemptions.js';
import { checkEvidenceIsolated } from '../excel/isolate.js';
import { EVIDENCE_LIMITS } from '../evidence/limits.js';
import type { Problem } from '../errors.js';
import { periodDays } from '../calendar/period.js';
import { chinaDate, dueDate } from '../rectification/deadline.js';
import { buildLedger, countsOn, exemptionHolds, type OrderView, orderView, type RectificationLedger, type UnitCounts } from '../rectification/ledger.js';
import { next, type Step, STEP_IDS, STEPS, stepAction } from '../rectification/machine.js';
import { followUpOf } from '../rectification/orders.js';
import { evidenceHash as evidenceHashOf } from '../store/rectification.js';
import type { Store } from '../store/types.js';
import type { LogEntry } from '../domain/records.js';
import type { Access } from './access.js';
import { fail } from './fail.js';
import type { Download, Renderer } from './render.js';
import type { Report } from './reports.js';
import type { RubricService } from './rubrics.js';
import { controlCharacterProblems } from './text.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const validDate = (s: unknown): s is string => typeof s === 'string' && DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const KINDS: readonly ExemptionKind[] = ['defer', 'waive'];

export interface OrderListFilter {
  county?: string;
  unit?: string;
  rubric?: string;
  status?: OrderStatus | 'open' | 'overdue';
}

/** An order with its history (every entry of the chain about it) and its evidence files. */
export interface OrderDetail extends OrderView {
  history: LogEntry[];
  evidence: EvidenceRecord[];
}

export interface ExemptionView extends ExemptionRecord {
  /** On today: valid, not yet begun, expired, or revoked. */
  state: 'valid' | 'pending' | 'expired' | 'revoked';
}

export interface RectificationNotice {
  unit: Pick<UnitRecord, 'code' | 'name' | 'level'>;
  issued_on: string;
  /** The inspections the orders came from. */
  sources: Array<{ id: string; period: string; inspected_on: string | null; inspector: string | null; rubric: { id: string; title: string } }>;
  orders: OrderView[];
}

/** An uploaded file as the route hands it over. */
export interface Upload {
  bytes: Buffer;
  name: string;
  type?: string;
}

export class RectificationService {
  constructor(
    private readonly store: Store,
    private readonly rubrics: RubricService,
    private readonly access: Access,
    private readonly render: Renderer,
    private readonly now: () => Date,
  ) {}

  private today(): string {
    return chinaDate(this.now());
  }

  // ---- Finalizing an inspection ----

  /** The orders a finalized inspection opens and closes; none for a self-check. */
  async followUp(rec: AssessmentRecord): Promise<FinalizeFollowUp | undefined> {
    if (rec.origin !== 'inspection') return undefined;
    const rubric = await this.rubrics.pinned(rec);
    // The deadline counts from the day after the inspection; without its date, from the day after it is finalized.
    return followUpOf(rubric, rec.assessment, rec.assessment.inspected_on ?? this.today());
  }

  /**
   * The unit's exemptions on a rubric that matter for a period, judged on the inspection's date (else the period's
   * last day): valid ones, and for other indicators the latest that has expired, to be listed as expired.
   */
  async exemptionsFor(unit: string, rubric: string, period: string, inspectedOn?: string): Promise<AssessOptions> {
    let day: string;
    try {
      day = inspectedOn && validDate(inspectedOn) ? inspectedOn : periodDays(period).last;
    } catch {
      return {};
    }
    const all = (await this.store.rectification.listExemptions({ units: [unit], rubric })).filter((e) => e.revoked_at === null || chinaDate(new Date(e.revoked_at)) > day);
    const valid = all.filter((e) => exemptionHolds(e, day));
    const covered = new Set(valid.map((e) => e.indicator));
    const expired = new Map<string, ExemptionRecord>();
    for (const e of all) if (e.expires_on < day && !covered.has(e.indicator) && (expired.get(e.indicator)?.expires_on ?? '') < e.expires_on) expired.set(e.indicator, e);
    const input = (e: ExemptionRecord, status: ExemptionInput['status']): ExemptionInput => ({ id: e.id, indicator: e.indicator, kind: e.kind, reason: e.reason, approved_by: e.approved_by, expires_on: e.expires_on, status });
    const exemptions = [...valid.map((e) => input(e, 'valid')), ...[...expired.values()].map((e) => input(e, 'expired'))];
    return exemptions.length ? { exemptions } : {};
  }

  /** The exemptions a form should score with, for a unit the actor may read. */
  async applicable(q: { unit: string; rubric: string; period: string; inspected_on?: string }, actor: Principal): Promise<ExemptionInput[]> {
    await this.access.unit(actor, q.unit, 'read');
    return [...((await this.exemptionsFor(q.unit, q.rubric, q.period, q.inspected_on)).exemptions ?? [])];
  }

  // ---- Orders ----

  async list(f: OrderListFilter, actor: Principal): Promise<OrderView[]> {
    const units = await this.unitsInScope(f, actor);
    const status = f.status === 'overdue' ? 'open' : f.status;
    const orders = await this.store.rectification.listOrders({ ...(units ? { units } : {}), ...(f.rubric ? { rubric: f.rubric } : {}), ...(status ? { status } : {}) });
    const views = await this.views(orders);
    return f.status === 'overdue' ? views.filter((v) => v.overdue === true) : views;
  }

  async get(id: string, actor: Principal): Promise<OrderDetail> {
    const o = await this.order(id, actor, 'read');
    const [view] = await this.views([o]);
    const [history, evidence] = await Promise.all([this.store.rectification.orderHistory(id), this.store.rectification.listEvidence('order', [id])]);
    return { ...view!, history, evidence };
  }

  /** One step of the state machine, by someone whose role takes it, with the note it needs. */
  async step(id: string, step: string, body: { note?: unknown } | null | undefined, actor: Principal): Promise<OrderDetail> {
    if (!STEP_IDS.includes(step as Step)) fail('NOT_FOUND', `没有“${step}”这一步（可用：${STEP_IDS.join('、')}）`);
    const rule = STEPS[step as Step];
    const o = await this.order(id, actor, rule.action);
    const to = next(o.status, step as Step);
    if ('refused' in to) fail('CONFLICT', to.refused);
    const note = body?.note;
    if (note !== undefined && typeof note !== 'string') fail('BAD_REQUEST', '说明（note）应为文字', [{ code: 'SCHEMA', path: '/note', message: '说明（note）应为文字' }]);
    const text = typeof note === 'string' ? note.trim() : '';
    if (rule.needs && text === '') {
      const message = rule.needs === 'note' ? '提交整改报告须写明整改情况（note）' : '复查未通过须写明原因（note）';
      fail('BAD_REQUEST', message, [{ code: 'SCHEMA', path: '/note', message }]);
    }
    if (text.length > 2000) fail('BAD_REQUEST', '说明不超过 2000 字', [{ code: 'SCHEMA', path: '/note', message: '说明不超过 2000 字' }]);
    this.refuseControl({ note: text });
    await this.store.rectification.stepOrder(id, {
      action: stepAction(step as Step), from: rule.from, to: rule.to, at: this.now().toISOString(), by: actor.name,
      ...(text ? { note: text } : {}), needsEvidence: step === 'submit' && o.evidence_required,
    });
    return this.get(id, actor);
  }

  /** The order an actor may act on; out of scope it does not exist. */
  private async order(id: string, actor: Principal, action: 'read' | 'rectify' | 'review'): Promise<OrderRecord> {
    const o = (await this.store.rectification.getOrder(id)) ?? fail('NOT_FOUND', `找不到整改事项 ${id}`);
    await this.access.unit(actor, o.unit, action);
    return o;
  }

  private async views(orders: readonly OrderRecord[]): Promise<OrderView[]> {
    const today = this.today();
    const names = new Map<string, string>();
    const exemptions = new Map<string, ExemptionRecord[]>();
    for (const o of orders) {
      if (!names.has(o.unit)) names.set(o.unit, (await this.store.getUnit(o.unit))?.name ?? o.unit);
      if (!exemptions.has(o.unit)) exemptions.set(o.unit, await this.store.rectification.listExemptions({ units: [o.unit] }));
    }
    return orders.map((o) => orderView(o, names.get(o.unit)!, today, exemptions.get(o.unit)!));
  }

  /** A county's subtree or one unit, else everything the actor sees (undefined: everything). */
  private async unitsInScope(f: { county?: string; unit?: string }, actor: Principal): Promise<string[] | undefined> {
    const inCounty = f.county ? await this.access.readableSubtree(actor, f.county) : undefined;
    if (f.unit) {
      await this.access.unit(actor, f.unit, 'read');
      return inCounty && !inCounty.includes(f.unit) ? [] : [f.unit];
    }
    return inCounty ?? (await this.access.visible(actor));
  }

  // ---- Outputs ----

  /** The county's 整改台账: per unit, the orders open, overdue and closed, with days overdue. */
  async ledger(county: string, rubricId: string | undefined, actor: Principal): Promise<Report<RectificationLedger & { evidence: EvidenceRecord[] }>> {
    const units = await this.access.readableSubtree(actor, county);
    const rubric = rubricId ? this.rubrics.get(rubricId) : undefined;
    const orders = await this.store.rectification.listOrders({ units, ...(rubric ? { rubric: rubric.id } : {}) });
    const c = (await this.store.getUnit(county))!;
    const tree = await this.store.subtree(county);
    const ledger = buildLedger(await this.views(orders), tree, { code: c.code, name: c.name }, rubric ? { id: rubric.id, title: rubric.title } : null, this.today());
    const data = { ...ledger, evidence: await this.store.rectification.listEvidence('order', orders.map((o) => o.id)) };
    return { data, workbook: () => this.render.ledger(data) };
  }

  /** A unit's 整改通知书: its open orders (or those one inspection opened), with deadlines and signature lines. */
  async notice(unit: string, assessment: string | undefined, actor: Principal): Promise<{ data: RectificationNotice & { evidence: EvidenceRecord[] }; workbook(): Promise<Download> }> {
    await this.access.unit(actor, unit, 'read');
    const u = (await this.store.getUnit(unit)) ?? fail('NOT_FOUND', `找不到单位 ${unit}`);
    const orders = await this.store.rectification.listOrders({ units: [unit], ...(assessment ? { assessment } : { status: 'open' }) });
    if (orders.length === 0) fail('NOT_FOUND', assessment ? `考核记录 ${assessment} 没有给单位 ${u.name} 开出整改事项` : `单位 ${u.name} 没有未销号的整改事项`);
    const sources: RectificationNotice['sources'] = [];
    for (const id of new Set(orders.map((o) => o.assessment))) {
      const rec = await this.store.getAssessment(id);
      if (!rec) continue;
      const title = this.rubrics.all.get(rec.rubric.id)?.title ?? rec.rubric.id;
      sources.push({ id, period: rec.period, inspected_on: rec.assessment.inspected_on ?? null, inspector: rec.assessment.inspector ?? null, rubric: { id: rec.rubric.id, title } });
    }
    const data = {
      unit: { code: u.code, name: u.name, level: u.level }, issued_on: this.today(), sources, orders: await this.views(orders),
      evidence: await this.store.rectification.listEvidence('order', orders.map((o) => o.id)),
    };
    return { data, workbook: () => this.render.notice(data) };
  }

  /** Per unit, of the orders found up to `upTo` (a report's last day), those open and overdue today. */
  async counts(units: readonly string[], rubric: string, upTo: string): Promise<{ as_of: string; counts: Record<string, UnitCounts> }> {
    const orders = await this.store.rectification.listOrders({ units, rubric });
    const exemptions = await this.store.rectification.listExemptions({ units, rubric });
    return { as_of: this.today(), counts: countsOn(orders, exemptions, upTo, this.today()) };
  }

  // ---- Exemptions ----

  async grant(input: unknown, actor: Principal): Promise<ExemptionView> {
    const b = (input ?? {}) as Record<string, unknown>;
    if (typeof b.unit === 'string') await this.access.unit(actor, b.unit, 'review');
    else fail('BAD_REQUEST', '须写明单位（unit）', [{ code: 'SCHEMA', path: '/unit', message: '缺少单位代码' }]);
    const problems: Problem[] = [];
    const unit = await this.store.getUnit(b.unit as string);
    const rubric = typeof b.rubric === 'string' ? this.rubrics.all.get(b.rubric) : undefined;
    if (!rubric) problems.push({ code: 'SCHEMA', path: '/rubric', message: `找不到评分标准“${String(b.rubric ?? '')}”` });
    const ind = rubric && typeof b.indicator === 'string' ? rubric.byId.get(b.indicator) : undefined;
    if (rubric && !ind) problems.push({ code: 'UNKNOWN_INDICATOR', path: '/indicator', message: `评分标准“${rubric.title}”没有指标“${String(b.indicator ?? '')}”` });
    if (ind && unit && !ind.levels.includes(unit.level)) problems.push({ code: 'NOT_FOR_LEVEL', path: '/indicator', message: `指标 ${ind.id} 本就不适用于${unit.name}，无需豁免` });
    if (!KINDS.includes(b.kind as ExemptionKind)) problems.push({ code: 'SCHEMA', path: '/kind', message: '类型（kind）应为 defer（暂缓）或 waive（豁免）' });
    if (typeof b.reason !== 'string' || b.reason.trim() === '') problems.push({ code: 'SCHEMA', path: '/reason', message: '须写明豁免原因（reason）' });
    const starts = b.starts_on === undefined ? this.today() : b.starts_on;
    if (!validDate(starts)) problems.push({ code: 'SCHEMA', path: '/starts_on', message: '开始日期（starts_on）应为 YYYY-MM-DD' });
    if (!validDate(b.expires_on)) problems.push({ code: 'SCHEMA', path: '/expires_on', message: '到期日期（expires_on）应为 YYYY-MM-DD' });
    else if (validDate(starts) && b.expires_on < starts) problems.push({ code: 'SCHEMA', path: '/expires_on', message: `到期日期 ${b.expires_on} 早于开始日期 ${starts}` });
    else if (b.expires_on < this.today()) problems.push({ code: 'SCHEMA', path: '/expires_on', message: `到期日期 ${b.expires_on} 已过（今天是 ${this.today()}）` });
    problems.push(...controlCharacterProblems({ reason: b.reason }));
    if (problems.length) fail('BAD_REQUEST', `豁免申请有 ${problems.length} 处问题`, problems);
    const rec = await this.store.rectification.createExemption({
      unit: unit!.code, rubric: rubric!.id, indicator: ind!.id, kind: b.kind as ExemptionKind, reason: (b.reason as string).trim(),
      approved_by: actor.name, granted_at: this.now().toISOString(), starts_on: starts as string, expires_on: b.expires_on as string,
    });
    return this.exemptionView(rec);
  }

  async revoke(id: string, reason: unknown, actor: Principal): Promise<ExemptionView> {
    const e = (await this.store.rectification.getExemption(id)) ?? fail('NOT_FOUND', `找不到豁免 ${id}`);
    await this.access.unit(actor, e.unit, 'review');
    if (typeof reason !== 'string' || reason.trim() === '') fail('BAD_REQUEST', '撤销豁免须写明原因（reason）', [{ code: 'SCHEMA', path: '/reason', message: '须写明撤销原因' }]);
    this.refuseControl({ reason });
    return this.exemptionView(await this.store.rectification.revokeExemption(id, actor.name, this.now().toISOString(), (reason as string).trim()));
  }

  async exemptions(f: { county?: string; unit?: string; rubric?: string }, actor: Principal): Promise<ExemptionView[]> {
    const units = await this.unitsInScope(f, actor);
    return (await this.store.rectification.listExemptions({ ...(units ? { units } : {}), ...(f.rubric ? { rubric: f.rubric } : {}) })).map((e) => this.exemptionView(e));
  }

  private exemptionView(e: ExemptionRecord): ExemptionView {
    const today = this.today();
    const state = e.revoked_at !== null && chinaDate(new Date(e.revoked_at)) <= today ? 'revoked' : e.starts_on > today ? 'pending' : e.expires_on < today ? 'expired' : 'valid';
    return { ...e, state };
  }

  // ---- Evidence ----

  /** A file for an indicator of a record, while the record is a draft its author may write. */
  async attachToAssessment(id: string, indicator: string | undefined, file: Upload, actor: Principal, uploader?: string): Promise<EvidenceRecord> {
    const rec = (await this.store.getAssessment(id)) ?? fail('NOT_FOUND', `找不到考核记录 ${id}`);
    await this.access.record(actor, rec, 'write');
    if (!indicator || !rec.assessment.results.some((r) => r.id === indicator)) {
      fail('BAD_REQUEST', `须写明佐证材料所证明的指标（indicator），且为本记录评分标准中的指标`, [{ code: 'UNKNOWN_INDICATOR', path: '/indicator', message: `指标“${indicator ?? ''}”不在本记录中` }]);
    }
    return this.attach('assessment', id, indicator!, file, actor, uploader);
  }

  /** A file for an order's report, by those who report on it, while it is being worked on. */
  async attachToOrder(id: string, file: Upload, actor: Principal, uploader?: string): Promise<EvidenceRecord> {
    await this.order(id, actor, 'rectify');
    return this.attach('order', id, null, file, actor, uploader);
  }

  private async attach(kind: 'assessment' | 'order', target: string, indicator: string | null, file: Upload, actor: Principal, uploader?: string): Promise<EvidenceRecord> {
    const name = file.name.trim() || 'file';
    this.refuseControl({ name });
    if (name.length > 200) fail('BAD_REQUEST', '文件名不超过 200 个字符');
    const checked = await checkEvidenceIsolated(file.bytes, name, file.type, uploader ? { owner: uploader } : {});
    const { record } = await this.store.rectification.addEvidence({
      sha256: evidenceHashOf(file.bytes), bytes: file.bytes, media_type: checked.type, name, target_kind: kind, target_id: target, indicator,
      location: checked.location, uploaded_at: this.now().toISOString(), uploaded_by: actor.name, maxTotalBytes: EVIDENCE_LIMITS.totalBytes,
    });
    return record;
  }

  /** A record's files, its earlier revisions' included (a correction does not lose the evidence of the original). */
  async evidenceOfAssessment(id: string, actor: Principal): Promise<EvidenceRecord[]> {
    const rec = (await this.store.getAssessment(id)) ?? fail('NOT_FOUND', `找不到考核记录 ${id}`);
    await this.access.record(actor, rec, 'read');
    return this.evidenceChain(rec);
  }

  /** For reports: the files of a record and of the revisions it supersedes, newest revision first. */
  async evidenceChain(rec: AssessmentRecord): Promise<EvidenceRecord[]> {
    const ids = [rec.id];
    for (let r: AssessmentRecord | null = rec; r?.supersedes && ids.length < 100; ) {
      ids.push(r.supersedes);
      r = await this.store.getAssessment(r.supersedes);
    }
    return this.store.rectification.listEvidence('assessment', ids);
  }

  /** A file, for someone who may read what it is attached to. */
  async download(id: string, actor: Principal): Promise<{ record: EvidenceRecord; bytes: Buffer }> {
    const e = (await this.store.rectification.getEvidence(id)) ?? fail('NOT_FOUND', `找不到佐证材料 ${id}`);
    if (e.target_kind === 'assessment') {
      const rec = (await this.store.getAssessment(e.target_id)) ?? fail('NOT_FOUND', `找不到佐证材料 ${id}`);
      await this.access.record(actor, rec, 'read');
    } else await this.order(e.target_id, actor, 'read');
    const bytes = (await this.store.rectification.evidenceBytes(e.sha256)) ?? fail('NOT_FOUND', `找不到佐证材料 ${id} 的文件`);
    return { record: e, bytes };
  }

  private refuseControl(value: Record<string, unknown>): void {
    const problems = controlCharacterProblems(value);
    if (problems.length) fail('BAD_REQUEST', `有 ${problems.length} 处含不可见的控制字符或文字方向控制符，请删除后重新提交`, problems);
  }

  /** The deadline an inspection on `startsOn` would set, for a rubric: shown before finalizing. */
  deadline(rubricId: string, startsOn: string): { due_on: string } | { problem: string } {
    if (!validDate(startsOn)) fail('BAD_REQUEST', '日期应为 YYYY-MM-DD', [{ code: 'SCHEMA', path: '/from', message: '日期应为 YYYY-MM-DD' }]);
    return dueDate(startsOn, this.rubrics.get(rubricId).rectification.deadlineWorkdays);
  }
}

export const ORDER_FILTER_STATUSES = [...ORDER_STATUSES, 'open', 'overdue'] as const;

