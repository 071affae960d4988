import { MemoryCounters } from './memory.js';
import type { Counters } from './types.js';

/**
 * Redis when REDIS_URL is set, else PostgreSQL when DATABASE_URL is set (every instance over that database shares
 * them), else this process's memory (the embedded default, or a read-only instance with neither). The Redis and
 * PostgreSQL clients are loaded only when used: the embedded default starts without them.
 */
export async function openCounters(env: { REDIS_URL?: string; DATABASE_URL?: string }): Promise<Counters> {
  if (env.REDIS_URL) return new (await import('./redis.js')).RedisCounters(env.REDIS_URL);
  if (env.DATABASE_URL) return new (await import('./postgres.js')).PostgresCounters(env.DATABASE_URL);
  return new MemoryCounters();
}
