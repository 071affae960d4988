// Verification of orders, exemptions and evidence against the record chain (verify.ts calls this after the chain
// itself checks out). Both ways, as for the other tables: every row is backed by its entries, with each column that
// matters either hashed or re-derived from them, and everything the chain created still exists. Evidence bytes are
// hashed again, so a file swapped in the database is named.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical.js';
import type { OrderContent } from '../domain/rectification.js';
import type { Pacer } from '../turns.js';
import { orderContentHash } from './rectification.js';
import { differs, pages, type Row } from './rows.js';

const PAGE = 200;

interface Said {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload: Record<string, unknown>;
}

interface Readable {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Bad {
  seq: number | null;
  target?: string;
  reason: string;
}

/** What the chain says about orders, exemptions and evidence. */
export class RectificationLedger {
  readonly orders = new Map<string, { open: Said; steps: Said[] }>();
  readonly exemptions = new Map<string, { grant: Said; revoke?: Said }>();
  readonly evidence = new Map<string, Said>();
  /** Blob hash → the first entry that attached it. */
  readonly blobs = new Map<string, number>();

  take(seq: number, at: string, actor: string, action: string, target: string, payload: unknown): void {
    const said: Said = { seq, at, actor, action, payload: (payload ?? {}) as Record<string, unknown> };
    if (action === 'rectification.open') this.orders.set(target, { open: said, steps: [] });
    // A finding made again changes nothing stored; every other step moves the order.
    else if (action.startsWith('rectification.') && action !== 'rectification.recur') this.orders.get(target)?.steps.push(said);
    else if (action === 'exemption.grant') this.exemptions.set(target, { grant: said });
    else if (action === 'exemption.revoke') {
      const e = this.exemptions.get(target);
      if (e) e.revoke = said;
    } else if (action === 'evidence.attach') {
      this.evidence.set(target, said);
      const sha = String(said.payload.sha256);
      if (!this.blobs.has(sha)) this.blobs.set(sha, seq);
    }
  }
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const mismatch = (noun: string, id: string, col: string, have: unknown, want: unknown): string =>
  `${noun} ${id} 的 ${col} 与记录链不符：数据库中为“${text(have)}”，应为“${text(want)}”`;

export async function verifyRectification(db: Readable, ledger: RectificationLedger, pacer: Pacer): Promise<Bad | undefined> {
  return (await orders(db, ledger, pacer)) ?? (await exemptions(db, ledger, pacer)) ?? (await evidence(db, ledger, pacer)) ?? (await blobs(db, ledger, pacer));
}

async function orders(db: Readable, ledger: RectificationLedger, pacer: Pacer): Promise<Bad | undefined> {
  const seen = new Set<string>();
  for await (const r of pages(db, 'rectification_orders', 'id', pacer, PAGE)) {
    const id = String(r.id);
    seen.add(id);
    const made = ledger.orders.get(id);
    if (!made) return { seq: null, target: id, reason: `整改事项 ${id} 在记录链中没有登记（被直接写入数据库）` };
    let hash: string | null = null;
    try {
      hash = orderContentHash(JSON.parse(String(r.content)) as OrderContent);
    } catch {
      // unreadable content is a mismatch like any other
    }
    if (hash === null || hash !== made.open.payload.content_hash || hash !== String(r.content_hash)) return { seq: null, target: id, reason: `整改事项 ${id} 的内容与记录链中登记的指纹不符（被改动）` };
    const p = made.open.payload;
    const last = made.steps.at(-1);
    const closed = made.steps.find((s) => s.payload.to === 'closed');
    const expected: Record<string, unknown> = {
      assessment_id: p.assessment, unit_code: p.unit, rubric_id: p.rubric, period: p.period, indicator_id: p.indicator, starts_on: p.starts_on, workdays: p.workdays,
      created_at: made.open.at, created_by: made.open.actor,
      status: last ? last.payload.to : 'pending', updated_at: last?.at ?? made.open.at, updated_by: last?.actor ?? made.open.actor,
      closed_at: closed?.at ?? null, closed_by: closed?.actor ?? null, closed_by_assessment: closed?.payload.by_assessment ?? null,
    };
    const wrong = differs(r, expected);
    if (wrong) return { seq: null, target: id, reason: mismatch('整改事项', id, wrong, r[wrong], expected[wrong]) };
  }
  for (const [id, made] of ledger.orders) if (!seen.has(id)) return { seq: null, target: id, reason: `整改事项 ${id} 已在记录链第 ${made.open.seq} 条登记，却不在数据库中（被删除）` };
  return undefined;
}

async function exemptions(db: Readable, ledger: RectificationLedger, pacer: Pacer): Promise<Bad | undefined> {
  const seen = new Set<string>();
  for await (const r of pages(db, 'exemptions', 'id', pacer, PAGE)) {
    const id = String(r.id);
    seen.add(id);
    const e = ledger.exemptions.get(id);
    if (!e) return { seq: null, target: id, reason: `豁免 ${id} 在记录链中没有登记（被直接写入数据库）` };
    const p = e.grant.payload;
    const expected: Record<string, unknown> = {
      unit_code: p.unit, rubric_id: p.rubric, indicator_id: p.indicator, kind: p.kind, reason: p.reason, starts_on: p.starts_on, expires_on: p.expires_on,
      approved_by: e.grant.actor, granted_at: e.grant.at,
      revoked_at: e.revoke?.at ?? null, revoked_by: e.revoke?.actor ?? null, revoke_reason: e.revoke?.payload.reason ?? null,
    };
    const wrong = differs(r, expected);
    if (wrong) return { seq: null, target: id, reason: mismatch('豁免', id, wrong, r[wrong], expected[wrong]) };
  }
  for (const [id, e] of ledger.exemptions) if (!seen.has(id)) return { seq: null, target: id, reason: `豁免 ${id} 已在记录链第 ${e.grant.seq} 条登记，却不在数据库中（被删除）` };
  return undefined;
}

async function evidence(db: Readable, ledger: RectificationLedger, pacer: Pacer): Promise<Bad | undefined> {
  const seen = new Set<string>();
  for await (const r of pages(db, 'evidence', 'id', pacer, PAGE)) {
    const id = String(r.id);
    seen.add(id);
    const e = ledger.evidence.get(id);
    if (!e) return { seq: null, target: id, reason: `佐证材料 ${id} 在记录链中没有登记（被直接写入数据库）` };
    const p = e.payload;
    const expected: Record<string, unknown> = {
      sha256: p.sha256, target_kind: p.target_kind, target_id: p.target_id, indicator_id: p.indicator ?? null, name: p.name, media_type: p.media_type, size: p.size,
      uploaded_at: e.at, uploaded_by: e.actor,
    };
    const wrong = differs(r, expected);
    if (wrong) return { seq: null, target: id, reason: mismatch('佐证材料', id, wrong, r[wrong], expected[wrong]) };
    let location: string | null = null;
    try {
      location = canonicalJson(r.location === null || r.location === undefined ? null : JSON.parse(String(r.location)));
    } catch {
      // unreadable: a mismatch
    }
    if (location !== canonicalJson(p.location ?? null)) return { seq: null, target: id, reason: `佐证材料 ${id} 的拍摄位置（location）与记录链不符（被改动）` };
  }
  for (const [id, e] of ledger.evidence) if (!seen.has(id)) return { seq: null, target: id, reason: `佐证材料 ${id} 已在记录链第 ${e.seq} 条登记，却不在数据库中（被删除）` };
  return undefined;
}

/** Each file's bytes hash to its key and are as long as recorded; each was attached through the chain, and each attached one is there. */
async function blobs(db: Readable, ledger: RectificationLedger, pacer: Pacer): Promise<Bad | undefined> {
  const seen = new Set<string>();
  // Keys first, then one file at a time: files run to megabytes.
  for await (const k of pages(db, '(SELECT sha256, size FROM evidence_blobs) b', 'sha256', pacer, 500)) {
    const sha = String(k.sha256);
    seen.add(sha);
    if (!ledger.blobs.has(sha)) return { seq: null, target: sha, reason: `佐证文件 ${sha} 没有任何登记在记录链中的上传（被直接写入数据库）` };
    const [r] = await db.all('SELECT bytes FROM evidence_blobs WHERE sha256 = ?', [sha]);
    const bytes = r?.bytes as Uint8Array | undefined;
    const actual = bytes ? `sha256:${createHash('sha256').update(bytes).digest('hex')}` : null;
    if (actual !== sha || Number(k.size) !== bytes!.byteLength) return { seq: null, target: sha, reason: `佐证文件 ${sha} 的内容与其指纹不符（被替换或改动）` };
    await pacer.pace();
  }
  for (const [sha, seq] of ledger.blobs) if (!seen.has(sha)) return { seq: null, target: sha, reason: `佐证文件 ${sha} 已在记录链第 ${seq} 条登记上传，却不在数据库中（被删除）` };
  return undefined;
}
