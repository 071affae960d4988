// The rubric checked against the standard: every indicator's text, tick and threshold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { rubric } from '../support/rubrics.js';

const md = readFileSync(join(PACKAGE_ROOT, 'standards/township-center-58-indicators.md'), 'utf8');
const original = readFileSync(join(PACKAGE_ROOT, 'standards/township-center-58-indicators.txt'), 'utf8');

interface Row { l1: string; l2: string; n: string; text: string; ticks: string }
function transcriptionRows(): Row[] {
  const rows: Row[] = [];
  let l1 = '';
  let l2 = '';
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) l1 = line.slice(3).trim();
    else if (line.startsWith('### ')) l2 = line.slice(4).trim();
    else {
      const m = /^\| (\d+) \| (.*) \| (√*) \| √? \| √? \|$/.exec(line);
      if (m) rows.push({ l1, l2, n: m[1]!, text: m[2]!, ticks: m[3]! });
    }
  }
  return rows;
}
const rows = transcriptionRows();

describe('standards/ transcription of the 58-indicator table', () => {
  it('has all 58 rows in order', () => {
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 58 }, (_, i) => String(i + 1)));
  });

  it('reproduces the original text exactly when its cells are joined back together', () => {
    const body = original.split('\n')[2]!;
    let rebuilt = '镇(街道)便民服务中心建设标准一级指标二级指标序号三级指标(58个)必要条件示范型标准型';
    let l1 = '';
    let l2 = '';
    for (const r of rows) {
      if (r.l1 !== l1) rebuilt += (l1 = r.l1);
      if (r.l2 !== l2) rebuilt += (l2 = r.l2);
      rebuilt += r.n + r.text + r.ticks;
    }
    expect(rebuilt).toBe(body);
  });

  it('has the tick counts the design notes report: 24 √√, 15 √, 18 none, plus the cut-off 58', () => {
    const count = (t: string) => rows.filter((r) => r.ticks === t && r.n !== '58').length;
    expect([count('√√'), count('√'), count('')]).toEqual([24, 15, 18]);
  });
});

describe('rubric township-center-2022 against the source', async () => {
  const r = await rubric('township-center-2022');

  it('encodes all 58 indicators, in source order, under 4 first-level and 20 second-level headings', () => {
    expect(r.indicators.map((i) => i.id)).toEqual(rows.map((x) => x.n));
    expect(r.sections).toHaveLength(4);
    expect(r.sections.flatMap((s) => s.sections)).toHaveLength(20);
  });

  it.each(rows)('indicator $n quotes the source verbatim, cites it and carries its ticks', (row) => {
    const ind = r.byId.get(row.n)!;
    expect(ind.text).toBe(row.text);
    expect(ind.source.file).toBe('standards/township-center-58-indicators.md');
    expect(ind.source.part).toBe(`${row.l1} › ${row.l2} › 第${row.n}项`);
    expect(ind.section).toEqual([row.l1, row.l2]);
    const expected = row.ticks === '√√' ? ['standard', 'demonstration'] : row.ticks === '√' ? ['demonstration'] : [];
    expect(ind.necessaryFor).toEqual(expected);
    expect(ind.guidance.inspect.length).toBeGreaterThan(0);
    expect(ind.guidance.evidence.length).toBeGreaterThan(0);
  });

  it('marks indicator 58 as truncated and not necessary', () => {
    const ind = r.byId.get('58')!;
    expect(ind.truncated).toBe(true);
    expect(ind.necessaryFor).toEqual([]);
    expect(ind.note).toMatch(/中断/);
    expect(r.indicators.filter((i) => i.truncated).map((i) => i.id)).toEqual(['58']);
  });

  const numeric = (id: string) => {
    const c = r.byId.get(id)!.check;
    if (c.kind !== 'number') throw new Error(`indicator ${id} is ${c.kind}`);
    return c;
  };

  it.each([
    ['4', 'm²', [{ tier: 'standard', op: '>=', value: 100 }, { tier: 'demonstration', op: '>=', value: 150 }]],
    ['23', '%', [{ tier: null, op: '>=', param: 'one_net_rate' }]],
    ['36', '%', [{ tier: 'demonstration', op: '>=', value: 99 }]],
    ['41', '天', [{ tier: null, op: '>=', value: 30 }]],
    ['46', '%', [{ tier: 'standard', op: '>=', value: 20 }, { tier: 'demonstration', op: '>=', value: 30 }]],
    ['47', '%', [{ tier: null, op: '>=', value: 50 }]],
  ])('indicator %s has unit %s and thresholds %j (以上/不少于/不低于 include the number)', (id, unit, reqs) => {
    const c = numeric(id);
    expect(c.unit).toBe(unit);
    expect(c.requirements).toEqual(reqs);
    expect(c.minimum).toBe(0);
    if (unit === '%') expect(c.maximum).toBe(100);
  });

  it('keeps the year-dependent 一网通办率 as data: 90% for 2022', () => {
    expect(r.parameters.one_net_rate?.by_year).toEqual({ '2022': 90 });
    expect(r.byId.get('23')!.text).toContain('2022年须不低于90%');
  });

  it('states the source thresholds in each numeric indicator text', () => {
    expect(r.byId.get('4')!.text).toMatch(/示范型一般不少于150平方米,标准型一般不少于100平方米/);
    expect(r.byId.get('36')!.text).toMatch(/示范型须达到99%以上/);
    expect(r.byId.get('41')!.text).toMatch(/不低于30天/);
    expect(r.byId.get('46')!.text).toMatch(/示范型须达到30%以上,标准型须达到20%以上/);
    expect(r.byId.get('47')!.text).toMatch(/45岁以下工作人员占比50%以上/);
  });
});
