// The service layer on its own (no HTTP): every service over one embedded store, the bundled rubrics and a fixed
// clock, with a small county and a principal for each role.
import { readFileSync } from 'node:fs';
import type { Principal } from '../../src/domain/people.js';
import { listRubrics, rubricMap } from '../../src/rubric/load.js';
import type { Submission } from '../../src/schema/generated/submission.js';
import { createServices, type Services } from '../../src/service/index.js';
import type { Store } from '../../src/store/types.js';
import { NOW } from './api.js';
import { fixture } from './rubrics.js';
import { STORES } from './stores.js';

export const COUNTY = '330212000000';
export const OTHER_COUNTY = '330299000000';
export const TOWN = { code: '330212102000', name: '西岭镇', level: 'township' } as const;
export const VILLAGE = { code: '330212102201', name: '西岭村', level: 'village' } as const;

export const ADMIN: Principal = { name: 'admin', role: 'admin', scope: null };
export const INSPECTOR: Principal = { name: '张华', role: 'county_inspector', scope: COUNTY };
export const TOWNSHIP: Principal = { name: '李明', role: 'township_staff', scope: TOWN.code };
export const VIEWER: Principal = { name: '王芳', role: 'viewer', scope: COUNTY };
export const OUTSIDER: Principal = { name: '赵强', role: 'county_inspector', scope: OTHER_COUNTY };

export const standard = (over: Partial<Submission> = {}): Submission => ({
  ...(JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8')) as Submission),
  unit: TOWN,
  ...over,
});

/** Fresh services over a fresh embedded store, with two counties, a township and a village. */
export async function services(): Promise<{ store: Store; s: Services }> {
  const store = await STORES.find((k) => k.name === 'sqlite')!.open();
  const s = createServices({ store, rubrics: rubricMap(await listRubrics()), now: () => NOW });
  await s.units.import(
    [
      { code: COUNTY, name: '测试县', level: 'county', parent: null },
      { code: TOWN.code, name: TOWN.name, level: 'township', parent: COUNTY },
      { code: VILLAGE.code, name: VILLAGE.name, level: 'village', parent: TOWN.code },
      { code: OTHER_COUNTY, name: '别的县', level: 'county', parent: null },
    ],
    ADMIN,
  );
  return { store, s };
}
