// Bearer tokens, stored only as SHA-256 digests and compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuditError } from '../errors.js';

export interface Principal {
  name: string;
  role: 'admin' | 'county_inspector' | 'township_staff' | 'viewer';
}

export const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export class TokenRegistry {
  private readonly entries: Array<{ digest: Buffer; principal: Principal }> = [];

  add(token: string, principal: Principal): void {
    if (token.length < 16) throw new Error('tokens must be at least 16 characters');
    this.entries.push({ digest: digest(token), principal });
  }

  /** Every entry is compared, match or not, so timing says nothing about which tokens exist. */
  verify(header: string | undefined): Principal {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    let found: Principal | undefined;
    if (token) {
      const d = digest(token);
      for (const e of this.entries) if (timingSafeEqual(e.digest, d)) found = e.principal;
    }
    if (!found) {
      const message = token ? '令牌无效' : '缺少令牌：请在请求头中加入 Authorization: Bearer <令牌>';
      throw new AuditError('UNAUTHORIZED', message, [{ code: 'SCHEMA', path: '', message }]);
    }
    return found;
  }
}
