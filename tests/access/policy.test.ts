import { describe, expect, it } from 'vitest';
import { decide, originFor } from '../../src/access/policy.js';
import type { Action, Actor } from '../../src/domain/people.js';

const COUNTY = ['330201000000'];
const TOWN = [...COUNTY, '330201101000'];
const VILLAGE = [...TOWN, '330201101201'];
const OTHER_TOWN = [...COUNTY, '330201102000'];
const OTHER_COUNTY = ['330202000000', '330202101000'];

const admin: Actor = { role: 'admin', scope: null };
const inspector: Actor = { role: 'county_inspector', scope: COUNTY[0]! };
const staff: Actor = { role: 'township_staff', scope: TOWN[1]! };
const viewer: Actor = { role: 'viewer', scope: TOWN[1]! };

describe('the access policy', () => {
  it.each<[string, Actor, readonly string[] | null, Action, string?, string?]>([
    ['admin may do anything anywhere', admin, OTHER_COUNTY, 'manage', undefined, 'allow'],
    ['an inspector reads and writes the whole county', inspector, VILLAGE, 'write', undefined, 'allow'],
    ['an inspector certifies inspections', inspector, TOWN, 'certify', 'inspection', 'allow'],
    ['an inspector does not rewrite a self-check', inspector, TOWN, 'write', 'self_check', 'forbidden'],
    ['an inspector does not manage units or tokens', inspector, COUNTY, 'manage', undefined, 'forbidden'],
    ['another county does not exist for an inspector', inspector, OTHER_COUNTY, 'read', undefined, 'not_found'],
    ['township staff write their own township', staff, TOWN, 'write', undefined, 'allow'],
    ['township staff read their villages', staff, VILLAGE, 'read', undefined, 'allow'],
    ['but do not write them', staff, VILLAGE, 'write', undefined, 'forbidden'],
    ['nor certify anything', staff, TOWN, 'certify', 'self_check', 'forbidden'],
    ['nor touch an inspection of their own township', staff, TOWN, 'write', 'inspection', 'forbidden'],
    ['nor see the county above them', staff, COUNTY, 'read', undefined, 'not_found'],
    ['nor a neighbouring township', staff, OTHER_TOWN, 'read', undefined, 'not_found'],
    ['a viewer reads in scope', viewer, VILLAGE, 'read', undefined, 'allow'],
    ['a viewer never writes', viewer, TOWN, 'write', undefined, 'forbidden'],
    ['out of scope, even a write is simply not found', viewer, OTHER_TOWN, 'write', undefined, 'not_found'],
    ['with no unit named, reading is allowed (results are scoped)', viewer, null, 'read', undefined, 'allow'],
    ['with no unit named, managing is still refused', inspector, null, 'manage', undefined, 'forbidden'],
    ['township staff report rectification for their township', staff, TOWN, 'rectify', undefined, 'allow'],
    ['and for its villages', staff, VILLAGE, 'rectify', undefined, 'allow'],
    ['but never review it', staff, TOWN, 'review', undefined, 'forbidden'],
    ['nor report for a neighbouring township', staff, OTHER_TOWN, 'rectify', undefined, 'not_found'],
    ['an inspector reviews rectification and grants exemptions in the county', inspector, VILLAGE, 'review', undefined, 'allow'],
    ['but does not report it for the township', inspector, TOWN, 'rectify', undefined, 'forbidden'],
    ['nor reviews in another county', inspector, OTHER_COUNTY, 'review', undefined, 'not_found'],
    ['a viewer neither reports nor reviews', viewer, TOWN, 'rectify', undefined, 'forbidden'],
    ['a viewer never reviews', viewer, VILLAGE, 'review', undefined, 'forbidden'],
  ])('%s', (_, actor, ancestry, action, origin, expected) => {
    expect(decide(actor, { ancestry, ...(origin ? { origin: origin as 'inspection' } : {}) }, action)).toBe(expected);
  });

  it('township staff record self-checks; everyone else inspections', () => {
    expect([originFor('township_staff'), originFor('county_inspector'), originFor('admin'), originFor('viewer')]).toEqual(['self_check', 'inspection', 'inspection', 'inspection']);
  });
});
