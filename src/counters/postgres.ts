// Counters in PostgreSQL (an UNLOGGED table, migration 4), on the database's clock: every instance over the same
// database shares them. Its own small pool, so counting never waits behind the store's writers.
import pg from 'pg';
import type { Count, Counters } from './types.js';

const NOW_MS = 'floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

export class PostgresCounters implements Counters {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private lastSweep = 0;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  async hit(key: string, windowMs: number): Promise<Count> {
    const { rows } = await this.pool.query(
      `WITH now AS (SELECT ${NOW_MS} AS ms)
       INSERT INTO rate_counters AS c (key, slot, hits, expires) SELECT $1, ms / $2, 1, (ms / $2 + 1) * $2 FROM now
       ON CONFLICT (key, slot) DO UPDATE SET hits = c.hits + 1
       RETURNING c.hits, c.expires - (SELECT ms FROM now) AS reset_ms`,
      [`${windowMs}:${key}`, windowMs],
    );
    await this.sweep();
    return { count: Number(rows[0].hits), resetMs: Number(rows[0].reset_ms) };
  }

  async peek(key: string, windowMs: number): Promise<Count> {
    const { rows } = await this.pool.query(
      `WITH now AS (SELECT ${NOW_MS} AS ms)
       SELECT coalesce((SELECT hits FROM rate_counters WHERE key = $1 AND slot = now.ms / $2), 0) AS hits, (now.ms / $2 + 1) * $2 - now.ms AS reset_ms FROM now`,
      [`${windowMs}:${key}`, windowMs],
    );
    return { count: Number(rows[0].hits), resetMs: Number(rows[0].reset_ms) };
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /** Ended windows are deleted now and then (once a minute per instance), not on every hit. */
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.pool.query(`DELETE FROM rate_counters WHERE expires < ${NOW_MS}`);
  }
}
