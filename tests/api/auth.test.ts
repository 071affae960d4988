import { describe, expect, it } from 'vitest';
import { FailureThrottle } from '../../src/api/auth.js';

describe('the sign-in failure throttle', () => {
  it('blocks an address at its budget for the rest of its minute, then lets it try again; other addresses are unaffected', () => {
    let t = 0;
    const throttle = new FailureThrottle(3, () => t);
    for (let i = 0; i < 3; i++) {
      expect(throttle.blocked('10.0.0.1')).toBe(false);
      throttle.fail('10.0.0.1');
    }
    expect(throttle.blocked('10.0.0.1')).toBe(true);
    expect(throttle.blocked('10.0.0.2')).toBe(false);
    t = 59_999;
    expect(throttle.blocked('10.0.0.1')).toBe(true);
    t = 60_000;
    expect(throttle.blocked('10.0.0.1')).toBe(false);
    throttle.fail('10.0.0.1');
    expect(throttle.blocked('10.0.0.1')).toBe(false);
  });
});
