// The README's worked examples of the rubric language, run as a county would run them: each example rubric in
// fixtures/language/ is loaded by path through the public loader (its citations beside it in standards/), each
// submission scored with `assess`, and the result compared with what the README states. The expected numbers are
// read from the README's own marker lines, so the README and these tests cannot drift apart:
//   <!-- example: RUBRIC SUBMISSION key=value … -->   (keys below)
//   <!-- misuse: RUBRIC path=/json/pointer line=N -->
// Every expected number was worked out by hand from the source rule, in the README paragraph beside its marker.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { formatText } from '../../src/format/text.js';
import { loadRubricFile, PACKAGE_ROOT } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/rubric/model.js';

const README = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
const FIXTURES = join(PACKAGE_ROOT, 'fixtures', 'language');

/** The README's "### The rubric language" section, up to the next heading of the same or a higher level. */
function languageSection(text: string): string {
  const start = text.indexOf('\n### The rubric language\n');
  expect(start, 'README has a "### The rubric language" section').toBeGreaterThan(0);
  const rest = text.slice(start + 1);
  const end = rest.slice(4).search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end + 4);
}

interface Marker {
  kind: 'example' | 'misuse';
  rubric: string;
  submission?: string;
  expect: Map<string, string>;
  /** The README text between the previous marker and this one: the paragraph that works the example out. */
  prose: string;
}

function markers(section: string): Marker[] {
  const found: Marker[] = [];
  const re = /<!-- (example|misuse): (.+?) -->/g;
  let last = 0;
  for (let m = re.exec(section); m; m = re.exec(section)) {
    const words = m[2]!.trim().split(/\s+/);
    const kind = m[1] as Marker['kind'];
    const rubric = words.shift()!;
    const submission = kind === 'example' ? words.shift()! : undefined;
    const expectations = new Map(words.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] as const));
    found.push({ kind, rubric, ...(submission ? { submission } : {}), expect: expectations, prose: section.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  return found;
}

const section = languageSection(README);
const all = markers(section);
const examples = all.filter((m) => m.kind === 'example');
const misuses = all.filter((m) => m.kind === 'misuse');

const rubrics = new Map<string, Promise<Rubric>>();
const load = (path: string) => {
  let r = rubrics.get(path);
  if (!r) rubrics.set(path, (r = loadRubricFile(join(PACKAGE_ROOT, path))));
  return r;
};
const submission = (path: string): unknown => JSON.parse(readFileSync(join(PACKAGE_ROOT, path), 'utf8'));
const number = (s: string) => (s === 'null' ? null : Number(s));
/** A number as written in the README's prose, not as part of a longer number. */
const mentioned = (prose: string, n: string) => new RegExp(`(?<![\\d.])${n.replace('.', '\\.').replace('-', '[-−]')}(?![\\d]|\\.\\d)`).test(prose);

describe('the README works an example for every construct of the rubric language', () => {
  it('has an example marker for every example rubric in fixtures/language/, and a misuse marker for every misuse rubric', () => {
    const yamls = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/language/${f}`);
    const misuseYamls = readdirSync(join(FIXTURES, 'misuse')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/language/misuse/${f}`);
    expect(yamls.length).toBeGreaterThanOrEqual(12);
    expect(yamls.filter((y) => !examples.some((e) => e.rubric === y))).toEqual([]);
    expect(misuseYamls.filter((y) => !misuses.some((e) => e.rubric === y))).toEqual([]);
    expect(misuseYamls).toHaveLength(4);
  });

  it('every example rubric in fixtures/language/ validates, its citations found beside it', async () => {
    for (const f of readdirSync(FIXTURES).filter((x) => x.endsWith('.yaml'))) {
      const r = await load(`fixtures/language/${f}`);
      expect(r.id).toMatch(/^language-/);
    }
  });
});

describe.each(examples.map((e) => [`${e.rubric} ${e.submission}`, e] as const))('README example %s', (_name, ex) => {
  it('scores as the README states, by the hand computation beside it', async () => {
    const r = await load(ex.rubric);
    const input = submission(ex.submission!);
    const refused = ex.expect.get('refused');
    if (refused) {
      const [code, path] = refused.split('@');
      let error: unknown;
      try {
        assess(r, input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AuditError);
      expect((error as AuditError).problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, path })]));
      expect(ex.prose).toContain(code);
      return;
    }
    const a = assess(r, input);
    let checked = 0;
    for (const [key, want] of ex.expect) {
      checked++;
      const [what, id] = key.includes(':') ? key.split(':') : [key, undefined];
      switch (what) {
        case 'score':
          expect(a.score, 'score').toBe(number(want));
          // The paragraph beside the marker shows the computation ending in this number.
          expect(mentioned(ex.prose, want), `the README paragraph shows the score ${want}`).toBe(true);
          break;
        case 'grade':
          expect(a.grade?.label, 'grade').toBe(want);
          break;
        case 'result':
          expect(a.result.label, 'result').toBe(want);
          break;
        case 'passed':
          expect(a.result.passed, 'passed').toBe(want === 'true');
          break;
        case 'section': {
          const s = a.sections?.find((x) => x.id === id);
          expect(s, `section ${id}`).toBeDefined();
          expect(s!.subtotal, `subtotal of section ${id}`).toBe(number(want));
          break;
        }
        case 'deducted':
          expect(a.results.find((x) => x.id === id)?.points?.deducted, `points deducted by ${id}`).toBe(number(want));
          break;
        case 'bonus':
          expect(a.results.find((x) => x.id === id)?.points?.bonus, `bonus of ${id}`).toBe(number(want));
          break;
        case 'status':
          expect(a.results.find((x) => x.id === id)?.status, `status of ${id}`).toBe(want);
          break;
        case 'value':
          expect(a.results.find((x) => x.id === id)?.computed?.value, `computed value of ${id}`).toBe(number(want));
          break;
        case 'gaps':
          expect(a.gaps[id!], `what blocks ${id}`).toEqual(want.split(','));
          break;
        case 'self':
          expect(a.self_assessment?.total, 'self-score total').toBe(number(want));
          break;
        case 'difference':
          expect(a.self_assessment?.difference, 'self-score difference').toBe(number(want));
          break;
        case 'complete':
          expect(a.self_assessment?.complete, 'self-scores cover the table').toBe(want === 'true');
          break;
        default:
          throw new Error(`unknown key ${key} in the README marker for ${ex.rubric} ${ex.submission}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe.each(misuses.map((m) => [m.rubric, m] as const))('README misuse %s', (_name, m) => {
  it('is refused with the YAML path and line the README shows', async () => {
    let error: unknown;
    try {
      await loadRubricFile(join(PACKAGE_ROOT, m.rubric));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuditError);
    const path = m.expect.get('path')!;
    const line = Number(m.expect.get('line'));
    expect((error as AuditError).problems).toEqual(expect.arrayContaining([expect.objectContaining({ path, line, file: m.rubric })]));
    expect(m.prose).toContain(`${m.rubric.replace('fixtures/language/', '')}:${line}`);
    expect(m.prose).toContain(path);
  });
});

describe('what the examples show besides the score', () => {
  const scored = async (rubric: string, sub: string) => {
    const r = await load(`fixtures/language/${rubric}`);
    return { r, a: assess(r, submission(`fixtures/language/${sub}`)) };
  };

  it('a tally answer carries its counts per rate into the reason (rates.yaml)', async () => {
    const { a } = await scored('rates.yaml', 'rates-a.json');
    expect(a.results.find((x) => x.id === 'cards')!.reason).toContain('黄牌 2 个、红牌 1 个');
    expect(a.results.find((x) => x.id === 'absent')!.reason).toContain('乡检查发现 1 次、区抽查发现 1 次');
  });

  it('a rate computed from counts shows the value and the counts (computed.yaml)', async () => {
    const { a } = await scored('computed.yaml', 'computed-a.json');
    expect(a.results.find((x) => x.id === 'callback')!.computed).toEqual({ value: 50, unit: '%', counts: { called: 1, bad: 2 } });
  });

  it('a bonus by who awarded it says what it added, not that it was "not to happen" (bonus.yaml)', async () => {
    const { a } = await scored('bonus.yaml', 'bonus-a.json');
    const awards = a.results.find((x) => x.id === 'awards')!;
    expect(awards.points!.bonus).toBe(7);
    expect(awards.reason).toContain('加 7 分');
    expect(awards.reason).not.toContain('要求不得发生');
  });

  it('an escalated occurrence is named in both rules (escalation.yaml)', async () => {
    const { a } = await scored('escalation.yaml', 'escalation-a.json');
    expect(a.results.find((x) => x.id === 'late')!.reason).toContain('其中 1 次按旷工处理（计入指标 truant）');
    expect(a.results.find((x) => x.id === 'truant')!.reason).toContain('另有 1 次由指标 late 转入（按旷工处理）');
  });

  it('an automatic 不适用 gives the condition as its reason; a refused one names the condition (applies.yaml)', async () => {
    const { r, a } = await scored('applies.yaml', 'applies-screen.json');
    expect(a.results.find((x) => x.id === 'spec')!.reason).toBe('不适用：指标 sign“窗口吊牌或电子吊屏”为“窗口吊牌”时才适用，本次指标 sign 为“电子吊屏”');
    expect(() => assess(r, submission('fixtures/language/applies-refused.json'))).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: 'NA_NOT_ALLOWED', message: expect.stringContaining('为“窗口吊牌”时必须检查') })] }),
    );
  });

  it('a year without its holiday notice is refused, never guessed (calendar.yaml)', async () => {
    const r = await load('fixtures/language/calendar.yaml');
    expect(() => assess(r, submission('fixtures/language/calendar-2024-12.json'))).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: 'CALENDAR_MISSING', path: '/period', message: expect.stringContaining('没有 2024 年的法定节假日安排') })] }),
    );
  });

  it('a zero denominator the rubric does not allow as 不适用 is an error that does not suggest 不适用 (computed.yaml)', async () => {
    const r = await load('fixtures/language/computed.yaml');
    let error: AuditError | undefined;
    try {
      assess(r, submission('fixtures/language/computed-c.json'));
    } catch (e) {
      error = e as AuditError;
    }
    expect(error?.problems).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', path: '/answers/rating', message: expect.stringContaining('评价总数为 0') })]);
    // The rating item allows no 不适用 (no na in the rubric), so the message must not offer it.
    expect(error!.problems[0]!.message).not.toContain('不适用');
  });

  it('the tailoring lists each change with its reason (tailored.yaml)', async () => {
    const { r, a } = await scored('tailored.yaml', 'tailored-a.json');
    expect(r.definition.derived_from).toMatchObject({ id: 'language-budgets', version: '1' });
    expect(r.definition.derived_from!.changes).toHaveLength(2);
    expect(a.results.find((x) => x.id === 'dress')).toMatchObject({ status: 'not_applicable', reason_code: 'COUNTY_NOT_APPLICABLE' });
    expect(formatText(a, r)).toContain('本县窗口人员不统一着装');
  });

  it('the text report of a points rubric with stars says the grade and the star reached (stars.yaml)', async () => {
    const { r, a } = await scored('stars.yaml', 'stars-b.json');
    expect(a.tier_label).toBe('三星');
    expect(formatText(a, r)).toMatch(/考核等级：合格[^\n]*\n达到等级：三星\n/);
  });
});
