import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import { fixture, passingAnswers, rubric, submission } from '../support/rubrics.js';

const r = await rubric('township-center-2022');
const load = (name: string) => JSON.parse(readFileSync(fixture('township-center-2022', `${name}.json`), 'utf8'));
const full = (over: Record<string, unknown> = {}) => assess(r, submission(r, { ...passingAnswers(r), ...over }));

describe('the three township fixtures score as labelled', () => {
  it('demonstration.json reaches 示范型 with no gaps', () => {
    const a = assess(r, load('demonstration'));
    expect(a.tier).toBe('demonstration');
    expect(a.tier_label).toBe('示范型');
    expect(a.gaps).toEqual({});
    expect(a.completeness.complete).toBe(true);
    expect(a.counts).toMatchObject({ not_applicable: 1, unmet: 0 });
  });

  it('standard.json reaches 标准型, and lists what blocks 示范型 with numeric distances', () => {
    const a = assess(r, load('standard'));
    expect(a.tier).toBe('standard');
    expect(a.gaps).toEqual({ demonstration: ['4', '7', '12', '27', '36', '46'] });
    const demo = a.tiers.find((t) => t.id === 'demonstration')!;
    expect(demo.blocking.find((b) => b.id === '4')!.shortfall).toMatchObject({ required: 150, value: 120, difference: 30, unit: 'm²' });
    expect(demo.blocking.find((b) => b.id === '36')!.shortfall).toMatchObject({ required: 99, value: 97.5, difference: 1.5 });
    expect(demo.blocking.find((b) => b.id === '12')!.missing_items).toEqual(['急救设施']);
  });

  it('neither.json reaches no tier; an unanswered necessary indicator blocks and is reported as incomplete', () => {
    const a = assess(r, load('neither'));
    expect(a.tier).toBeNull();
    expect(a.gaps.standard).toEqual(['4', '23', '32', '46', '54']);
    expect(a.gaps.demonstration).toEqual(['4', '7', '23', '32', '36', '46', '54']);
    expect(a.completeness).toEqual({ complete: false, unanswered: ['32', '58'], unanswered_necessary: ['32'] });
    expect(a.results.find((x) => x.id === '32')!.status).toBe('not_assessed');
  });
});

describe('threshold boundaries (以上/不少于/不低于 include the number)', () => {
  const tierOf = (over: Record<string, unknown>) => full(over).tier;
  it.each([
    ['4', 150, 'demonstration'],
    ['4', 149.99, 'standard'],
    ['4', 100, 'standard'],
    ['4', 99.9, null],
    ['46', 30, 'demonstration'],
    ['46', 29.9, 'standard'],
    ['46', 20, 'standard'],
    ['46', 19.99, null],
    ['36', 99, 'demonstration'],
    ['36', 98.9, 'standard'],
    ['23', 90, 'demonstration'],
    ['23', 89.9, null],
  ])('indicator %s = %s gives tier %s', (id, value, tier) => {
    expect(tierOf({ [id]: value })).toBe(tier);
  });

  it.each([
    ['41', 30, 'met'],
    ['41', 29, 'unmet'],
    ['47', 50, 'met'],
    ['47', 49.9, 'unmet'],
  ])('non-necessary indicator %s = %s is %s and never changes the tier', (id, value, status) => {
    const a = full({ [id]: value });
    expect(a.results.find((x) => x.id === id)!.status).toBe(status);
    expect(a.tier).toBe('demonstration');
  });

  it('reports per-tier outcomes for a two-threshold indicator and earns half its weight between them', () => {
    const res = full({ '4': 120 }).results.find((x) => x.id === '4')!;
    expect(res.status).toBe('unmet');
    expect(res.tier_status).toEqual({ standard: 'met', demonstration: 'unmet' });
    expect(res.credit).toBe(0.5);
    expect(res.reason).toContain('达到标准型要求');
    expect(res.reason).toContain('差 30 m²');
  });
});

describe('year parameters are data', () => {
  it('uses the 2022 value for a 2022 period without warning', () => {
    const a = assess(r, submission(r, passingAnswers(r), { period: '2022-06' }));
    expect(a.parameters).toEqual([{ name: 'one_net_rate', label: '一网通办率年度要求', year: 2022, value: 90, from_year: 2022 }]);
    expect(a.warnings).toEqual([]);
  });

  it('carries the latest value forward visibly for a later year', () => {
    const a = full();
    expect(a.parameters[0]).toMatchObject({ year: 2026, from_year: 2022, value: 90 });
    expect(a.warnings.map((w) => w.code)).toEqual(['PARAMETER_CARRIED_FORWARD']);
  });

  it('refuses a period before any configured year instead of guessing', () => {
    expect(() => assess(r, submission(r, passingAnswers(r), { period: '2021-12' }))).toThrow(AuditError);
    try {
      assess(r, submission(r, passingAnswers(r), { period: '2021-12' }));
    } catch (e) {
      expect((e as AuditError).problems).toMatchObject([{ code: 'PARAMETER_UNDEFINED', path: '/period' }]);
    }
  });

  it('follows a county that adds the 2026 requirement to the rubric', () => {
    const def = structuredClone(r.definition);
    def.parameters!.one_net_rate!.by_year['2026'] = 95;
    const r2 = rubricFromDefinition(def);
    const a = assess(r2, submission(r2, { ...passingAnswers(r2), '23': 94 }));
    expect(a.tier).toBeNull();
    expect(a.results.find((x) => x.id === '23')!.shortfalls[0]).toMatchObject({ required: 95, difference: 1 });
    expect(a.rubric.hash).not.toBe(r.hash);
  });
});

describe('unanswered and not-applicable indicators', () => {
  it('an unanswered indicator never counts as met and stays in the score denominator', () => {
    const answers = passingAnswers(r);
    delete answers['1'];
    const a = assess(r, submission(r, answers));
    expect(a.results[0]!.status).toBe('not_assessed');
    expect(a.tier).toBeNull();
    expect(a.score_detail).toMatchObject({ earned: 57, possible: 58 });
  });

  it('an empty submission scores 0, reaches no tier, and lists every necessary indicator as unanswered', () => {
    const a = assess(r, submission(r, {}));
    expect(a.score).toBe(0);
    expect(a.tier).toBeNull();
    expect(a.completeness.unanswered_necessary).toHaveLength(39);
  });

  it('N/A with a reason is accepted where allowed, leaves the denominator and does not block', () => {
    const a = full({ '39': { status: 'not_applicable', reason: '纯居住型街道，无投资项目' } });
    expect(a.tier).toBe('demonstration');
    expect(a.score_detail.possible).toBe(57);
    expect(a.results.find((x) => x.id === '39')).toMatchObject({ status: 'not_applicable', credit: null, reason: '不适用：纯居住型街道，无投资项目' });
  });

  it('defines the outcome when every indicator is N/A: no tier, no score, flagged', () => {
    const def = structuredClone(r.definition);
    const first = def.sections[0]!.sections![0]!;
    def.sections = [{ ...def.sections[0]!, sections: [{ ...first, indicators: first.indicators!.map((i) => ({ ...i, na: { allowed: true, when: '测试' } })) as typeof first.indicators }] }];
    const small = rubricFromDefinition(def);
    const na = { status: 'not_applicable', reason: '测试' };
    const a = assess(small, submission(small, { '1': na, '2': na }));
    expect(a).toMatchObject({ tier: null, score: null, all_not_applicable: true, gaps: { standard: [], demonstration: [] } });
    expect(a.counts).toMatchObject({ total: 2, not_applicable: 2 });
  });
});

describe('a county tier rule as data: min_score', () => {
  it('withholds a tier whose necessary conditions are met when the score is below its min_score', () => {
    const def = structuredClone(r.definition);
    def.tiers![1]!.min_score = 95;
    const r2 = rubricFromDefinition(def);
    const answers = { ...passingAnswers(r2), '9': [], '10': false, '15': [], '16': false };
    const a = assess(r2, submission(r2, answers));
    expect(a.tier).toBe('standard');
    expect(a.gaps.demonstration).toEqual([]);
    expect(a.tiers[1]).toMatchObject({ min_score: 95, reached: false });
    expect(a.tiers[1]!.score_short).toBeCloseTo(95 - a.score!, 2);
  });
});

describe('the assessment is pinned and valid', () => {
  it('carries rubric id, version, content hash and the engine version', () => {
    const a = full();
    expect(a.rubric).toEqual({ id: 'township-center-2022', version: '2022.2', hash: r.hash });
    expect(a.rubric.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(a.engine_version).toBe(pkg.version);
  });
});
