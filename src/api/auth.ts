// Bearer tokens. Two sources: bootstrap tokens given at start-up (the administrator's, from BIANMIN_TOKEN) and
// tokens issued through the API, which live in the store. Only SHA-256 digests are kept, and every comparison
// of a digest is constant-time.
import type { Principal } from '../access/policy.js';
import { MIN_TOKEN_LENGTH, sameDigest, tokenDigest } from '../access/tokens.js';
import { AuditError } from '../errors.js';
import type { Store } from '../store/types.js';

export type { Principal } from '../access/policy.js';

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

const unauthorized = (message: string) => new AuditError('UNAUTHORIZED', message, [{ code: 'SCHEMA', path: '', message }]);

export class TokenRegistry {
  private readonly entries: Array<{ digest: string; principal: Principal }> = [];

  add(token: string, principal: Principal): void {
    if (token.length < MIN_TOKEN_LENGTH) throw new Error(`tokens must be at least ${MIN_TOKEN_LENGTH} characters`);
    this.entries.push({ digest: tokenDigest(token), principal });
  }

  /** Every bootstrap entry is compared, match or not, so timing says nothing about which tokens exist. */
  private bootstrap(digest: string): Principal | undefined {
    let found: Principal | undefined;
    for (const e of this.entries) if (sameDigest(e.digest, digest)) found = e.principal;
    return found;
  }

  /** The principal behind an Authorization header: bootstrap first, then the store's live tokens. */
  async verify(header: string | undefined, store: Store): Promise<Principal> {
    const token = bearerToken(header);
    if (!token) throw unauthorized('缺少令牌：请在请求头中加入 Authorization: Bearer <令牌>');
    const digest = tokenDigest(token);
    const boot = this.bootstrap(digest);
    if (boot) return boot;
    // Looked up by digest (a hash of a 192-bit secret: its index lookup leaks nothing), then compared in constant time.
    const stored = token.length >= MIN_TOKEN_LENGTH ? await store.findToken(digest) : null;
    if (stored && sameDigest(stored.digest, digest)) return { name: stored.name, role: stored.role, scope: stored.scope };
    throw unauthorized('令牌无效或已吊销');
  }
}
