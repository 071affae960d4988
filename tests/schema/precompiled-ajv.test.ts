// The stand-in for Ajv over validators compiled at build time (src/schema/precompiled-ajv.ts): dist/ hands it one
// module per schema, the web bundle one module with all of them. Either way a schema's validators are made once,
// with the format and keyword functions validate.ts registers, and an id no module has is unknown, as Ajv says.
import { describe, expect, it } from 'vitest';
import { PrecompiledAjv } from '../../src/schema/precompiled-ajv.js';

describe('PrecompiledAjv', () => {
  const made: string[] = [];
  // Validators that call the registered `date` format, as generated code does through `runtime.formats`.
  const create = (runtime: { formats: object }, id: string): Record<string, unknown> => {
    made.push(id);
    const date = (runtime.formats as Record<string, (s: string) => boolean>).date!;
    if (id === 'per-schema') return { 'per-schema': (d: unknown) => typeof d === 'string' && date(d) };
    if (id.startsWith('all/')) return { 'all/a': () => true, 'all/b': () => false };
    return {};
  };

  it('makes each schema\'s validators once, on first use, wired to the registered formats', () => {
    const ajv = new PrecompiledAjv(create).addFormat('date', (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s));
    expect(made).toEqual([]);
    const v = ajv.getSchema('per-schema')!;
    expect([v('2026-11-29'), v('29/11/2026'), v(3)]).toEqual([true, false, false]);
    expect(ajv.getSchema('per-schema')).toBe(v);
    expect(made).toEqual(['per-schema']);
  });

  it('keeps every validator a module makes at once, and asks no module again for an id none has', () => {
    made.length = 0;
    const ajv = new PrecompiledAjv(create).addFormat('date', () => true);
    expect(ajv.getSchema('all/a')!(1)).toBe(true);
    expect(ajv.getSchema('all/b')!(1)).toBe(false);
    expect(ajv.getSchema('nope')).toBeUndefined();
    expect(ajv.getSchema('nope')).toBeUndefined();
    expect(made).toEqual(['all/a', 'nope']);
  });
});
