// The worker's entry point when running from the sources (tests, tsx); built, dist/ starts isolate-worker.js itself.
// Node 20 does not apply a loader registered with `--import tsx` to a worker's own entry module, so the TypeScript
// worker is loaded through tsx's API, which also covers everything it imports.
import { tsImport } from 'tsx/esm/api';

await tsImport('./isolate-worker.ts', import.meta.url);
