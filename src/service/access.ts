// The authorisation layer every service goes through: it turns the pure policy (access/policy.ts) into answers
// about stored units and records, and appends every refusal to the record chain.
import { decide } from '../access/policy.js';
import { type Action, type Principal, ROLE_ZH } from '../domain/people.js';
import type { AssessmentRecord, Origin } from '../domain/records.js';
import type { Store } from '../store/types.js';
import { fail } from './fail.js';

const ACTION_ZH: Readonly<Record<Action, string>> = { read: '查看', write: '录入或修改', certify: '定稿或更正正式考核记录', manage: '管理单位和令牌', rectify: '报送整改情况', review: '复查整改或批准豁免' };

/** What is acted on: a unit (or, for a unit not yet created, its prospective parent), a record, or nothing in particular. */
interface Target {
  unit: string | null;
  parent?: string | null;
  origin?: Origin;
  id?: string;
}

const notFound = (message: string) => () => fail('NOT_FOUND', message);

export class Access {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** A unit, or for one not yet created its prospective parent; out of scope reads as "not found". */
  unit(actor: Principal, code: string, action: Action, parent: string | null = null): Promise<void> {
    return this.authorize(actor, { unit: code, parent }, action, notFound(`找不到单位 ${code}`));
  }

  /** A stored record; one the actor may not see is "not found", exactly like one that does not exist. */
  record(actor: Principal, rec: AssessmentRecord, action: Action): Promise<void> {
    return this.authorize(actor, { unit: rec.unit, origin: rec.origin, id: rec.id }, action, notFound(`找不到考核记录 ${rec.id}`));
  }

  /** Units and tokens are the administrator's. */
  manage(actor: Principal): Promise<void> {
    return this.authorize(actor, { unit: null }, 'manage', notFound('找不到该资源'));
  }

  /** Someone who may write nowhere (a viewer) is refused before anything they sent is read. */
  writeSomewhere(actor: Principal): Promise<void> {
    return this.authorize(actor, { unit: actor.scope }, 'write', notFound('找不到该资源'));
  }

  /** The unit codes the actor sees; undefined for everything (an administrator). */
  async visible(actor: Principal): Promise<string[] | undefined> {
    if (!actor.scope) return actor.role === 'admin' ? undefined : [];
    return (await this.store.subtree(actor.scope)).map((u) => u.code);
  }

  /** A unit the actor may read, and every unit code below it. */
  async readableSubtree(actor: Principal, code: string): Promise<string[]> {
    await this.unit(actor, code, 'read');
    const units = await this.store.subtree(code);
    return units.length ? units.map((u) => u.code) : fail('NOT_FOUND', `找不到单位 ${code}`);
  }

  private async authorize(actor: Principal, target: Target, action: Action, missing: () => never): Promise<void> {
    let ancestry: string[] | null = null;
    if (target.unit !== null) {
      ancestry = await this.store.ancestry(target.unit);
      if (ancestry === null) {
        // A unit that does not exist yet: judge by where it would go. Non-admins cannot tell it from one they may not see.
        const above = target.parent ? await this.store.ancestry(target.parent) : null;
        if (actor.role !== 'admin' && above === null) return this.deny(actor, target, action, 'not_found', missing);
        ancestry = [...(above ?? []), target.unit];
      }
    }
    const decision = decide(actor, { ancestry, ...(target.origin ? { origin: target.origin } : {}) }, action);
    if (decision !== 'allow') return this.deny(actor, target, action, decision, missing);
  }

  /** Refusals are logged; the request is refused whether or not the log write succeeds (a read-only replica cannot). */
  private async deny(actor: Principal, target: Target, action: Action, decision: 'not_found' | 'forbidden', missing: () => never): Promise<never> {
    await this.store
      .appendEvent({ at: this.now().toISOString(), actor: actor.name, action: 'access.denied', target: target.id ?? target.unit ?? '', payload: { role: actor.role, scope: actor.scope, action, decision } })
      .catch(() => undefined);
    if (decision === 'not_found') return missing();
    return fail('FORBIDDEN', `${ROLE_ZH[actor.role]}无权${ACTION_ZH[action]}`);
  }
}
