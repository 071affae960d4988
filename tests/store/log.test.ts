// The official-records guarantees, tried the way a person with database access would: finalized rows and the log
// refuse raw changes, and with the guards removed, every kind of tampering is named at the entry where it happened.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { dropGuards, installGuards } from '../../src/store/guards.js';
import { contentHash, entryHash } from '../../src/store/sql.js';
import type { AssessmentRecord } from '../../src/domain/records.js';
import type { Store } from '../../src/store/types.js';
import { fixture, rubric } from '../support/rubrics.js';
import { type RawSql, STORES } from '../support/stores.js';

const r = await rubric('township-center-2022');
const sub = (name: string, over: Record<string, unknown> = {}) => ({ ...JSON.parse(readFileSync(fixture('township-center-2022', `${name}.json`), 'utf8')), ...over });
const record = (s: ReturnType<typeof sub>) => ({ submission: s, assessment: assess(r, s), created_at: '2026-11-20T08:00:00.000Z', created_by: 'inspector-1' });


/** Units, a rubric pin, a create, a finalize and an amendment: seven entries. */
async function history(store: Store): Promise<{ first: AssessmentRecord; second: AssessmentRecord }> {
  await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, '2026-11-01T00:00:00.000Z', 'admin');
  await store.putUnit({ code: '330212102000', name: '西岭镇', level: 'township', parent: '330212000000' }, '2026-11-01T00:00:00.000Z', 'admin');
  await store.putRubric(r.definition, r.hash, '2026-11-01T00:00:00.000Z');
  await store.putRubric(r.definition, r.hash, '2026-11-02T00:00:00.000Z'); // already pinned: no entry
  const first = await store.createAssessment(record(sub('standard')));
  await store.finalizeAssessment(first.id, 'chief', '2026-11-25T00:00:00.000Z');
  const second = await store.amendAssessment(first.id, record(sub('standard', { answers: { ...sub('standard').answers, '4': 160 } })), '面积复测为160平方米');
  return { first, second };
}

describe.each(STORES)('official records: $name', (kind) => {
  const maybe = kind.available ? it : it.skip;

  describe('with the guards in place', () => {
    let store: Store;
    let raw: RawSql;
    let ids: { first: AssessmentRecord; second: AssessmentRecord };
    beforeAll(async () => {
      if (!kind.available) return;
      ({ store, raw } = await kind.openWithRaw());
      ids = await history(store);
    });
    afterAll(async () => {
      if (!kind.available) return;
      await raw.close();
      await store.close();
    });

    maybe('every write appended exactly one entry, in order, and the chain verifies', async () => {
      const log = await store.readLog();
      expect(log.map((e) => [e.seq, e.action, e.actor])).toEqual([
        [1, 'unit.put', 'admin'],
        [2, 'unit.put', 'admin'],
        [3, 'rubric.pin', 'system'],
        [4, 'assessment.create', 'inspector-1'],
        [5, 'assessment.finalize', 'chief'],
        [6, 'assessment.create', 'inspector-1'],
        [7, 'assessment.amend', 'inspector-1'],
      ]);
      expect(log[6]!.payload).toEqual({ by: ids.second.id, reason: '面积复测为160平方米' });
      for (let i = 1; i < log.length; i++) expect(log[i]!.prev_hash).toBe(log[i - 1]!.hash);
      const head = await store.logHead();
      expect(head).toEqual({ seq: 7, hash: log[6]!.hash });
      expect(await store.verifyLog()).toEqual({ ok: true, entries: 7, head: head.hash });
      expect(await store.verifyLog(head)).toMatchObject({ ok: true });
    });

    maybe('a raw UPDATE or DELETE of a finalized (or superseded) record fails in the database itself', async () => {
      for (const sql of [
        'UPDATE assessments SET score = 100 WHERE id = ?',
        "UPDATE assessments SET status = 'draft' WHERE id = ?",
        'DELETE FROM assessments WHERE id = ?',
      ]) {
        await expect(raw.query(sql, [ids.first.id]), sql).rejects.toThrow(/frozen/);
      }
      expect((await store.getAssessment(ids.first.id))!.assessment.score).toBe(ids.first.assessment.score);
    });

    maybe('a raw UPDATE or DELETE on the log fails', async () => {
      await expect(raw.query("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(raw.query('DELETE FROM audit_log WHERE seq = 7')).rejects.toThrow(/append-only/);
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: 7 });
    });

    maybe('superseding may change the status and nothing else', async () => {
      const third = await store.createAssessment(record(sub('standard', { period: '2026-10' })));
      await store.finalizeAssessment(third.id, 'chief', '2026-11-25T00:00:00.000Z');
      await expect(raw.query("UPDATE assessments SET status = 'superseded', score = 0 WHERE id = ?", [third.id])).rejects.toThrow(/frozen/);
      // A draft is not an official record yet: the store may still update it.
      const draft = await store.createAssessment(record(sub('standard', { period: '2026-09' })));
      await raw.query('UPDATE assessments SET created_by = created_by WHERE id = ?', [draft.id]);
    });
  });

  maybe('a write and its log entry land together or not at all', async () => {
    const { store, raw } = await kind.openWithRaw();
    try {
      const { second } = await history(store);
      // Make the next log append fail, as a full disk or a lost connection would, and finalize.
      if (kind.name === 'sqlite') await raw.query("CREATE TRIGGER no_append BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'log unavailable'); END");
      else {
        await raw.query("CREATE FUNCTION no_append() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'log unavailable'; END $$");
        await raw.query('CREATE TRIGGER no_append BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION no_append()');
      }
      await expect(store.finalizeAssessment(second.id, 'chief', '2026-11-26T00:00:00.000Z')).rejects.toThrow(/log unavailable/);
      await expect(store.createAssessment(record(sub('standard', { period: '2026-08' })))).rejects.toThrow(/log unavailable/);
      expect((await store.getAssessment(second.id))!.status).toBe('draft');
      expect(await store.listAssessments({ period: '2026-08' })).toEqual([]);
      await raw.query(kind.name === 'sqlite' ? 'DROP TRIGGER no_append' : 'DROP TRIGGER no_append ON audit_log');
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: 7 });
    } finally {
      await raw.close();
      await store.close();
    }
  });

  maybe('verification reads records a page at a time and still checks every one', async () => {
    const { store, raw } = await kind.openWithRaw();
    try {
      await history(store);
      // 45 townships by ten months: more records than one page holds, twice over.
      const towns = Array.from({ length: 45 }, (_, i) => `3302123${String(i).padStart(2, '0')}000`);
      for (const code of towns) await store.putUnit({ code, name: `镇${code}`, level: 'township', parent: '330212000000' }, '2026-11-01T00:00:00.000Z');
      const base = sub('standard');
      const made = await store.createAssessments(
        towns.flatMap((code) => Array.from({ length: 10 }, (_, m) => record({ ...base, unit: { ...base.unit, code }, period: `2026-${String(m + 1).padStart(2, '0')}` }))),
      );
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: 7 + 45 + 450 });
      const last = made.map((a) => a.id).sort().at(-1)!;
      for (const sql of dropGuards(kind.name)) await raw.query(sql);
      await raw.query("UPDATE assessments SET submission = replace(submission, '2026', '2027') WHERE id = ?", [last]);
      expect((await store.verifyLog()).firstBad).toMatchObject({ seq: null, target: last });
    } finally {
      await raw.close();
      await store.close();
    }
  });

  describe('with the guards removed, tampering is found at the right entry', () => {
    let store: Store;
    let raw: RawSql;
    let ids: { first: AssessmentRecord; second: AssessmentRecord };
    let rows: Record<string, unknown>[];
    beforeAll(async () => {
      if (!kind.available) return;
      ({ store, raw } = await kind.openWithRaw());
      ids = await history(store);
      for (const sql of dropGuards(kind.name)) await raw.query(sql);
      rows = await raw.query('SELECT * FROM audit_log ORDER BY seq');
    });
    afterAll(async () => {
      if (!kind.available) return;
      await raw.close();
      await store.close();
    });
    /** Puts the log back exactly as it was, and checks that it verifies again once the guards are back (then removes them again). */
    const restore = async () => {
      await raw.query('DELETE FROM audit_log');
      for (const x of rows) {
        await raw.query('INSERT INTO audit_log (seq, at, actor, action, target, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          x.seq, x.at, x.actor, x.action, x.target, x.payload, x.prev_hash, x.hash,
        ]);
      }
      expect((await store.verifyLog()).firstBad).toMatchObject({ reason: expect.stringContaining('数据库保护触发器') });
      for (const sql of installGuards(kind.name)) await raw.query(sql);
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: 7 });
      for (const sql of dropGuards(kind.name)) await raw.query(sql);
    };

    maybe('changing one character of any field of any entry', async () => {
      const fields = ['at', 'actor', 'action', 'target', 'payload', 'prev_hash', 'hash'] as const;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 7 }), fc.constantFrom(...fields), fc.nat(), async (seq, field, at) => {
          const value = String(rows[seq - 1]![field]);
          const i = at % value.length;
          const changed = value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) === 0x30 ? 0x31 : 0x30) + value.slice(i + 1);
          await raw.query(`UPDATE audit_log SET ${field} = ? WHERE seq = ?`, [changed, seq]);
          const v = await store.verifyLog();
          expect(v.ok).toBe(false);
          // An edited hash shows as that entry's own mismatch; nothing before it is blamed.
          expect(v.firstBad!.seq).toBe(seq);
          expect(v.entries).toBe(seq - 1);
          await restore();
        }),
        { numRuns: 30 },
      );
    });

    maybe('deleting an entry', async () => {
      for (const seq of [1, 4, 6]) {
        await raw.query('DELETE FROM audit_log WHERE seq = ?', [seq]);
        expect((await store.verifyLog()).firstBad).toMatchObject({ seq, reason: expect.stringContaining('缺少') });
        await restore();
      }
    });

    maybe('deleting the newest entry is caught against the head printed on a report', async () => {
      const head = await store.logHead();
      await raw.query('DELETE FROM audit_log WHERE seq = 7');
      // The amendment's new record no longer matches what the log holds; with the anchor, the cut itself is named.
      expect((await store.verifyLog(head)).firstBad).toMatchObject({ seq: 7, reason: expect.stringContaining('丢失') });
      await restore();
    });

    maybe('swapping two entries', async () => {
      await raw.query('UPDATE audit_log SET seq = -1 WHERE seq = 3');
      await raw.query('UPDATE audit_log SET seq = 3 WHERE seq = 4');
      await raw.query('UPDATE audit_log SET seq = 4 WHERE seq = -1');
      expect((await store.verifyLog()).firstBad).toMatchObject({ seq: 3 });
      await restore();
    });

    maybe('inserting an entry, forged carefully or not', async () => {
      const shift = async () => {
        await raw.query('UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 5');
        await raw.query('UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000');
      };
      const event = { seq: 5, at: '2026-11-24T00:00:00.000Z', actor: 'mallory', action: 'assessment.finalize', target: ids.first.id, payload: {} };
      const insert = (hash: string) =>
        raw.query('INSERT INTO audit_log (seq, at, actor, action, target, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          5, event.at, event.actor, event.action, event.target, '{}', rows[3]!.hash, hash,
        ]);
      await shift();
      await insert('sha256:' + 'f'.repeat(64));
      expect((await store.verifyLog()).firstBad).toMatchObject({ seq: 5 });
      await restore();
      // A forger who recomputes the inserted entry's hash still breaks the link to the next one.
      await shift();
      await insert(entryHash(String(rows[3]!.hash), event));
      expect((await store.verifyLog()).firstBad).toMatchObject({ seq: 6 });
      await restore();
    });

    maybe("changing a record's content, even with the row's own hash updated to match", async () => {
      const a = (await store.getAssessment(ids.second.id))!;
      const forged = { ...a.assessment, score: 99 };
      await raw.query('UPDATE assessments SET assessment = ? WHERE id = ?', [JSON.stringify(forged), a.id]);
      expect((await store.verifyLog()).firstBad).toMatchObject({ seq: null, target: a.id });
      // Now the row's own hash is made to match: only the chain's create entry still knows the original.
      await raw.query('UPDATE assessments SET content_hash = ? WHERE id = ?', [contentHash({ submission: a.submission, assessment: forged }), a.id]);
      expect((await store.verifyLog()).firstBad).toMatchObject({ seq: null, target: a.id });
      await raw.query('UPDATE assessments SET assessment = ?, content_hash = ? WHERE id = ?', [JSON.stringify(a.assessment), contentHash(a), a.id]);
      // Put back, the record checks out again; only the removed guards are still named.
      expect((await store.verifyLog()).firstBad).toMatchObject({ reason: expect.stringContaining('数据库保护触发器') });
    });
  });
});
