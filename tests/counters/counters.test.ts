// Request counters shared by every instance over the same backing: counts are exact under concurrency from several
// instances, a read adds nothing, and a window ends when it says it will.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counters } from '../../src/counters/types.js';
import { BACKINGS } from '../support/counters.js';

describe.each(BACKINGS)('counters: $name', (backing) => {
  const maybe = backing.available ? it : it.skip;
  let made: Awaited<ReturnType<typeof backing.make>>;
  let a: Counters;
  let b: Counters;
  beforeAll(async () => {
    if (!backing.available) return;
    made = await backing.make();
    a = made.open();
    b = made.open();
  });
  afterAll(async () => {
    if (!backing.available) return;
    await a.close();
    if (b !== a) await b.close();
    await made.drop();
  });

  maybe('two instances count into one window: every hit is counted exactly once, whoever made it', async () => {
    const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hit('shared', 60_000)));
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await a.peek('shared', 60_000)).toMatchObject({ count: 60 });
    expect(await b.peek('shared', 60_000)).toMatchObject({ count: 60 });
    // Other keys, and other window lengths, are counted apart.
    expect(await b.hit('other', 60_000)).toMatchObject({ count: 1 });
    expect(await b.hit('shared', 30_000)).toMatchObject({ count: 1 });
  });

  maybe('a window ends when it says it will, and counting starts again', async () => {
    const first = await a.hit('window', 700);
    expect(first.resetMs).toBeGreaterThan(0);
    expect(first.resetMs).toBeLessThanOrEqual(700);
    await new Promise((r) => setTimeout(r, first.resetMs + 50));
    expect(await b.peek('window', 700)).toMatchObject({ count: 0 });
    expect(await b.hit('window', 700)).toMatchObject({ count: 1 });
  });
});
