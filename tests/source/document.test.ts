import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/source/document.js';

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
