// Every counters test runs on each backing available: this process's memory always, PostgreSQL with
// TEST_DATABASE_URL (on a schema of its own, migrated), Redis with TEST_REDIS_URL (under a key prefix of its own).
import { randomBytes } from 'node:crypto';
import { MemoryCounters } from '../../src/counters/memory.js';
import { PostgresCounters } from '../../src/counters/postgres.js';
import { RedisCounters } from '../../src/counters/redis.js';
import type { Counters } from '../../src/counters/types.js';
import { openPostgres } from '../../src/store/postgres.js';
import { pgTestSchema } from './stores.js';

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn('NOTICE: TEST_REDIS_URL is not set: the Redis counter tests are skipped (set it, e.g. redis://127.0.0.1:6379).');

export interface CounterBacking {
  name: 'memory' | 'postgres' | 'redis';
  available: boolean;
  /** A backing of its own: `open()` gives another instance over the same one (another server process would). */
  make(): Promise<{ open(): Counters; drop(): Promise<void> }>;
}

export const BACKINGS: CounterBacking[] = [
  {
    name: 'memory',
    available: true,
    async make() {
      const shared = new MemoryCounters();
      return { open: () => shared, drop: async () => undefined };
    },
  },
  {
    name: 'postgres',
    available: !!process.env.TEST_DATABASE_URL,
    async make() {
      const schema = await pgTestSchema('counters');
      const store = openPostgres(schema.url);
      await store.migrate();
      await store.close();
      return { open: () => new PostgresCounters(schema.url), drop: () => schema.drop() };
    },
  },
  {
    name: 'redis',
    available: !!redisUrl,
    async make() {
      const prefix = `test-${randomBytes(6).toString('hex')}`;
      return { open: () => new RedisCounters(redisUrl!, prefix), drop: async () => undefined };
    },
  },
];
