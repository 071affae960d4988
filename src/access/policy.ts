// Who may do what to which unit: one pure function, so the HTTP layer can be tested against it as a property.
//
// A unit is seen through its ancestry (county → township → village codes). A principal sees the subtree under its
// scope. Anything outside that subtree does not exist for it (404, the same answer as a unit that really does not
// exist, so scopes cannot be probed); inside, the role decides whether the action is allowed (else 403).

import type { Action, Actor, Role } from '../domain/people.js';
import type { Origin } from '../domain/records.js';

export interface Target {
  /** The unit's codes from the top of the tree down to the unit itself; null when the request names no unit. */
  ancestry: readonly string[] | null;
  /** For an existing record: whose kind of record it is. */
  origin?: Origin;
}

export type Decision = 'allow' | 'not_found' | 'forbidden';

export function decide(actor: Actor, target: Target, action: Action): Decision {
  if (actor.role === 'admin') return 'allow';
  const { ancestry, origin } = target;
  if (ancestry !== null && (actor.scope === null || !ancestry.includes(actor.scope))) return 'not_found';
  // An inspector does not rewrite a township's self-check, and a township never touches the county's inspection.
  if (origin !== undefined && action !== 'read' && origin !== originFor(actor.role)) return 'forbidden';
  switch (actor.role) {
    case 'county_inspector':
      // The township reports on its rectification; the inspector reviews it (one does not mark one's own work).
      return action === 'manage' || action === 'rectify' ? 'forbidden' : 'allow';
    case 'township_staff':
      // Rectification is reported for every unit of the township, its villages included.
      if (action === 'read' || action === 'rectify') return 'allow';
      // Self-check only: their own township's records, never a village's, and never an official one.
      return action === 'write' && ancestry !== null && ancestry[ancestry.length - 1] === actor.scope ? 'allow' : 'forbidden';
    case 'viewer':
      return action === 'read' ? 'allow' : 'forbidden';
  }
}

/** A township's staff record self-checks; everyone else records inspections. */
export const originFor = (role: Role): Origin => (role === 'township_staff' ? 'self_check' : 'inspection');

/** The scope a role must have: admin none; the others a unit of the right level. */
export const SCOPE_LEVEL: Readonly<Record<Role, 'county' | 'township' | 'any' | null>> = {
  admin: null,
  county_inspector: 'county',
  township_staff: 'township',
  viewer: 'any',
};
