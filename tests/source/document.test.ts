import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { FORBIDDEN_KEYS, parseText } from '../../src/source/document.js';

describe('parseText keeps positions so problems can name lines', () => {
  it('parses JSON and YAML to the same data', () => {
    const a = parseText('{"a": 1, "b": {"c": [1, "x"]}}').doc!.data;
    const b = parseText('a: 1\nb:\n  c: [1, x]\n').doc!.data;
    expect(a).toEqual(b);
  });

  it('keeps digit strings as text, so unit codes with leading zeros survive', () => {
    expect(parseText('code: "012345678901"\n').doc!.data).toEqual({ code: '012345678901' });
  });

  it('locates a problem by JSON pointer, and a missing field at its parent', () => {
    const { doc } = parseText('a: 1\nb:\n  c: [1, 2]\n  "x/y": 3\n', 'f.yaml');
    const located = doc!.locate([
      { code: 'SCHEMA', path: '/b/c/1', message: 'm' },
      { code: 'SCHEMA', path: '/b/missing', message: 'm' },
      { code: 'SCHEMA', path: '/b/x~1y', message: 'm' },
      { code: 'SCHEMA', path: '', message: 'm' },
    ]);
    expect(located.map((p) => [p.file, p.line, p.column])).toEqual([
      ['f.yaml', 3, 10],
      ['f.yaml', 3, 3],
      ['f.yaml', 4, 10],
      ['f.yaml', 1, 1],
    ]);
  });

  it('refuses duplicate keys with their line', () => {
    const { problems } = parseText('a: 1\nb: 2\na: 3\n');
    expect(problems).toMatchObject([{ code: 'SYNTAX', line: 3 }]);
  });

  it('reports one problem for a runaway input, not thousands', () => {
    const { problems } = parseText(`${'['.repeat(3000)}${']'.repeat(3000)}`);
    expect(problems.length).toBeLessThanOrEqual(2);
    expect(problems[0]!.message).toMatch(/嵌套/);
  });
});

describe('JSON text is read by JSON.parse when that gives what the YAML parser gives', () => {
  // The oracle: the YAML parser as the YAML path configures it.
  const asYaml = (text: string) => parseDocument(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: true }).toJS({ maxAliasCount: 0 }) as unknown;
  // Keys of every sort a submission or rubric may hold (indicator ids, Chinese, escapes, digits), and any JSON value.
  // (The keys refused everywhere, __proto__ and the like, are tested below.)
  const key = fc.oneof(fc.string(), fc.constantFrom('1', '23', '0', '012', '2.1d', '示范型', 'a"b', 'a\\b', 'x:y', '\u2028', '1e3')).filter((k) => !FORBIDDEN_KEYS.has(k));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
    leaf: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null)),
  }));
  const top = fc.oneof(fc.dictionary(key, tree, { maxKeys: 6 }), fc.array(tree, { maxLength: 6 }));

  it('gives the same data as the YAML parser for any JSON object or array, however it is spaced', () => {
    fc.assert(
      fc.property(top, fc.constantFrom(undefined, 2, '\t'), (value, space) => {
        const text = JSON.stringify(value, null, space);
        const { doc, problems } = parseText(text);
        expect(problems).toEqual([]);
        expect(doc!.data).toEqual(asYaml(text));
      }),
      { numRuns: 400 },
    );
  });

  it('reads numbers as the YAML parser does, at their edges', () => {
    for (const n of ['1e400', '-1e400', '-0', '12345678901234567890', '1.0', '0.1', '5e-324', '1E2']) {
      const text = `{"n": ${n}, "a": [${n}]}`;
      expect(parseText(text).doc!.data, n).toEqual(asYaml(text));
    }
  });

  it('still places a problem by line and column', () => {
    const { doc } = parseText('{\n  "unit": {\n    "code": 12\n  },\n  "answers": {}\n}', 's.json');
    expect(doc!.locate([{ code: 'SCHEMA', path: '/unit/code', message: 'm' }, { code: 'SCHEMA', path: '/answers/7', message: 'm' }])).toMatchObject([
      { file: 's.json', line: 3, column: 13 },
      { file: 's.json', line: 5, column: 14 },
    ]);
  });

  it('refuses a duplicate key with its line, as the YAML parser does (JSON.parse would keep the last)', () => {
    for (const text of ['{"a": 1,\n "b": {"c": 1, "c": 2}}', '[{"x": 1}, {"x": 2, "x": 3}]', '{"a:b": 1, "a": 1, "a": 2}', '{"a\\"": 1, "a\\"": 2}']) {
      const { doc, problems } = parseText(text);
      expect(doc, text).toBeUndefined();
      expect(problems[0], text).toMatchObject({ code: 'SYNTAX' });
    }
    expect(parseText('{"a": 1,\n "b": {"c": 1, "c": 2}}').problems[0]!.line).toBe(2);
  });

  it('refuses forbidden keys and deep nesting where they are, as before', () => {
    expect(parseText('{"a": {"__proto__": {"x": 1}}}').problems).toMatchObject([{ code: 'FORBIDDEN_KEY', path: '/a/__proto__' }]);
    expect(parseText('{"constructor": 1}').problems).toMatchObject([{ code: 'FORBIDDEN_KEY', path: '/constructor' }]);
    // 65 arrays hold a value at depth 65: one past the limit. 64 are fine.
    expect(parseText(`${'['.repeat(65)}1${']'.repeat(65)}`).problems).toMatchObject([{ code: 'SYNTAX', message: expect.stringMatching(/嵌套层级过深/) }]);
    expect(parseText(`${'['.repeat(64)}1${']'.repeat(64)}`).problems).toEqual([]);
  });

  it('reads JSON whose lines end in a lone carriage return as JSON (the YAML parser took the CRs into keys and values)', () => {
    const text = '{\r"unit": {"code": "330201000000"},\r"answers": {"1": true}\r}';
    const { doc, problems } = parseText(text, 'mac.json');
    expect(problems).toEqual([]);
    expect(doc!.data).toEqual({ unit: { code: '330201000000' }, answers: { 1: true } });
    // Placing a problem still answers with its file and pointer.
    expect(doc!.locate([{ code: 'SCHEMA', path: '/answers/1', message: 'm' }])).toMatchObject([{ file: 'mac.json', path: '/answers/1' }]);
  });

  it('leaves what is not JSON to the YAML parser', () => {
    expect(parseText('{a: 1, b: [x, y]}').doc!.data).toEqual({ a: 1, b: ['x', 'y'] });
    expect(parseText('{"a": 1} # note\n').doc!.data).toEqual({ a: 1 });
    expect(parseText('{"a": 1,}').problems).toEqual([]);
  });
});
