// Where a worker thread starts. Built (dist/), that is the compiled worker module itself, run by plain node. From the
// sources (tests, tsx dev scripts) it is a plain .mjs beside it that loads the TypeScript worker through tsx: Node 20
// does not apply a loader registered with `--import tsx` to a worker's own entry module.
export function workerEntry(caller: string, name: string): URL {
  return new URL(caller.endsWith('.ts') ? `./${name}-entry.mjs` : `./${name}-worker.js`, caller);
}
