// Upgrading a store written before the record chain existed: nothing is lost, the old records are adopted into
// the chain, and from then on the database guards them like any other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { fixture, rubric } from '../support/rubrics.js';
import { STORES } from '../support/stores.js';

const r = await rubric('township-center-2022');
const standard = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));

describe.each(STORES)('upgrading an earlier store: $name', (kind) => {
  (kind.available ? it : it.skip)('keeps every row, adopts the assessments into the chain, then guards them', async () => {
    const { store, raw } = await kind.openWithRaw(false);
    try {
      // The schema as version 1 left it, with a county, a township, a pinned rubric, and one draft and one final record.
      await raw.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const v1 = MIGRATIONS[0]!.sql!.replaceAll('{{float}}', kind.name === 'postgres' ? 'DOUBLE PRECISION' : 'REAL');
      for (const statement of v1.split(';').map((x) => x.trim()).filter(Boolean)) await raw.query(statement);
      await raw.query("INSERT INTO schema_migrations VALUES (1, 'v1', 'T0')");
      await raw.query("INSERT INTO units VALUES ('330212000000', '测试县', 'county', NULL, 'T0', 'T0')");
      await raw.query("INSERT INTO units VALUES ('330212102000', '西岭镇', 'township', '330212000000', 'T0', 'T0')");
      await raw.query('INSERT INTO rubric_snapshots VALUES (?, ?, ?, ?, ?)', [r.hash, r.id, r.version, JSON.stringify(r.definition), 'T0']);
      const old = [
        { id: '00000000-0000-4000-8000-000000000001', period: '2026-09', status: 'final' },
        { id: '00000000-0000-4000-8000-000000000002', period: '2026-10', status: 'draft' },
      ];
      for (const o of old) {
        const s = { ...standard, period: o.period };
        const a = assess(r, s);
        await raw.query(
          `INSERT INTO assessments (id, unit_code, period, rubric_id, rubric_version, rubric_hash, engine_version, status, revision, supersedes, amend_reason,
            score, tier, passed, submission, assessment, created_at, created_by, finalized_at, finalized_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [o.id, '330212102000', o.period, r.id, r.version, r.hash, a.engine_version, o.status, a.score, a.tier, a.result.passed ? 1 : 0, JSON.stringify(s), JSON.stringify(a),
            '2026-10-01T00:00:00.000Z', 'inspector', o.status === 'final' ? '2026-10-02T00:00:00.000Z' : null, o.status === 'final' ? 'chief' : null],
        );
      }

      await store.migrate();

      expect((await store.listUnits()).length).toBe(2);
      const records = await store.listAssessments();
      expect(records.map((a) => [a.id, a.status, a.origin])).toEqual(old.map((o) => [o.id, o.status, 'inspection']));
      expect(records[0]!.submission).toEqual({ ...standard, period: '2026-09' });
      const log = await store.readLog();
      // Migration 2 adopted the records; migration 3, the units and the pinned rubric the chain did not yet vouch for.
      expect(log.map((e) => [e.action, e.target, e.actor])).toEqual([
        ...old.map((o) => ['assessment.adopt', o.id, 'migration']),
        ['unit.adopt', '330212000000', 'migration'],
        ['unit.adopt', '330212102000', 'migration'],
        ['rubric.adopt', r.hash, 'migration'],
      ]);
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: 5 });
      // Adopted, the final record is frozen like one written today.
      await expect(raw.query('UPDATE assessments SET score = 0 WHERE id = ?', [old[0]!.id])).rejects.toThrow(/frozen/);
      // And the store carries on where it left off.
      await store.finalizeAssessment(old[1]!.id, 'chief', '2026-11-01T00:00:00.000Z');
      expect(await store.verifyLog()).toMatchObject({ ok: true, entries: 6 });
      await store.migrate();
      expect((await store.readLog()).length).toBe(6);
    } finally {
      await raw.close();
      await store.close();
    }
  });
});
