// API tokens: issued by an administrator (the secret is shown once, only its digest is kept), listed and revoked.
import { randomUUID } from 'node:crypto';
import { SCOPE_LEVEL } from '../access/policy.js';
import { newToken, tokenDigest } from '../access/tokens.js';
import { type Principal, ROLE_ZH, ROLES, type Role } from '../domain/people.js';
import type { TokenRecord } from '../domain/records.js';
import type { Problem } from '../errors.js';
import { LEVEL_ZH } from '../levels.js';
import type { Store } from '../store/types.js';
import type { Access } from './access.js';
import { fail } from './fail.js';
import { controlCharacterProblems } from './text.js';

export type PublicToken = Omit<TokenRecord, 'digest'>;

const shown = ({ digest: _d, ...t }: TokenRecord): PublicToken => t;

export class TokenService {
  constructor(
    private readonly store: Store,
    private readonly access: Access,
    private readonly now: () => Date,
  ) {}

  async create(input: { name?: unknown; role?: unknown; scope?: unknown }, actor: Principal): Promise<{ token: string; record: PublicToken }> {
    await this.access.manage(actor);
    const problems: Problem[] = [];
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > 100) problems.push({ code: 'SCHEMA', path: '/name', message: '请写明令牌使用人（1～100 个字）' });
    else problems.push(...controlCharacterProblems(name, '/name').map((p) => ({ ...p, message: `令牌使用人${p.message}` })));
    const role = ROLES.includes(input.role as Role) ? (input.role as Role) : undefined;
    if (!role) problems.push({ code: 'SCHEMA', path: '/role', message: `角色应为 ${ROLES.map((r) => `${r}（${ROLE_ZH[r]}）`).join('、')}` });
    const scope = typeof input.scope === 'string' ? input.scope : null;
    if (role) {
      const need = SCOPE_LEVEL[role];
      const unit = scope ? await this.store.getUnit(scope) : null;
      if (need === null && scope !== null) problems.push({ code: 'SCHEMA', path: '/scope', message: '管理员令牌不限范围，不应填写 scope' });
      else if (need !== null && !unit) problems.push({ code: 'SCHEMA', path: '/scope', message: scope ? `单位 ${scope} 不存在` : `${ROLE_ZH[role]}令牌须写明所辖单位（scope）` });
      else if (need !== null && need !== 'any' && unit && unit.level !== need) problems.push({ code: 'SCHEMA', path: '/scope', message: `${ROLE_ZH[role]}的范围应为${LEVEL_ZH[need]}级单位，${unit.name}是${LEVEL_ZH[unit.level]}` });
    }
    if (problems.length) fail('BAD_REQUEST', `令牌信息有 ${problems.length} 处问题`, problems);
    const token = newToken();
    const record = await this.store.createToken({ id: randomUUID(), digest: tokenDigest(token), name, role: role!, scope, created_at: this.now().toISOString(), created_by: actor.name });
    return { token, record: shown(record) };
  }

  async list(actor: Principal): Promise<PublicToken[]> {
    await this.access.manage(actor);
    return (await this.store.listTokens()).map(shown);
  }

  async revoke(id: string, actor: Principal): Promise<PublicToken> {
    await this.access.manage(actor);
    return shown(await this.store.revokeToken(id, actor.name, this.now().toISOString()));
  }
}
