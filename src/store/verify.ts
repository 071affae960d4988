// Verification of the whole stored state against the record chain. The chain alone catches an edited, deleted,
// swapped or inserted entry; what it vouches for is then checked row by row, both ways: every record, token, unit
// and rubric snapshot the chain created still exists, and every row is backed by its entries with every column that
// matters either covered by a hash or re-derived and compared. Last, the database's own guards must be there as
// installed. The first thing that does not check out is named.
import { canonicalJson, sha256 } from '../canonical.js';
import type { LogAnchor, LogVerification } from '../domain/records.js';
import { Pacer } from '../turns.js';
import { PG_FUNCTIONS, PG_GUARDS, SQLITE_GUARDS } from './guards.js';
import { contentHash, entryHash, GENESIS, tokenFingerprint } from './hashes.js';
import { differs, pages, parseLogRow, type Row } from './rows.js';
import type { Dialect } from './types.js';
import { RectificationLedger, verifyRectification } from './rectification-verify.js';
import { RECTIFICATION_PG_FUNCTIONS, RECTIFICATION_PG_GUARDS, RECTIFICATION_SQLITE_GUARDS, RECTIFICATION_TABLES } from './rectification-schema.js';

export interface Readable {
  readonly dialect: Dialect;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

const LOG_PAGE = 500;
const ROW_PAGE = 50;

type Bad = NonNullable<LogVerification['firstBad']>;

/** What one entry said about one target. */
interface Said {
  seq: number;
  target: string;
  at: string;
  actor: string;
  payload: Record<string, unknown>;
}

/** What the chain says the state should be. */
class Ledger {
  /** Assessments created (or adopted from before the chain). */
  readonly created = new Map<string, Said & { adopted: boolean }>();
  readonly finalized = new Map<string, Said>();
  /** Superseded record → the amendment that superseded it. */
  readonly amended = new Map<string, Said>();
  /** New record → the record it superseded and why. */
  readonly amends = new Map<string, { old: string; reason: unknown; seq: number }>();
  readonly tokens = new Map<string, Said>();
  readonly revoked = new Map<string, Said>();
  /** Each unit's first and latest put. */
  readonly units = new Map<string, { first: Said; last: Said }>();
  readonly pins = new Map<string, Said>();
  /** Uploaded rubrics: each names the snapshot it put in force. */
  readonly uploads: Said[] = [];
  /** Orders, exemptions and evidence. */
  readonly rectification = new RectificationLedger();

  take(seq: number, at: string, actor: string, action: string, target: string, payload: unknown): void {
    this.rectification.take(seq, at, actor, action, target, payload);
    const said: Said = { seq, target, at, actor, payload: (payload ?? {}) as Record<string, unknown> };
    switch (action) {
      case 'assessment.create':
      case 'assessment.adopt':
        this.created.set(target, { ...said, adopted: action === 'assessment.adopt' });
        return;
      case 'assessment.finalize':
        this.finalized.set(target, said);
        return;
      case 'assessment.amend':
        this.amended.set(target, said);
        this.amends.set(String(said.payload.by), { old: target, reason: said.payload.reason, seq });
        return;
      case 'token.create':
        this.tokens.set(target, said);
        return;
      case 'token.revoke':
        this.revoked.set(target, said);
        return;
      case 'unit.put':
        this.units.set(target, { first: this.units.get(target)?.first ?? said, last: said });
        return;
      case 'unit.adopt': {
        // Adopted as found: its times are the row's own, pinned in the entry.
        const p = said.payload;
        this.units.set(target, { first: { ...said, at: String(p.created_at) }, last: { ...said, at: String(p.updated_at) } });
        return;
      }
      case 'rubric.pin':
      case 'rubric.adopt':
        this.pins.set(target, said);
        return;
      case 'rubric.upload':
        this.uploads.push(said);
        return;
    }
  }
}

export async function verifyRecords(db: Readable, anchor?: LogAnchor): Promise<LogVerification> {
  const pacer = new Pacer();
  const ledger = new Ledger();
  let prev = GENESIS;
  let entries = 0;
  const bad = (b: Bad): LogVerification => ({ ok: false, entries, head: prev, firstBad: b });

  // 1. The chain itself.
  for (let expected = 1; ; ) {
    const page = await db.all('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [expected, LOG_PAGE]);
    for (const row of page) {
      const e = parseLogRow(row);
      const seq = Number(row.seq);
      if (seq !== expected) return bad({ seq: expected, reason: seq > expected ? `缺少第 ${expected} 条记录（可能被删除）` : `第 ${seq} 条记录的序号重复或次序错乱` });
      if (!e) return bad({ seq, reason: `第 ${seq} 条记录无法解读（被改动）` });
      if (e.prev_hash !== prev) return bad({ seq, reason: `第 ${seq} 条记录与前一条不衔接（可能被删除、调换或插入）` });
      const { prev_hash: _p, hash: _h, ...event } = e;
      if (entryHash(prev, event) !== e.hash) return bad({ seq, reason: `第 ${seq} 条记录的内容与其指纹不符（被改动）` });
      if (anchor && anchor.seq === seq && anchor.hash !== e.hash) return bad({ seq, reason: `第 ${seq} 条记录与报表上印的链头不符（该条及其之前的记录被重写）` });
      ledger.take(seq, e.at, e.actor, e.action, e.target, e.payload);
      prev = e.hash;
      expected++;
      entries++;
      await pacer.pace();
    }
    if (page.length < LOG_PAGE) break;
  }
  if (anchor && anchor.seq > entries) return bad({ seq: entries + 1, reason: `记录链只有 ${entries} 条，而报表上印的链头是第 ${anchor.seq} 条：其后的记录丢失` });

  // An upload puts in force a snapshot the chain pinned before it.
  for (const u of ledger.uploads) {
    const pin = ledger.pins.get(String(u.payload.hash));
    if (!pin || pin.seq > u.seq) return bad({ seq: u.seq, target: u.target, reason: `第 ${u.seq} 条记录上传的评分标准快照在记录链中没有登记` });
  }

  // 2. The state it vouches for, then 3. the guards.
  const found = (await assessments(db, ledger, pacer)) ?? (await tokens(db, ledger)) ?? (await units(db, ledger)) ?? (await snapshots(db, ledger)) ?? (await verifyRectification(db, ledger.rectification, pacer)) ?? (await guards(db));
  return found ? bad(found) : { ok: true, entries, head: prev };
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const COLUMN_ZH: Record<string, string> = {
  unit_code: '单位代码', period: '期间', origin: '来源', rubric_hash: '评分标准指纹', rubric_id: '评分标准', rubric_version: '评分标准版本', engine_version: '引擎版本',
  score: '得分', tier: '等级', passed: '是否达标', created_at: '创建时间', created_by: '创建人', status: '状态', finalized_at: '定稿时间', finalized_by: '定稿人',
  supersedes: '所更正的记录', amend_reason: '更正原因', revision: '版本号', content_hash: '内容指纹', name: '名称', role: '角色', scope: '范围', revoked_at: '吊销时间',
  level: '层级', parent: '上级单位', updated_at: '修改时间', digest: '令牌摘要', id: '编号', version: '版本',
};
const column = (c: string) => `${COLUMN_ZH[c] ?? c}（${c}）`;

async function assessments(db: Readable, ledger: Ledger, pacer: Pacer): Promise<Bad | undefined> {
  const seen = new Set<string>();
  const revisions = new Map<string, number>();
  for await (const r of pages(db, 'assessments', 'id', pacer, ROW_PAGE)) {
    const id = String(r.id);
    seen.add(id);
    revisions.set(id, Number(r.revision));
    const made = ledger.created.get(id);
    if (!made) return { seq: null, target: id, reason: `考核记录 ${id} 在记录链中没有登记（被直接写入数据库）` };
    let content: { submission: unknown; assessment: Record<string, any> } | null = null;
    try {
      content = { submission: JSON.parse(String(r.submission)), assessment: JSON.parse(String(r.assessment)) };
    } catch {
      // unreadable content is a mismatch like any other
    }
    const hash = content ? contentHash(content) : null;
    if (hash === null || made.payload.content_hash !== hash || r.content_hash !== hash) return { seq: null, target: id, reason: `考核记录 ${id} 的内容与记录链中登记的指纹不符（被改动）` };
    const a = content!.assessment;
    const amendment = ledger.amends.get(id);
    const finalize = ledger.finalized.get(id);
    const adoptedStatus = made.adopted ? String(made.payload.status) : 'draft';
    const expected: Record<string, unknown> = {
      // As the create entry pinned them …
      unit_code: made.payload.unit, period: made.payload.period, origin: made.payload.origin, rubric_hash: made.payload.rubric,
      // … as the pinned content says …
      rubric_id: a.rubric?.id, rubric_version: a.rubric?.version, engine_version: a.engine_version, score: a.score, tier: a.tier, passed: a.result?.passed ? 1 : 0,
      // … and as the later entries made it.
      status: ledger.amended.has(id) ? 'superseded' : finalize ? 'final' : adoptedStatus,
    };
    if (a.unit?.code !== made.payload.unit || a.period !== made.payload.period) return { seq: null, target: id, reason: `考核记录 ${id} 的单位或期间与其内容不符（被改动）` };
    if (!made.adopted) {
      Object.assign(expected, { created_at: made.at, created_by: made.actor, finalized_at: finalize?.at ?? null, finalized_by: finalize?.actor ?? null });
      Object.assign(expected, amendment ? { supersedes: amendment.old, amend_reason: amendment.reason } : { supersedes: null, amend_reason: null, revision: 1 });
    }
    const wrong = differs(r, expected);
    if (wrong === 'status') {
      const why = expected.status === 'draft' ? '记录链中没有它的定稿或更正' : expected.status === 'final' ? '记录链中它已定稿、未被更正' : '记录链中它已被更正';
      return { seq: null, target: id, reason: `考核记录 ${id} 的状态为“${String(r.status)}”，与记录链不符（${why}）` };
    }
    if (wrong) return { seq: null, target: id, reason: mismatch('考核记录', id, wrong, r[wrong], expected[wrong]) };
  }
  for (const [id, made] of ledger.created) {
    if (!seen.has(id)) return { seq: null, target: id, reason: `考核记录 ${id} 已在记录链第 ${made.seq} 条登记，却不在数据库中（被删除）` };
  }
  for (const [id, { old }] of ledger.amends) {
    if (!ledger.created.get(id)?.adopted && revisions.get(id) !== (revisions.get(old) ?? 0) + 1) return { seq: null, target: id, reason: `考核记录 ${id} 的${column('revision')}与所更正的记录 ${old} 不衔接` };
  }
  return undefined;
}

/** What one table of state must hold to: a row per registered key, each as its entries say. */
interface Holding<E> {
  table: string;
  key: string;
  /** What a row is called in a message. */
  noun: string;
  entries: ReadonlyMap<string, E>;
  seq(e: E): number;
  /** The columns a row must have, as its entries make them. */
  expected(e: E): Record<string, unknown>;
  /** Anything else wrong with the row, as the rest of a sentence. */
  also?(r: Row, e: E): string | undefined;
}

const mismatch = (noun: string, id: string, col: string, have: unknown, want: unknown) =>
  `${noun} ${id} 的${column(col)}与记录链不符：数据库中为“${text(have)}”，应为“${text(want)}”`;

/** Every row is registered and as its entries say, and every registered one exists. */
async function holdsTo<E>(db: Readable, h: Holding<E>): Promise<Bad | undefined> {
  const seen = new Set<string>();
  for (const r of await db.all(`SELECT * FROM ${h.table} ORDER BY ${h.key}`)) {
    const id = String(r[h.key]);
    seen.add(id);
    const e = h.entries.get(id);
    if (!e) return { seq: null, target: id, reason: `${h.noun} ${id}（${String(r.name ?? r.id)}）在记录链中没有登记（被直接写入数据库）` };
    const expected = h.expected(e);
    const wrong = differs(r, expected);
    if (wrong) return { seq: null, target: id, reason: mismatch(h.noun, id, wrong, r[wrong], expected[wrong]) };
    const also = h.also?.(r, e);
    if (also) return { seq: null, target: id, reason: `${h.noun} ${id} ${also}` };
  }
  for (const [id, e] of h.entries) if (!seen.has(id)) return { seq: null, target: id, reason: `${h.noun} ${id} 已在记录链第 ${h.seq(e)} 条登记，却不在数据库中（被删除）` };
  return undefined;
}

const tokens = (db: Readable, ledger: Ledger) =>
  holdsTo(db, {
    table: 'api_tokens',
    key: 'id',
    noun: '令牌',
    entries: ledger.tokens,
    seq: (made) => made.seq,
    expected: (made) => ({ name: made.payload.name, role: made.payload.role, scope: made.payload.scope, created_at: made.at, created_by: made.actor, revoked_at: ledger.revoked.get(String(made.target))?.at ?? null }),
    // Tokens made before the fingerprint was logged are held to the rest.
    also: (r, made) => (made.payload.fingerprint !== undefined && made.payload.fingerprint !== tokenFingerprint(String(r.digest)) ? `的${column('digest')}与记录链中登记的指纹不符（被替换）` : undefined),
  });

const units = (db: Readable, ledger: Ledger) =>
  holdsTo(db, {
    table: 'units',
    key: 'code',
    noun: '单位',
    entries: ledger.units,
    seq: (put) => put.first.seq,
    expected: ({ first, last }) => ({ name: last.payload.name, level: last.payload.level, parent: last.payload.parent, created_at: first.at, updated_at: last.at }),
  });

const snapshots = (db: Readable, ledger: Ledger) =>
  holdsTo(db, {
    table: 'rubric_snapshots',
    key: 'hash',
    noun: '评分标准快照',
    entries: ledger.pins,
    seq: (pin) => pin.seq,
    expected: (pin) => ({ id: pin.payload.id, version: pin.payload.version }),
    also: (r) => {
      try {
        if (sha256(canonicalJson(JSON.parse(String(r.definition)))) === String(r.hash)) return undefined;
      } catch {
        // unreadable: a mismatch
      }
      return '的内容与其指纹不符（被改动）';
    },
  });

const GUARDED = ['audit_log', 'assessments', 'api_tokens', 'units', 'rubric_snapshots', ...RECTIFICATION_TABLES];

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Each guard must be installed exactly as defined, and (PostgreSQL) enabled, calling the function as defined. */
async function guards(db: Readable): Promise<Bad | undefined> {
  const missing = (name: string, how: string): Bad => ({ seq: null, target: name, reason: `数据库保护触发器 ${name} ${how}：数据库自身已不再拒绝对正式记录的改动` });
  if (db.dialect === 'sqlite') {
    const present = new Map((await db.all("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).map((r) => [String(r.name), squeeze(String(r.sql))]));
    for (const g of [...SQLITE_GUARDS, ...RECTIFICATION_SQLITE_GUARDS]) {
      const sql = present.get(g.name);
      if (sql === undefined) return missing(g.name, '缺失');
      if (sql !== squeeze(g.sql)) return missing(g.name, '被改动');
    }
    return undefined;
  }
  const present = new Map(
    (
      await db.all(
        `SELECT t.tgname, t.tgenabled, c.relname, p.proname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
         WHERE NOT t.tgisinternal AND c.oid IN (${GUARDED.map(() => 'to_regclass(?)').join(', ')})`,
        GUARDED,
      )
    ).map((r) => [String(r.tgname), r]),
  );
  const bodies = new Map([...PG_FUNCTIONS, ...RECTIFICATION_PG_FUNCTIONS].map((f) => [f.name, squeeze(f.body)]));
  for (const g of [...PG_GUARDS, ...RECTIFICATION_PG_GUARDS]) {
    const t = present.get(g.name);
    if (!t) return missing(g.name, '缺失');
    const fn = /EXECUTE FUNCTION (\w+)\(\)/.exec(g.sql)![1]!;
    if (String(t.relname) !== g.table || String(t.proname) !== fn || squeeze(String(t.prosrc)) !== bodies.get(fn)) return missing(g.name, '被改动');
    if (String(t.tgenabled) === 'D') return missing(g.name, '被停用');
  }
  return undefined;
}
