import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pieces } from '../../src/api/http.js';
import { Pacer } from '../../src/turns.js';

const joined = async (it: AsyncIterable<string>) => {
  let out = '';
  for await (const p of it) out += p;
  return out;
};

describe('JSON written a piece at a time', () => {
  it('property: the pieces join to exactly JSON.stringify of the value, at any depth', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), async (v, depth) => {
        expect(await joined(pieces(v, depth, new Pacer()))).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
    expect(await joined(pieces({ a: undefined, b: [undefined, 1] }, 3, new Pacer()))).toBe(JSON.stringify({ a: undefined, b: [undefined, 1] }));
  });
});
