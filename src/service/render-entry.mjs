// The render worker's entry point from the sources, loading the TypeScript worker through tsx's API (see excel/isolate-entry.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./render-worker.ts', import.meta.url);
