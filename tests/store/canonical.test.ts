// The canonical JSON every hash rests on (record content, the record chain, rubric snapshots) is written straight out
// now, without a sorted deep copy. Stored hashes must keep verifying, so the bytes must be exactly those of the
// earlier definition, kept here as it was: on every fixture, its assessment and its rubric, and on random data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../src/canonical.js';
import { assess } from '../../src/engine/evaluate.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../../src/rubric/load.js';
import { contentHash, entryHash, GENESIS } from '../../src/store/hashes.js';

/** The earlier definition, verbatim: JSON.stringify of a copy with keys sorted at every depth. */
function earlierCanonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
const earlierContentHash = (r: { submission: unknown; assessment: unknown }) => sha256(earlierCanonicalJson({ submission: r.submission, assessment: r.assessment }));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? jsonFiles(join(dir, d.name)) : d.name.endsWith('.json') ? [join(dir, d.name)] : []));
}

const rubrics = rubricMap(await listRubrics());
const fixtures = jsonFiles(join(PACKAGE_ROOT, 'fixtures')).map((file) => ({ file: file.slice(PACKAGE_ROOT.length + 1), data: JSON.parse(readFileSync(file, 'utf8')) as unknown }));

describe('canonical JSON without copies gives the earlier bytes', () => {
  it('on every fixture file, and on each submission fixture with its assessment (the content a record hash pins)', () => {
    expect(fixtures.length).toBeGreaterThan(20);
    let scored = 0;
    for (const { file, data } of fixtures) {
      expect(canonicalJson(data), file).toBe(earlierCanonicalJson(data));
      const rubric = rubrics.get(file.split('/')[1]!);
      if (!rubric) continue;
      const assessment = assess(rubric, data);
      const record = { submission: data, assessment };
      expect(canonicalJson(record), file).toBe(earlierCanonicalJson(record));
      expect(contentHash(record), file).toBe(earlierContentHash(record));
      scored++;
    }
    expect(scored).toBeGreaterThan(15);
  });

  it('on every bundled rubric: the content hashes rubrics are pinned by are unchanged', () => {
    for (const r of rubrics.values()) {
      expect(canonicalJson(r.definition), r.id).toBe(earlierCanonicalJson(r.definition));
      expect(sha256(canonicalJson(r.definition)), r.id).toBe(r.hash);
    }
  });

  it('with keys JavaScript orders as numbers (indicator ids "2" before "10"), "__proto__", and values JSON leaves out', () => {
    const tricky = {
      answers: { '10': 1, '2': true, '1.5': 'x', '01': 0, '-1': null, '4294967294': 1, '4294967295': 2, b: [undefined, () => 1, Symbol('s'), NaN, -0, Infinity], a: undefined },
      ['__proto__']: { polluted: true },
      z: { f: () => 1, s: Symbol('t'), d: new Date(0), n: 1e21, e: 5e-324, text: '引号"\\\n\u2028\ud800' },
      // eslint-disable-next-line no-sparse-arrays
      holes: [1, , 3],
    };
    expect(canonicalJson(tricky)).toBe(earlierCanonicalJson(tricky));
    expect(canonicalJson(tricky)).toMatch(/^\{"__proto__":\{"polluted":true\},"answers":\{"2":true,"10":1,"4294967294":1,"-1":null,"01":0,"1.5":"x","4294967295":2,"b":\[null,null,null,null,0,null\]\}/);
    for (const top of [undefined, null, 0, 'x', [], {}, () => 1]) expect(canonicalJson(top)).toBe(earlierCanonicalJson(top));
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
  });

  it('on random JSON (keys drawn to include numeric ones), and whatever key order the data came in', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.nat({ max: 5000 }).map(String), fc.constantFrom('__proto__', 'constructor', '0', '00', '4294967295'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(earlierCanonicalJson(v));
        // Idempotent: what the chain stores reads back to the same bytes.
        if (v !== undefined) expect(canonicalJson(JSON.parse(canonicalJson(v)))).toBe(canonicalJson(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('the record chain: an entry hashes as the canonical JSON of the whole entry did', () => {
    const payloads = [{ unit: '330212102000', period: '2026-11', origin: 'inspection', content_hash: GENESIS }, { '10': 1, '9': [2, { b: 1, a: undefined }] }, {}];
    for (const payload of payloads) {
      const e = { seq: 12, at: '2026-11-20T08:00:00.000Z', actor: '检查员"甲"', action: 'assessment.create', target: 'x', payload };
      expect(entryHash(GENESIS, e)).toBe(sha256(GENESIS + earlierCanonicalJson(e)));
    }
  });
});
