import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '../../src/api/auth.js';
import { MemoryCounters } from '../../src/counters/memory.js';
import { AuditError } from '../../src/errors.js';

describe('the sign-in failure throttle', () => {
  it("past its budget an address's failures answer 429 with the seconds left in its minute, then it starts over; other addresses are unaffected", async () => {
    let t = 120_000;
    const throttle = new SignInThrottle(new MemoryCounters(() => t), 3);
    const no = new AuditError('UNAUTHORIZED', '令牌无效或已吊销');
    for (let i = 0; i < 3; i++) expect(await throttle.failed('10.0.0.1', no)).toBe(no);
    t = 150_000;
    const limited = await throttle.failed('10.0.0.1', no);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', message: '令牌验证失败次数过多，请 30 秒后再试', retryAfter: 30 });
    expect(await throttle.failed('10.0.0.2', no)).toBe(no);
    t = 180_000;
    expect(await throttle.failed('10.0.0.1', no)).toBe(no);
  });
});
