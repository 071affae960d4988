/** A count of hits in the current fixed window, and how long until that window ends. */
export interface Count {
  count: number;
  resetMs: number;
}

/**
 * Request counters in fixed windows (aligned to the counter's own clock, so every instance agrees on where a window
 * starts), shared by every instance that uses the same backing: rate limits and the sign-in throttle.
 */
export interface Counters {
  readonly kind: 'memory' | 'postgres' | 'redis';
  /** Adds one hit to `key` in the current window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<Count>;
  /** The current window's count, without adding to it. */
  peek(key: string, windowMs: number): Promise<Count>;
  close(): Promise<void>;
}
