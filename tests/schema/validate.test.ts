import { describe, expect, it } from 'vitest';
import { SCHEMA_NAMES, schemaId } from '../../src/schema/ids.js';
import { SCHEMAS, validateSchema } from '../../src/schema/validate.js';

describe('schema validation', () => {
  it('compiles every schema with a stable id', () => {
    expect(Object.keys(SCHEMAS)).toEqual(['rubric', 'submission', 'assessment', 'tailoring']);
    for (const name of SCHEMA_NAMES) {
      expect((SCHEMAS[name] as { $id?: string }).$id, name).toBe(schemaId(name));
      // Each compiles and judges: an empty object is not a valid rubric, submission, assessment or tailoring.
      expect(validateSchema(name, {}).ok, name).toBe(false);
    }
  });

  it('collects every problem with a JSON pointer and a Chinese message', () => {
    const res = validateSchema('submission', { rubric: 'x1', unit: { code: '1', name: '', level: 'town' }, period: '2026-13', answers: { 'a b': 1 }, extra: 1 });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems.map((p) => p.path).sort()).toEqual(['/answers/a b', '/extra', '/period', '/unit/level', '/unit/name']);
    for (const p of res.problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses impossible calendar dates', () => {
    const base = { rubric: 'x1', unit: { code: '1', name: 'n', level: 'township' }, period: '2026-02', answers: {} };
    expect(validateSchema('submission', { ...base, inspected_on: '2026-02-28' }).ok).toBe(true);
    expect(validateSchema('submission', { ...base, inspected_on: '2026-02-29' }).ok).toBe(false);
    expect(validateSchema('submission', { ...base, inspected_on: '2028-02-29' }).ok).toBe(true);
  });
});
