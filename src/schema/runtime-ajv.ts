// Ajv's run-time compiler, loaded when the first quick check is compiled (validate.ts) rather than when validation
// is: only a service scoring a rubric's many submissions compiles quick checks (engine/screen.ts, from a rubric's
// 16th). Everything else that validates (the CLI scoring one file, the import and render workers) runs on the
// validators compiled at build time, and loading Ajv's 63 modules was about 35 ms of each such start. Loaded by
// require, so compiling stays synchronous for its callers; under Node that is the module an import would give.
// The web bundle has no run-time compiler (its CSP forbids generated code): there this module is
// web/src/shims/runtime-ajv.ts, and every submission is checked in full.
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';

let loaded: typeof Ajv | undefined;

/** Ajv's class, loaded on first call; null where there is none. */
export const runtimeAjv: (() => typeof Ajv) | null = () => (loaded ??= (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv);
