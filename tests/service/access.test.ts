// The authorisation layer, as every service meets it: out of scope reads as "not found", a role's missing right as
// "forbidden", and each refusal is appended to the record chain. (The policy itself is tested in tests/access.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/service/index.js';
import type { Store } from '../../src/store/types.js';
import { ADMIN, COUNTY, INSPECTOR, OTHER_COUNTY, OUTSIDER, services, standard, TOWN, TOWNSHIP, VIEWER } from '../support/services.js';

describe('every service goes through the authorisation layer', () => {
  let store: Store;
  let s: Services;
  beforeAll(async () => ({ store, s } = await services()));
  afterAll(() => store.close());

  const refusal = (p: Promise<unknown>) => p.then(() => 'allowed', (e: { code: string }) => e.code);

  it('assessments: a viewer may not record, an outsider cannot see, a township records self-checks only', async () => {
    expect(await refusal(s.assessments.create(standard(), VIEWER))).toBe('FORBIDDEN');
    expect(await refusal(s.assessments.create(standard(), OUTSIDER))).toBe('NOT_FOUND');
    const own = await s.assessments.create(standard({ period: '2026-09' }), TOWNSHIP);
    expect(own.origin).toBe('self_check');
    expect(await refusal(s.assessments.finalize(own.id, TOWNSHIP))).toBe('FORBIDDEN');
    // The county's inspector reads the self-check but does not rewrite it.
    expect((await s.assessments.get(own.id, INSPECTOR)).id).toBe(own.id);
    expect(await refusal(s.assessments.finalize(own.id, INSPECTOR))).toBe('FORBIDDEN');
    expect(await refusal(s.assessments.get(own.id, OUTSIDER))).toBe('NOT_FOUND');
  });

  it('reports, units, tokens and the chain each ask the same layer', async () => {
    expect(await refusal(s.reports.county('township-center-2022', '2026-09', COUNTY, OUTSIDER))).toBe('NOT_FOUND');
    expect(await refusal(s.reports.county('township-center-2022', '2026-09', COUNTY, VIEWER))).toBe('allowed');
    expect(await refusal(s.units.put({ code: '330212103000', name: '新镇', level: 'township', parent: COUNTY }, INSPECTOR))).toBe('FORBIDDEN');
    expect(await refusal(s.units.get(OTHER_COUNTY, VIEWER))).toBe('NOT_FOUND');
    expect((await s.units.list({}, VIEWER)).map((u) => u.code)).not.toContain(OTHER_COUNTY);
    expect(await refusal(s.tokens.list(INSPECTOR))).toBe('FORBIDDEN');
    expect(await refusal(s.chain.verify(VIEWER))).toBe('FORBIDDEN');
    expect(await refusal(s.chain.verify(ADMIN))).toBe('allowed');
  });

  it('each refusal is on the record chain, with who, what and why', async () => {
    const before = (await store.logHead()).seq;
    await refusal(s.assessments.create(standard({ period: '2026-08' }), VIEWER));
    const [entry] = await store.readLog(before + 1, 1);
    expect(entry).toMatchObject({ action: 'access.denied', actor: VIEWER.name, target: TOWN.code, payload: { role: 'viewer', scope: COUNTY, action: 'write', decision: 'forbidden' } });
  });
});
