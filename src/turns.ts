// Long loops on the main thread (bulk imports, verifying a whole store, reading many records) give the event loop a
// turn every few milliseconds, so no request holds up the others, health checks included. better-sqlite3 answers
// synchronously: an await on it alone never lets the loop run.

/** Resolves on the event loop's next turn, after pending I/O. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Yields once `sliceMs` of work has passed since the last turn; cheap to call on every iteration. */
export class Pacer {
  private last = performance.now();

  constructor(private readonly sliceMs = 5) {}

  async pace(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await nextTurn();
    this.last = performance.now();
  }
}
