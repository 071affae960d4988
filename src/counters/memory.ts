// Counters in this process only: the embedded default, where there is one instance.
import type { Count, Counters } from './types.js';

export class MemoryCounters implements Counters {
  readonly kind = 'memory';
  private readonly windows = new Map<string, { slot: number; hits: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<Count> {
    return this.count(key, windowMs, 1);
  }

  async peek(key: string, windowMs: number): Promise<Count> {
    return this.count(key, windowMs, 0);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private count(key: string, windowMs: number, add: number): Count {
    const t = this.now();
    const slot = Math.floor(t / windowMs);
    const k = `${windowMs}:${key}`;
    const w = this.windows.get(k);
    const hits = (w && w.slot === slot ? w.hits : 0) + add;
    if (add) this.windows.set(k, { slot, hits });
    // Bounded memory under a flood of keys: forget windows that have ended.
    if (this.windows.size > 10_000) for (const [key2, v] of this.windows) if (v.slot < slot) this.windows.delete(key2);
    return { count: hits, resetMs: (slot + 1) * windowMs - t };
  }
}
