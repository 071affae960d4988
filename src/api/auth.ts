// Bearer tokens. Two sources: bootstrap tokens given at start-up (the administrator's, from BIANMIN_TOKEN) and
// tokens issued through the API, which live in the store. Only SHA-256 digests are kept, and every comparison
// of a digest is constant-time.
import type { Principal } from '../domain/people.js';
import { MIN_TOKEN_LENGTH, sameDigest, tokenDigest } from '../access/tokens.js';
import { AuditError } from '../errors.js';
import type { Counters } from '../counters/types.js';
import type { Store } from '../store/types.js';

export type { Principal } from '../domain/people.js';

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

  /**
   * The principal behind an Authorization header (bootstrap first, then the store's live tokens), and the token's
   * digest, which keys its rate limit.
   */
  async verify(header: string | undefined, store: Store): Promise<{ principal: Principal; digest: string }> {
    const token = bearerToken(header);
    if (!token) throw unauthorized('缺少令牌：请在请求头中加入 Authorization: Bearer <令牌>');
    const digest = tokenDigest(token);
    const boot = this.bootstrap(digest);
    if (boot) return { principal: boot, digest };
    // Looked up by digest (a hash of a 192-bit secret: its index lookup leaks nothing), then compared in constant time.
    const stored = token.length >= MIN_TOKEN_LENGTH ? await store.findToken(digest) : null;
    if (stored && sameDigest(stored.digest, digest)) return { principal: { name: stored.name, role: stored.role, scope: stored.scope }, digest };
    throw unauthorized('令牌无效或已吊销');
  }
}

/**
 * Failed sign-ins per client address (TRUST_PROXY decides what that is), counted in shared one-minute windows. Every
 * token is checked, so a valid one is never refused, whatever its address has sent; past the budget, a failed one is
 * answered 429 until the window ends instead of 401. (Guessing is defeated by the tokens' 192 random bits, not by this.)
 */
export class SignInThrottle {
  constructor(
    private readonly counters: Counters,
    private readonly max: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts a failure; past the budget, the error to answer instead of the 401. */
  async failed(address: string, unauthorized: AuditError): Promise<AuditError> {
    const { count, resetMs } = await this.counters.hit(`signin:${address}`, this.windowMs);
    if (count <= this.max) return unauthorized;
    const seconds = Math.max(1, Math.ceil(resetMs / 1000));
    return Object.assign(new AuditError('RATE_LIMITED', `令牌验证失败次数过多，请 ${seconds} 秒后再试`, []), { retryAfter: seconds });
  }
}
