// A demo county for a fresh embedded store: a county, three townships, five villages and three months of
// assessments, so the service has something to show on first start. Deterministic: same data every time.
import { checkKind } from '../checks/index.js';
import { previousMonth } from '../periods/calendar.js';
import type { Rubric } from '../rubric/model.js';
import { SYSTEM } from '../domain/people.js';
import type { Services } from '../service/index.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import type { Submission } from '../schema/generated/submission.js';

export const DEMO_COUNTY = '330299000000';

const TOWNSHIPS = [
  { code: '330299101000', name: '东湖镇便民服务中心', strength: 0.95 },
  { code: '330299102000', name: '西岭镇便民服务中心', strength: 0.8 },
  { code: '330299003000', name: '南山街道便民服务中心', strength: 0.6 },
];
const VILLAGES = [
  { code: '330299101201', name: '东湖村便民服务室', parent: '330299101000', strength: 0.95 },
  { code: '330299101202', name: '湖滨村便民服务室', parent: '330299101000', strength: 0.75 },
  { code: '330299102201', name: '西岭村便民服务室', parent: '330299102000', strength: 0.85 },
  { code: '330299102202', name: '上庄村便民服务室', parent: '330299102000', strength: 0.55 },
  { code: '330299003001', name: '南山社区便民服务室', parent: '330299003000', strength: 0.7 },
];

/** Answers that meet each indicator with a probability that grows with the unit's strength and the month. */
function answers(rubric: Rubric, level: UnitLevel, strength: number, seed: number, period: string): Submission['answers'] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Record<string, unknown> = {};
  for (const ind of rubric.indicators) {
    const ok = rnd() < strength;
    if (!ind.levels.includes(level)) continue;
    // A bonus item is a count of commendations: one when things go well, none otherwise.
    out[ind.id] = ind.bonus ? (ok ? 1 : 0) : checkKind(ind.check).demo(ind.check, ok, period);
  }
  return out as Submission['answers'];
}

const DEMO = { ...SYSTEM, name: 'demo' };

/** An administrator token for the demo, issued like any other (only its digest is kept); the secret is returned once. */
export async function demoToken(services: Services): Promise<string> {
  return (await services.tokens.create({ name: '演示管理员', role: 'admin', scope: null }, DEMO)).token;
}

export async function seedDemo(services: Services, period: string): Promise<{ assessments: number }> {
  await services.units.import([
    { code: DEMO_COUNTY, name: '示例县', level: 'county', parent: null },
    ...TOWNSHIPS.map((t) => ({ code: t.code, name: t.name, level: 'township', parent: DEMO_COUNTY })),
    ...VILLAGES.map((v) => ({ code: v.code, name: v.name, level: 'village', parent: v.parent })),
  ], DEMO);
  const months = [previousMonth(previousMonth(period)), previousMonth(period), period];
  const township = services.rubrics.get('township-center-2022');
  const county = services.rubrics.get('county-monthly-assessment');
  let n = 0;
  for (const [i, month] of months.entries()) {
    const finalize = i < months.length - 1; // past months are official records; the current one is still a draft
    // Past months were inspected on the 10th: their findings' working-day deadlines (and overdue ones) follow from it.
    const on = finalize ? { inspected_on: `${month}-10` } : {};
    for (const [j, t] of TOWNSHIPS.entries()) {
      for (const rubric of [township, county]) {
        const rec = await services.assessments.create(
          { rubric: rubric.id, unit: { code: t.code, name: t.name, level: 'township' }, period: month, ...on, inspector: '县政务服务办 演示', answers: answers(rubric, 'township', Math.min(1, t.strength + i * 0.03), 1000 * i + 10 * j + rubric.indicators.length, month) },
          DEMO,
        );
        if (finalize) await services.assessments.finalize(rec.id, DEMO);
        n++;
      }
    }
    for (const [j, v] of VILLAGES.entries()) {
      const rec = await services.assessments.create(
        { rubric: county.id, unit: { code: v.code, name: v.name, level: 'village' }, period: month, ...on, inspector: '镇便民服务中心 演示', answers: answers(county, 'village', Math.min(1, v.strength + i * 0.03), 7000 * i + j, month) },
        DEMO,
      );
      if (finalize) await services.assessments.finalize(rec.id, DEMO);
      n++;
    }
  }
  return { assessments: n };
}
