// Who acts: roles, the actor a request is judged as, and the name it is logged under. Shared by the access
// policy, the store, the services and the API, so it lives apart from all of them.

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
 * rectify: report on a rectification order (start it, submit the report with evidence): the township's part.
 * review: review a report (pass, 销号; or send it back), and grant or revoke exemptions: the county's part.
 */
export type Action = 'read' | 'write' | 'certify' | 'manage' | 'rectify' | 'review';
export const ACTIONS: readonly Action[] = ['read', 'write', 'certify', 'manage', 'rectify', 'review'];

export interface Actor {
  role: Role;
  /** The unit whose subtree the actor sees; null only for admin. */
  scope: string | null;
}

/** Who is asking: an actor with a name for the log. */
export interface Principal extends Actor {
  name: string;
}

/** Acts for the service itself (demo seeding, start-up): never a request's principal. */
export const SYSTEM: Principal = { name: 'system', role: 'admin', scope: null };
