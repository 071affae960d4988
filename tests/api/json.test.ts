import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pastShape } from '../../src/api/json.js';

/** Depth and values of a parsed value, counted the slow way. */
function shapeOf(v: unknown): { depth: number; values: number } {
  if (v === null || typeof v !== 'object') return { depth: 0, values: 1 };
  const kids = (Array.isArray(v) ? v : Object.values(v)).map(shapeOf);
  return { depth: 1 + Math.max(0, ...kids.map((k) => k.depth)), values: 1 + kids.reduce((n, k) => n + k.values, 0) };
}

describe('measuring a JSON body before parsing it', () => {
  it('brackets, commas and quotes inside strings are text, not structure', () => {
    expect(pastShape(JSON.stringify({ a: '[[[,,,{{{"\\', b: 'x' }), { depth: 1, values: 3 })).toBeNull();
    expect(pastShape(JSON.stringify({ a: '' }), { depth: 0, values: 10 })).toBe('depth');
  });

  it('property: a body within its limits passes; one past either is caught (values counted as at least the true number)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const text = JSON.stringify(v);
        const { depth, values } = shapeOf(v);
        // Empty containers may count one too many, never too few.
        expect(pastShape(text, { depth, values: values * 2 })).toBeNull();
        if (depth > 0) expect(pastShape(text, { depth: depth - 1, values: 1e9 })).toBe('depth');
        if (values > 1) expect(pastShape(text, { depth: 1e9, values: values - 1 })).toBe('values');
      }),
      { numRuns: 300 },
    );
  });
});
