import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { annualAccumulation } from '../../src/periods/annual.js';
import { countySummary } from '../../src/periods/county.js';
import { quarterlyCircular } from '../../src/periods/quarter.js';
import { DEFAULT_RANKING, periodStanding, rank, type Rankable, type RankingRule, rankingRule, ruleText } from '../../src/periods/ranking.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import type { Rubric } from '../../src/rubric/model.js';
import type { Assessment } from '../../src/schema/generated/assessment.js';
import { answersFor, fixture, rubric } from '../support/rubrics.js';

const county = await rubric('county-monthly-assessment');
const tc = await rubric('township-center-2022');
const json = (id: string, name: string) => JSON.parse(readFileSync(fixture(id, `${name}.json`), 'utf8'));

type Level = 'township' | 'village';
const row = (code: string, band: number, value: number | null, level: Level = 'township'): Rankable => ({ unit: { code, name: code, level }, band, value });
const show = (rows: Rankable[], rule: RankingRule, best: 'highest' | 'lowest' = 'highest') => rank(rows, rule, best).map(({ rank: n, row: r, group }) => `${group ? group[0] : '-'}${n}:${r.unit.code}`);

describe('the ranking rule', () => {
  // band: 4 优秀, 3 良好, 2 合格, 1 不合格 (a veto ranks as 不合格 whatever its score).
  const issue = [row('vetoed', 1, 93.35), row('good', 3, 89.24), row('pass', 2, 78.5)];

  it.each<[string, Rankable[], RankingRule, 'highest' | 'lowest', string[]]>([
    ['band first: a vetoed 93.35 (不合格) below 89.24 良好 and 78.50 合格', issue, DEFAULT_RANKING, 'highest', ['t1:good', 't2:pass', 't3:vetoed']],
    ['by score alone, when the rubric says so', issue, { by: 'score', levels: 'separate' }, 'highest', ['t1:vetoed', 't2:good', 't3:pass']],
    ['within a band by value; ties share a rank, listed by code, and the next rank is skipped', [row('c', 2, 80), row('b', 2, 85), row('a', 2, 80), row('d', 2, 70)], DEFAULT_RANKING, 'highest', ['t1:b', 't2:a', 't2:c', 't4:d']],
    ['the same value in different bands is no tie', [row('a', 1, 80), row('b', 2, 80)], DEFAULT_RANKING, 'highest', ['t1:b', 't2:a']],
    ['units without a value last in their band', [row('a', 2, null), row('b', 2, 60), row('c', 1, 99)], DEFAULT_RANKING, 'highest', ['t1:b', 't2:a', 't3:c']],
    ['fewest first for deductions, bands still first', [row('a', 2, 10), row('b', 2, 4), row('c', 1, 0)], DEFAULT_RANKING, 'lowest', ['t1:b', 't2:a', 't3:c']],
    ['levels ranked apart, townships first, each from 1',
      [row('v1', 4, 99, 'village'), row('t1', 2, 70), row('v2', 1, 95, 'village'), row('t2', 3, 88)], DEFAULT_RANKING, 'highest', ['t1:t2', 't2:t1', 'v1:v1', 'v2:v2']],
    ['levels together, when the rubric says so',
      [row('v1', 4, 99, 'village'), row('t1', 2, 70), row('t2', 3, 88)], { by: 'standing', levels: 'together' }, 'highest', ['-1:v1', '-2:t2', '-3:t1']],
  ])('%s', (_, rows, rule, best, expected) => {
    expect(show(rows, rule, best)).toEqual(expected);
  });

  it('is the rubric’s data, defaulting to standing first and levels apart', () => {
    expect(rankingRule(county)).toEqual({ by: 'standing', levels: 'separate' });
    const def = structuredClone(county.definition);
    def.scoring.ranking = { by: 'score' };
    expect(rankingRule(rubricFromDefinition(def))).toEqual({ by: 'score', levels: 'separate' });
  });

  it('a rubric with an unknown ranking option is refused by its schema', () => {
    const def = structuredClone(county.definition) as unknown as { scoring: { ranking: unknown } };
    def.scoring.ranking = { by: 'luck' };
    expect(() => rubricFromDefinition(def)).toThrow();
  });

  it('is printed in words above every ranking', () => {
    expect(ruleText(county, DEFAULT_RANKING, '得分', 'highest')).toBe('名次先按考核等级（单项否决的计为不合格），同等级内再按得分从高到低排列，等级和得分都相同者名次相同，按单位代码排列；镇(街道)与村(社区)分别排名。');
    expect(ruleText(tc, { by: 'score', levels: 'separate' }, '季度平均分', 'highest')).toBe('名次按季度平均分从高到低排列，季度平均分都相同者名次相同，按单位代码排列。');
  });
});

describe('rankings of real assessments', () => {
  const submission = (name: string, unit: { code: string; name: string; level: Level }, period = '2026-11') => {
    const s = json('county-monthly-assessment', name);
    const answers = Object.fromEntries(Object.entries(s.answers as Record<string, unknown>).filter(([k]) => unit.level === 'village' || !['1.3', '5.1', '5.2'].includes(k)));
    return { ...s, unit, period, answers: answersFor(county, answers, period) };
  };
  const at = (name: string, unit: { code: string; name: string; level: Level }, period = '2026-11'): Assessment => assess(county, submission(name, unit, period));
  const T1 = { code: '330299101000', name: '东湖镇', level: 'township' as const };
  const T2 = { code: '330299102000', name: '西岭镇', level: 'township' as const };
  const T3 = { code: '330299003000', name: '南山街道', level: 'township' as const };
  const V1 = { code: '330299101201', name: '东湖村', level: 'village' as const };

  it('the county month: the vetoed unit below every unit that was not, with its veto items; villages ranked on their own', () => {
    const s = countySummary(county, [at('vetoed', T1), at('good', T2), at('poor', T3), at('excellent', V1)]);
    const vetoed = s.units.find((u) => u.unit.code === T1.code)!;
    expect(vetoed.score! > s.units.find((u) => u.unit.code === T2.code)!.score!).toBe(true);
    // Both 不合格 (one vetoed, one below 60): the higher score ranks first among them.
    expect(s.units.map((u) => [u.rank, u.unit.code, u.standing, u.veto])).toEqual([
      [1, T2.code, '良好', []],
      [2, T1.code, '不合格', ['7.4']],
      [3, T3.code, '不合格', []],
      [1, V1.code, '优秀', []],
    ]);
  });

  it('the quarter: a veto in any month makes the quarter 不合格; otherwise the grade of the mean', () => {
    const months = ['2026-10', '2026-11', '2026-12'];
    const q = quarterlyCircular(county, [...months.map((m, i) => at(i === 1 ? 'vetoed' : 'excellent', T1, m)), ...months.map((m) => at('good', T2, m))], 2026, 4);
    expect(q.units.map((u) => [u.rank, u.unit.code, u.quarterStanding, u.veto])).toEqual([
      [1, T2.code, '良好', []],
      [2, T1.code, '不合格', [{ period: '2026-11', items: ['7.4'] }]],
    ]);
    expect(periodStanding(county, [at('excellent', T1), at('good', T1)], 89.5)).toEqual({ band: 3, label: '良好', passed: true });
  });

  it('tiers: the period holds the lowest tier of its months', () => {
    const a = (name: string, period: string) => assess(tc, { ...json('township-center-2022', name), period });
    expect(periodStanding(tc, [a('demonstration', '2026-10'), a('standard', '2026-11')], 92)).toMatchObject({ label: '标准型', passed: true });
    expect(periodStanding(tc, [a('demonstration', '2026-10'), a('neither', '2026-11')], 80)).toMatchObject({ band: 0, passed: false });
  });

  it('the year ranks by its standing then its mean, levels apart', () => {
    const y = annualAccumulation(county, [at('vetoed', T1, '2026-01'), at('excellent', T1, '2026-02'), at('poor', T2, '2026-01'), at('good', T3, '2026-01'), at('good', T3, '2026-02'), at('excellent', V1, '2026-01')], 2026);
    const towns = y.units.filter((u) => u.unit.level === 'township');
    const mean = (code: string) => y.units.find((u) => u.unit.code === code)!.value!;
    expect(mean(T1.code)).toBeGreaterThan(mean(T3.code));
    // 良好 first, whatever the vetoed unit's mean; then the two 不合格 (a veto; a poor mean), the higher mean first.
    expect(towns.map((u) => [u.rank, u.unit.code, u.standing])).toEqual([[1, T3.code, '良好'], [2, T1.code, '不合格'], [3, T2.code, '不合格']]);
    expect(y.units.find((u) => u.unit.code === V1.code)!.rank).toBe(1);
  });

  it('a rubric that ranks by score alone, levels together, puts the vetoed unit by its score', () => {
    const def = structuredClone(county.definition);
    def.scoring.ranking = { by: 'score', levels: 'together' };
    const byScore: Rubric = rubricFromDefinition(def);
    const s = countySummary(byScore, [assess(byScore, submission('vetoed', T1)), assess(byScore, submission('good', T2)), assess(byScore, submission('excellent', V1))]);
    expect(s.units.map((u) => [u.rank, u.unit.code])).toEqual([[1, V1.code], [2, T1.code], [3, T2.code]]);
  });
});
