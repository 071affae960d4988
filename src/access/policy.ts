// Who may do what to which unit: one pure function, so the HTTP layer can be tested against it as a property.
//
// A unit is seen through its ancestry (county → township → village codes). A principal sees the subtree under its
// scope. Anything outside that subtree does not exist for it (404, the same answer as a unit that really does not
// exist, so scopes cannot be probed); inside, the role decides whether the action is allowed (else 403).

export type Role = 'admin' | 'county_inspector' | 'township_staff' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'county_inspector', 'township_staff', 'viewer'];

export const ROLE_ZH: Readonly<Record<Role, string>> = {
  admin: '管理员',
  county_inspector: '县级考核人员',
  township_staff: '镇(街道)工作人员',
  viewer: '只读用户',
};

/**
 * read: see records and reports.
 * write: create a record, or amend a draft.
 * certify: finalize a record, or amend a finalized one: what makes or changes an official record.
 * manage: units and tokens.
 */
export type Action = 'read' | 'write' | 'certify' | 'manage';
export const ACTIONS: readonly Action[] = ['read', 'write', 'certify', 'manage'];

export interface Actor {
  role: Role;
  /** The unit whose subtree the actor sees; null only for admin. */
  scope: string | null;
}

/** Who is asking: an actor with a name for the log. */
export interface Principal extends Actor {
  name: string;
}

/** A county inspection counts in rankings and circulars; a township's self-check never does. */
export type Origin = 'inspection' | 'self_check';

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
      return action === 'manage' ? 'forbidden' : 'allow';
    case 'township_staff':
      // Self-check only: their own township's records, never a village's, and never an official one.
      if (action === 'read') return 'allow';
      return action === 'write' && ancestry !== null && ancestry[ancestry.length - 1] === actor.scope ? 'allow' : 'forbidden';
    case 'viewer':
      return action === 'read' ? 'allow' : 'forbidden';
  }
}

/** A township's staff record self-checks; everyone else records inspections. */
export const originFor = (role: Role): Origin => (role === 'township_staff' ? 'self_check' : 'inspection');

/** Acts for the service itself (demo seeding, start-up): never a request's principal. */
export const SYSTEM: Principal = { name: 'system', role: 'admin', scope: null };

/** The scope a role must have: admin none; the others a unit of the right level. */
export const SCOPE_LEVEL: Readonly<Record<Role, 'county' | 'township' | 'any' | null>> = {
  admin: null,
  county_inspector: 'county',
  township_staff: 'township',
  viewer: 'any',
};
