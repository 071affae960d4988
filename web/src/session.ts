// Who is signed in. The token lives in this tab's sessionStorage only: closing the tab or signing out forgets it.
import { reactive } from 'vue';

export type Role = 'admin' | 'county_inspector' | 'township_staff' | 'viewer';
export type Action = 'read' | 'write' | 'certify' | 'manage' | 'rectify' | 'review';

export interface Unit {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parent: string | null;
}

export interface Me {
  name: string;
  role: Role;
  role_label: string;
  scope: string | null;
  unit: Unit | null;
  may: Record<Action, boolean>;
}

const KEY = 'bianmin:token';

export const session = reactive<{ token: string | null; me: Me | null; farewell: string }>({
  token: sessionStorage.getItem(KEY),
  me: null,
  farewell: '',
});

export function signIn(token: string, me: Me): void {
  sessionStorage.setItem(KEY, token);
  session.token = token;
  session.me = me;
  session.farewell = '';
}

/** Forgets the token; `reason` is shown on the sign-in page (e.g. the token was revoked). */
export function signOut(reason = ''): void {
  sessionStorage.removeItem(KEY);
  session.token = null;
  session.me = null;
  session.farewell = reason;
  if (!location.hash.startsWith('#/login')) location.hash = '#/login';
}

/** May the signed-in role do this anywhere in its scope? Buttons and pages appear only then. */
export const may = (action: Action): boolean => !!session.me?.may[action];
