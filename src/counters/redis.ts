// Counters in Redis (REDIS_URL), on Redis's clock: one atomic script per hit; each window's key expires with it.
import { Redis } from 'ioredis';
import type { Count, Counters } from './types.js';

// KEYS[1] the counter, ARGV[1] the window (ms), ARGV[2] 1 to count a hit or 0 to read.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = tonumber(ARGV[1])
local slot = math.floor(now / w)
local key = KEYS[1] .. ':' .. slot
local hits
if ARGV[2] == '1' then
  hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIREAT', key, (slot + 1) * w + 1000) end
else
  hits = tonumber(redis.call('GET', key) or '0')
end
return {hits, (slot + 1) * w - now}
`;

export class RedisCounters implements Counters {
  readonly kind = 'redis';
  private readonly redis: Redis;

  /** `prefix` keeps deployments (and test runs) sharing one Redis apart. */
  constructor(url: string, private readonly prefix = 'bianmin-audit') {
    // Fail fast rather than queue: a counter that cannot be reached must not hold requests up.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
    this.redis.on('error', () => undefined);
  }

  hit(key: string, windowMs: number): Promise<Count> {
    return this.run(key, windowMs, 1);
  }

  peek(key: string, windowMs: number): Promise<Count> {
    return this.run(key, windowMs, 0);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async run(key: string, windowMs: number, add: 0 | 1): Promise<Count> {
    const [hits, resetMs] = (await this.redis.eval(SCRIPT, 1, `${this.prefix}:${windowMs}:${key}`, windowMs, add)) as [number, number];
    return { count: Number(hits), resetMs: Number(resetMs) };
  }
}
