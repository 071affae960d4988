// The units the signed-in person can see, fetched once per page load, as a list and as a tree.
import { api } from './api.js';
import type { Unit } from './session.js';

let all: Promise<Unit[]> | undefined;

export const visibleUnits = (): Promise<Unit[]> => (all ??= api.get<Unit[]>('/units').catch((e) => ((all = undefined), Promise.reject(e))));

/** After an administrator changes the tree. */
export const forgetUnits = (): void => {
  all = undefined;
};

export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** Roots are the units whose parent is not in the list (a township staff's tree starts at their township). */
export function unitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.code, { ...u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parent ? nodes.get(n.parent) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

/** The township a unit belongs to (itself for a township). */
export function townshipOf(units: ReadonlyMap<string, Unit>, u: Unit): string | null {
  if (u.level === 'township') return u.code;
  if (u.level === 'village' && u.parent) return u.parent;
  return null;
}
