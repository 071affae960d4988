import { MemoryCounters } from './memory.js';
import { PostgresCounters } from './postgres.js';
import { RedisCounters } from './redis.js';
import type { Counters } from './types.js';

/**
 * Redis when REDIS_URL is set, else PostgreSQL when DATABASE_URL is set (every instance over that database shares
 * them), else this process's memory (the embedded default, or a read-only instance with neither).
 */
export function openCounters(env: { REDIS_URL?: string; DATABASE_URL?: string }): Counters {
  if (env.REDIS_URL) return new RedisCounters(env.REDIS_URL);
  if (env.DATABASE_URL) return new PostgresCounters(env.DATABASE_URL);
  return new MemoryCounters();
}
