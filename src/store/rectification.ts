// The store's part for what follows an inspection: rectification orders, exemptions and evidence. Written over the
// same adapter and transactions as the rest of the store (sql.ts), and every write appends its entry to the record
// chain inside its transaction. Evidence is content-addressed: the bytes live once in evidence_blobs, keyed by their
// sha256, whatever number of records or orders they are attached to.
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, sha256 } from '../canonical.js';
import type { AssessmentRecord, LogEntry } from '../domain/records.js';
import type { EvidenceRecord, EvidenceTarget, ExemptionRecord, FinalizeFollowUp, NewOrder, OrderContent, OrderRecord, OrderStatus } from '../domain/rectification.js';
import { AuditError } from '../errors.js';
import { logEntry, type Row } from './rows.js';
import type { Dialect } from './types.js';

/** What the store's transactions hand out (sql.ts's Queryable). */
interface Q {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}
interface Db {
  readonly dialect: Dialect;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  transaction<T>(fn: (q: Q) => Promise<T>): Promise<T>;
}
/** The class of advisory locks a finalize's follow-up takes on PostgreSQL, one per unit and rubric ("rf"). */
const FOLLOW_UP_LOCK = 0x7266;

export type Append = (q: Q, e: { at: string; actor: string; action: string; target: string; payload: unknown }) => Promise<void>;

export interface OrderFilter {
  units?: readonly string[];
  rubric?: string;
  /** 'open': every status but closed. */
  status?: OrderStatus | 'open';
  assessment?: string;
}

export interface ExemptionFilter {
  units?: readonly string[];
  rubric?: string;
}

/** A step on an order, as the service has authorized it. */
export interface OrderStep {
  /** The audit action, rectification.<step>. */
  action: string;
  from: readonly OrderStatus[];
  to: OrderStatus;
  at: string;
  by: string;
  note?: string;
  /** submit: the evidence must include at least one file. */
  needsEvidence?: boolean;
}

export interface NewEvidence {
  sha256: string;
  bytes: Uint8Array;
  media_type: EvidenceRecord['media_type'];
  name: string;
  target_kind: EvidenceTarget;
  target_id: string;
  indicator: string | null;
  location: EvidenceRecord['location'];
  uploaded_at: string;
  uploaded_by: string;
  /** The most all files of the target may add up to, checked inside the transaction. */
  maxTotalBytes: number;
}

export interface RectificationStore {
  listOrders(filter?: OrderFilter): Promise<OrderRecord[]>;
  getOrder(id: string): Promise<OrderRecord | null>;
  /** Every entry of the chain about the order, oldest first: its history. */
  orderHistory(id: string): Promise<LogEntry[]>;
  stepOrder(id: string, step: OrderStep): Promise<OrderRecord>;
  createExemption(e: Omit<ExemptionRecord, 'id' | 'revoked_at' | 'revoked_by' | 'revoke_reason'>): Promise<ExemptionRecord>;
  revokeExemption(id: string, by: string, at: string, reason: string): Promise<ExemptionRecord>;
  getExemption(id: string): Promise<ExemptionRecord | null>;
  listExemptions(filter?: ExemptionFilter): Promise<ExemptionRecord[]>;
  /** Stores the bytes once (by hash) and attaches them; `stored` says whether these bytes were new. */
  addEvidence(e: NewEvidence): Promise<{ record: EvidenceRecord; stored: boolean }>;
  listEvidence(kind: EvidenceTarget, targets: readonly string[]): Promise<EvidenceRecord[]>;
  getEvidence(id: string): Promise<EvidenceRecord | null>;
  evidenceBytes(sha: string): Promise<Buffer | null>;
}

const conflict = (message: string) => new AuditError('CONFLICT', message, [{ code: 'SCHEMA', path: '', message }]);
const notFound = (message: string) => new AuditError('NOT_FOUND', message, [{ code: 'SCHEMA', path: '', message }]);

/** The order content its create entry pins. */
export const orderContentHash = (c: OrderContent): string => sha256(canonicalJson(c));
const contentOf = (o: NewOrder): OrderContent => ({ title: o.title, requirement: o.requirement, finding: o.finding, escalation: o.escalation, evidence_required: o.evidence_required });

export const evidenceHash = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function orderRow(r: Row): OrderRecord {
  const content = JSON.parse(String(r.content)) as OrderContent;
  return {
    id: String(r.id),
    assessment: String(r.assessment_id),
    unit: String(r.unit_code),
    rubric: String(r.rubric_id),
    period: String(r.period),
    indicator: String(r.indicator_id),
    starts_on: String(r.starts_on),
    workdays: Number(r.workdays),
    ...content,
    status: r.status as OrderStatus,
    created_at: String(r.created_at),
    created_by: String(r.created_by),
    updated_at: String(r.updated_at),
    updated_by: String(r.updated_by),
    closed_at: str(r.closed_at),
    closed_by: str(r.closed_by),
    closed_by_assessment: str(r.closed_by_assessment),
    content_hash: String(r.content_hash),
  };
}

export const exemptionRow = (r: Row): ExemptionRecord => ({
  id: String(r.id),
  unit: String(r.unit_code),
  rubric: String(r.rubric_id),
  indicator: String(r.indicator_id),
  kind: r.kind as ExemptionRecord['kind'],
  reason: String(r.reason),
  approved_by: String(r.approved_by),
  granted_at: String(r.granted_at),
  starts_on: String(r.starts_on),
  expires_on: String(r.expires_on),
  revoked_at: str(r.revoked_at),
  revoked_by: str(r.revoked_by),
  revoke_reason: str(r.revoke_reason),
});

export const evidenceRow = (r: Row): EvidenceRecord => ({
  id: String(r.id),
  sha256: String(r.sha256),
  target_kind: r.target_kind as EvidenceTarget,
  target_id: String(r.target_id),
  indicator: str(r.indicator_id),
  name: String(r.name),
  media_type: r.media_type as EvidenceRecord['media_type'],
  size: Number(r.size),
  location: r.location === null || r.location === undefined ? null : (JSON.parse(String(r.location)) as EvidenceRecord['location']),
  uploaded_at: String(r.uploaded_at),
  uploaded_by: String(r.uploaded_by),
});

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The WHERE terms of a filter by units (non-empty) and rubric, for the caller to add to. */
function unitAndRubric(f: { units?: readonly string[]; rubric?: string }): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.units) (where.push(`unit_code IN (${inList(f.units.length)})`), params.push(...f.units));
  if (f.rubric) (where.push('rubric_id = ?'), params.push(f.rubric));
  return { where, params };
}

export class RectificationTables implements RectificationStore {
  constructor(
    private readonly db: Db,
    private readonly log: Append,
  ) {}

  /**
   * Inside a finalize's transaction: closes the open orders of indicators the inspection found met (those of its
   * period or earlier), and opens one for each finding not already under an open order; a finding that is, is
   * recorded on that order as found again.
   */
  async followUp(q: Q, rec: AssessmentRecord, f: FinalizeFollowUp, at: string, by: string): Promise<void> {
    // PostgreSQL: two inspections of one unit finalized at once would each find no open order for a finding and
    // both open one. They take turns on the unit and rubric (SQLite's single writer does this by itself).
    if (this.db.dialect === 'postgres') await q.all('SELECT pg_advisory_xact_lock(?, hashtext(?))', [FOLLOW_UP_LOCK, `${rec.unit}/${rec.rubric.id}`]);
    const open = new Map((await q.all("SELECT * FROM rectification_orders WHERE unit_code = ? AND rubric_id = ? AND status <> 'closed' ORDER BY created_at, id", [rec.unit, rec.rubric.id])).map((r) => [String(r.indicator_id), orderRow(r)]));
    for (const indicator of f.met) {
      const o = open.get(indicator);
      if (!o || rec.period < o.period) continue;
      await q.run("UPDATE rectification_orders SET status = 'closed', updated_at = ?, updated_by = ?, closed_at = ?, closed_by = ?, closed_by_assessment = ? WHERE id = ?", [at, by, at, by, rec.id, o.id]);
      await this.log(q, { at, actor: by, action: 'rectification.close', target: o.id, payload: { from: o.status, to: 'closed', by_assessment: rec.id, period: rec.period } });
    }
    for (const n of f.orders) {
      const o = open.get(n.indicator);
      if (o) {
        await this.log(q, { at, actor: by, action: 'rectification.recur', target: o.id, payload: { by_assessment: rec.id, period: rec.period, reason: n.finding.reason } });
        continue;
      }
      const content = contentOf(n);
      const hash = orderContentHash(content);
      const id = randomUUID();
      await q.run(
        `INSERT INTO rectification_orders (id, assessment_id, unit_code, rubric_id, period, indicator_id, starts_on, workdays, content, content_hash, status,
          created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        [id, rec.id, rec.unit, rec.rubric.id, rec.period, n.indicator, f.startsOn, f.workdays, JSON.stringify(content), hash, at, by, at, by],
      );
      await this.log(q, {
        at, actor: by, action: 'rectification.open', target: id,
        payload: { assessment: rec.id, unit: rec.unit, rubric: rec.rubric.id, period: rec.period, indicator: n.indicator, starts_on: f.startsOn, workdays: f.workdays, content_hash: hash },
      });
    }
  }

  async listOrders(f: OrderFilter = {}): Promise<OrderRecord[]> {
    if (f.units?.length === 0) return [];
    const { where, params } = unitAndRubric(f);
    if (f.assessment) (where.push('assessment_id = ?'), params.push(f.assessment));
    if (f.status === 'open') where.push("status <> 'closed'");
    else if (f.status) (where.push('status = ?'), params.push(f.status));
    const rows = await this.db.all(`SELECT * FROM rectification_orders${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY unit_code, period, created_at, indicator_id`, params);
    return rows.map(orderRow);
  }

  async getOrder(id: string): Promise<OrderRecord | null> {
    const [r] = await this.db.all('SELECT * FROM rectification_orders WHERE id = ?', [id]);
    return r ? orderRow(r) : null;
  }

  async orderHistory(id: string): Promise<LogEntry[]> {
    return (await this.db.all('SELECT * FROM audit_log WHERE target = ? ORDER BY seq', [id])).map(logEntry).filter((e) => e.action.startsWith('rectification.'));
  }

  async stepOrder(id: string, s: OrderStep): Promise<OrderRecord> {
    return this.db.transaction(async (q) => {
      const [r] = await q.all('SELECT * FROM rectification_orders WHERE id = ?', [id]);
      if (!r) throw notFound(`找不到整改事项 ${id}`);
      const o = orderRow(r);
      // The caller judged the step on the status it read; another step may have come first.
      if (!s.from.includes(o.status)) throw conflict(`整改事项 ${id} 在此期间已变为“${o.status}”，请重新读取后再操作`);
      const payload: Record<string, unknown> = { from: o.status, to: s.to, ...(s.note !== undefined ? { note: s.note } : {}) };
      if (s.action === 'rectification.submit') {
        // The report carries the files attached since the previous report, each pinned by its hash.
        const reported = new Set((await this.orderHistoryIn(q, id)).filter((e) => e.action === 'rectification.submit').flatMap((e) => ((e.payload as { evidence?: Array<{ id: string }> }).evidence ?? []).map((x) => x.id)));
        const files = (await q.all("SELECT * FROM evidence WHERE target_kind = 'order' AND target_id = ? ORDER BY uploaded_at, id", [id])).map(evidenceRow).filter((e) => !reported.has(e.id));
        if (s.needsEvidence && files.length === 0) {
          const message = '评分标准要求此项整改报告附佐证材料（照片或文件）：请先上传，再提交';
          throw new AuditError('BAD_REQUEST', message, [{ code: 'SCHEMA', path: '/evidence', message }]);
        }
        payload.evidence = files.map((e) => ({ id: e.id, sha256: e.sha256, name: e.name }));
      }
      const closing = s.to === 'closed';
      await q.run(
        `UPDATE rectification_orders SET status = ?, updated_at = ?, updated_by = ?${closing ? ', closed_at = ?, closed_by = ?' : ''} WHERE id = ?`,
        closing ? [s.to, s.at, s.by, s.at, s.by, id] : [s.to, s.at, s.by, id],
      );
      await this.log(q, { at: s.at, actor: s.by, action: s.action, target: id, payload });
      return { ...o, status: s.to, updated_at: s.at, updated_by: s.by, ...(closing ? { closed_at: s.at, closed_by: s.by } : {}) };
    });
  }

  private async orderHistoryIn(q: Q, id: string): Promise<LogEntry[]> {
    return (await q.all("SELECT * FROM audit_log WHERE target = ? AND action = 'rectification.submit' ORDER BY seq", [id])).map(logEntry);
  }

  async createExemption(e: Omit<ExemptionRecord, 'id' | 'revoked_at' | 'revoked_by' | 'revoke_reason'>): Promise<ExemptionRecord> {
    return this.db.transaction(async (q) => {
      const rec: ExemptionRecord = { ...e, id: randomUUID(), revoked_at: null, revoked_by: null, revoke_reason: null };
      await q.run(
        'INSERT INTO exemptions (id, unit_code, rubric_id, indicator_id, kind, reason, approved_by, granted_at, starts_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [rec.id, rec.unit, rec.rubric, rec.indicator, rec.kind, rec.reason, rec.approved_by, rec.granted_at, rec.starts_on, rec.expires_on],
      );
      const { id: _id, granted_at: _g, approved_by: _a, revoked_at: _r, revoked_by: _b, revoke_reason: _w, ...payload } = rec;
      await this.log(q, { at: rec.granted_at, actor: rec.approved_by, action: 'exemption.grant', target: rec.id, payload });
      return rec;
    });
  }

  async revokeExemption(id: string, by: string, at: string, reason: string): Promise<ExemptionRecord> {
    return this.db.transaction(async (q) => {
      const [r] = await q.all('SELECT * FROM exemptions WHERE id = ?', [id]);
      if (!r) throw notFound(`找不到豁免 ${id}`);
      const e = exemptionRow(r);
      if (e.revoked_at !== null) throw conflict(`豁免 ${id} 已于 ${e.revoked_at} 撤销`);
      await q.run('UPDATE exemptions SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?', [at, by, reason, id]);
      await this.log(q, { at, actor: by, action: 'exemption.revoke', target: id, payload: { reason } });
      return { ...e, revoked_at: at, revoked_by: by, revoke_reason: reason };
    });
  }

  async getExemption(id: string): Promise<ExemptionRecord | null> {
    const [r] = await this.db.all('SELECT * FROM exemptions WHERE id = ?', [id]);
    return r ? exemptionRow(r) : null;
  }

  async listExemptions(f: ExemptionFilter = {}): Promise<ExemptionRecord[]> {
    if (f.units?.length === 0) return [];
    const { where, params } = unitAndRubric(f);
    return (await this.db.all(`SELECT * FROM exemptions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY unit_code, indicator_id, granted_at, id`, params)).map(exemptionRow);
  }

  async addEvidence(e: NewEvidence): Promise<{ record: EvidenceRecord; stored: boolean }> {
    return this.db.transaction(async (q) => {
      const refused = await this.closedTo(q, e.target_kind, e.target_id);
      if (refused) throw conflict(refused);
      const [sum] = await q.all('SELECT COALESCE(SUM(size), 0) AS total, COUNT(*) AS n FROM evidence WHERE target_kind = ? AND target_id = ?', [e.target_kind, e.target_id]);
      const total = Number(sum?.total ?? 0);
      if (total + e.bytes.byteLength > e.maxTotalBytes) {
        const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
        throw new AuditError('TOO_LARGE', `佐证材料总量超出上限：已有 ${mib(total)}，加上本文件 ${mib(e.bytes.byteLength)} 超过每${e.target_kind === 'order' ? '个整改事项' : '条考核记录'} ${mib(e.maxTotalBytes)}`, []);
      }
      // Stored once by hash. Looked for first: SQLite's guard refuses any insert of a present key (what REPLACE would
      // overwrite), before ON CONFLICT could skip it; on PostgreSQL two uploads at once meet the ON CONFLICT.
      const present = (await q.all('SELECT 1 AS x FROM evidence_blobs WHERE sha256 = ?', [e.sha256])).length > 0;
      const stored = !present && (await q.run('INSERT INTO evidence_blobs (sha256, media_type, size, bytes, stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING', [e.sha256, e.media_type, e.bytes.byteLength, Buffer.from(e.bytes), e.uploaded_at])) > 0;
      const record: EvidenceRecord = {
        id: randomUUID(), sha256: e.sha256, target_kind: e.target_kind, target_id: e.target_id, indicator: e.indicator, name: e.name,
        media_type: e.media_type, size: e.bytes.byteLength, location: e.location, uploaded_at: e.uploaded_at, uploaded_by: e.uploaded_by,
      };
      await q.run(
        'INSERT INTO evidence (id, sha256, target_kind, target_id, indicator_id, name, media_type, size, location, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [record.id, record.sha256, record.target_kind, record.target_id, record.indicator, record.name, record.media_type, record.size, record.location ? JSON.stringify(record.location) : null, record.uploaded_at, record.uploaded_by],
      );
      const { id: _id, uploaded_at: _a, uploaded_by: _b, ...payload } = record;
      await this.log(q, { at: record.uploaded_at, actor: record.uploaded_by, action: 'evidence.attach', target: record.id, payload });
      return { record, stored };
    });
  }

  /**
   * Whether a target still takes files, judged inside the transaction: a record while it is a draft (a finalized one
   * is frozen, its evidence with it); an order while it is being worked on (a report pins what it carried).
   */
  private async closedTo(q: Q, kind: EvidenceTarget, id: string): Promise<string | null> {
    if (kind === 'assessment') {
      const [r] = await q.all('SELECT status FROM assessments WHERE id = ?', [id]);
      if (!r) throw notFound(`找不到考核记录 ${id}`);
      return r.status === 'draft' ? null : `考核记录 ${id} 已定稿，不能再添加佐证材料（更正时在新版本上添加）`;
    }
    const [r] = await q.all('SELECT status FROM rectification_orders WHERE id = ?', [id]);
    if (!r) throw notFound(`找不到整改事项 ${id}`);
    return r.status === 'pending' || r.status === 'in_progress' ? null : `整改事项 ${id} 当前为“${r.status === 'closed' ? '已销号' : '已提交'}”，不能再添加佐证材料`;
  }

  async listEvidence(kind: EvidenceTarget, targets: readonly string[]): Promise<EvidenceRecord[]> {
    if (targets.length === 0) return [];
    const rows = await this.db.all(`SELECT * FROM evidence WHERE target_kind = ? AND target_id IN (${inList(targets.length)}) ORDER BY uploaded_at, id`, [kind, ...targets]);
    return rows.map(evidenceRow);
  }

  async getEvidence(id: string): Promise<EvidenceRecord | null> {
    const [r] = await this.db.all('SELECT * FROM evidence WHERE id = ?', [id]);
    return r ? evidenceRow(r) : null;
  }

  async evidenceBytes(sha: string): Promise<Buffer | null> {
    const [r] = await this.db.all('SELECT bytes FROM evidence_blobs WHERE sha256 = ?', [sha]);
    if (!r) return null;
    const b = r.bytes as Uint8Array;
    return Buffer.isBuffer(b) ? b : Buffer.from(b);
  }
}
