// Single writes arriving together: on SQLite they share one transaction and one fsync (group commit); on PostgreSQL
// each is a transaction of its own, appending to the chain under a lock held only for the append. Either way each
// write is answered only once it is committed (another connection already sees it), one that fails is refused
// alone, and the record chain holds every write that was answered, in order.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';
import { fixture, rubric } from '../support/rubrics.js';
import { type RawSql, STORES } from '../support/stores.js';

const r = await rubric('township-center-2022');
const base = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const COUNTY = '330212000000';
const TOWNS = Array.from({ length: 25 }, (_, i) => `3302121${String(i).padStart(2, '0')}000`);
const record = (unit: string, period: string) => {
  const s = { ...base, unit: { ...base.unit, code: unit }, period };
  return { submission: s, assessment: assess(r, s), created_at: '2026-11-20T08:00:00.000Z', created_by: 'inspector-1' };
};

/** What each concurrent write came to, and whether another connection saw its row the moment it was answered. */
type Outcome = { kind: string; key: string; ok: true; id: string; visible: boolean } | { kind: string; key: string; ok: false; error: unknown };

async function setUp(store: Store): Promise<void> {
  await store.putUnit({ code: COUNTY, name: '测试县', level: 'county', parent: null }, '2026-11-01T00:00:00.000Z', 'admin');
  for (const code of TOWNS) await store.putUnit({ code, name: `镇${code}`, level: 'township', parent: COUNTY }, '2026-11-01T00:00:00.000Z', 'admin');
  await store.putRubric(r.definition, r.hash, '2026-11-01T00:00:00.000Z');
}

/**
 * 50 creates (25 towns × 2 months), each sent twice (the second a duplicate), 5 for a unit that does not exist (a
 * foreign-key violation the database refuses), 5 unit renames and 5 logged events, all at once.
 */
async function burst(store: Store, raw: RawSql): Promise<Outcome[]> {
  const seen = async (table: string, column: string, value: string) => (await raw.query(`SELECT 1 FROM ${table} WHERE ${column} = ?`, [value])).length === 1;
  const writes: Array<{ kind: string; key: string; run: () => Promise<string>; check: (id: string) => Promise<boolean> }> = [];
  const creates = TOWNS.flatMap((t) => ['2026-09', '2026-10'].map((p) => ({ unit: t, period: p })));
  for (const [i, c] of creates.entries()) {
    const write = { kind: 'create', key: `${c.unit}/${c.period}`, run: async () => (await store.createAssessment(record(c.unit, c.period))).id, check: (id: string) => seen('assessments', 'id', id) };
    writes.push(write, { ...write, kind: 'create again' });
    if (i % 10 === 0) writes.push({ kind: 'no such unit', key: `999999${i}`, run: async () => (await store.createAssessment(record(`9999990${String(i).padStart(2, '0')}000`, '2026-10'))).id, check: async () => false });
    if (i % 10 === 5) {
      const code = TOWNS[i % TOWNS.length]!;
      writes.push({ kind: 'unit', key: code, run: async () => (await store.putUnit({ code, name: `更名镇${i}`, level: 'township', parent: COUNTY }, '2026-11-02T00:00:00.000Z', 'admin')).code, check: async () => (await raw.query('SELECT 1 FROM units WHERE code = ? AND name = ?', [code, `更名镇${i}`])).length === 1 });
      writes.push({ kind: 'event', key: `e${i}`, run: async () => (await store.appendEvent({ at: '2026-11-02T00:00:00.000Z', actor: 'x', action: 'access.denied', target: `e${i}`, payload: { i } }), `e${i}`), check: (id) => seen('audit_log', 'target', id) });
    }
  }
  return Promise.all(
    writes.map(async (w): Promise<Outcome> => {
      try {
        const id = await w.run();
        // Checked the moment the write is answered, from a connection of its own: it must be committed by then.
        return { kind: w.kind, key: w.key, ok: true, id, visible: await w.check(id) };
      } catch (error) {
        return { kind: w.kind, key: w.key, ok: false, error };
      }
    }),
  );
}

describe.each(STORES)('concurrent single writes: $name', (kind) => {
  const maybe = kind.available ? it : it.skip;
  afterEach(() => vi.restoreAllMocks());

  maybe('each answered only once committed, a failing one refused alone, every answered write in the chain in order', async () => {
    const { store, raw } = await kind.openWithRaw();
    try {
      await setUp(store);
      const before = (await store.logHead()).seq;
      const outcomes = await burst(store, raw);

      // Every answered write was already visible to another connection when it was answered.
      for (const o of outcomes) if (o.ok && o.kind !== 'no such unit') expect(o.visible, `${o.kind} ${o.key}`).toBe(true);
      // Of each create sent twice exactly one landed; the other was refused as a duplicate, alone.
      const creates = outcomes.filter((o) => o.kind.startsWith('create'));
      const byKey = new Map<string, Outcome[]>();
      for (const o of creates) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
      expect(byKey.size).toBe(50);
      for (const [key, pair] of byKey) {
        expect(pair.filter((o) => o.ok).length, key).toBe(1);
        const refused = pair.find((o) => !o.ok)!;
        expect(refused.ok === false && refused.error, key).toMatchObject({ code: 'DUPLICATE' });
      }
      // A create for a unit that does not exist fails in the database, and only it.
      const orphans = outcomes.filter((o) => o.kind === 'no such unit');
      expect(orphans.length).toBe(5);
      for (const o of orphans) expect(!o.ok && !(o.error instanceof AuditError) && String(o.error)).toMatch(/FOREIGN KEY|foreign key/);
      expect(outcomes.filter((o) => (o.kind === 'unit' || o.kind === 'event') && !o.ok)).toEqual([]);

      // Stored: exactly the answered creates; the chain: one entry per answered write, after the set-up, in order.
      const ids = creates.flatMap((o) => (o.ok ? [o.id] : []));
      expect((await store.listAssessments()).map((a) => a.id).sort()).toEqual([...ids].sort());
      const log = (await store.readLog(before + 1)).map((e) => [e.seq, e.action, e.target]);
      expect(log.length).toBe(50 + 5 + 5);
      expect(log.map(([seq]) => seq)).toEqual(Array.from({ length: 60 }, (_, i) => before + 1 + i));
      expect(log.filter(([, action]) => action === 'assessment.create').map(([, , target]) => target).sort()).toEqual([...ids].sort());
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: before + 60 });
    } finally {
      await raw.close();
      await store.close();
    }
  }, 60_000);

  maybe('one record finalized twice at once: one finalize lands, the other is refused as frozen, the chain has one entry', async () => {
    const { store, raw } = await kind.openWithRaw();
    try {
      await setUp(store);
      const rec = await store.createAssessment(record(TOWNS[0]!, '2026-09'));
      const tries = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.finalizeAssessment(rec.id, `chief-${i}`, '2026-11-25T00:00:00.000Z')));
      expect(tries.filter((t) => t.status === 'fulfilled').length).toBe(1);
      for (const t of tries) if (t.status === 'rejected') expect(t.reason).toMatchObject({ code: 'FROZEN' });
      expect((await store.readLog()).filter((e) => e.action === 'assessment.finalize' && e.target === rec.id).length).toBe(1);
      expect(await store.verifyLog()).toMatchObject({ ok: true });
    } finally {
      await raw.close();
      await store.close();
    }
  });

  (kind.name === 'sqlite' ? maybe : it.skip)('SQLite: writes sent together share their commits (one fsync for many)', async () => {
    const { store, raw } = await kind.openWithRaw();
    try {
      await setUp(store);
      const exec = vi.spyOn(Database.prototype, 'exec');
      const outcomes = await burst(store, raw);
      const commits = exec.mock.calls.filter(([sql]) => sql === 'COMMIT').length;
      expect(outcomes.length).toBe(115);
      // 115 writes sent in one go: a group takes up to 64, so two commits; one each would be 115.
      expect(commits).toBeLessThanOrEqual(2);
      expect(await store.verifyLog()).toMatchObject({ ok: true });
    } finally {
      await raw.close();
      await store.close();
    }
  });
});
