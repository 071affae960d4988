// The Ajv validate.ts configures. From the sources it is Ajv itself, compiling each schema on first use. Built, this
// module is replaced (dist/schema/ajv.js, by build/ensure.mjs) with the stand-in over validators compiled at build
// time (precompiled-ajv.ts), so neither the CLI nor a worker pays Ajv's compilation of the rubric schema at start;
// the web bundle swaps it the same way (web/vite.config.ts).
export { Ajv } from 'ajv';
export type { ErrorObject, ValidateFunction } from 'ajv';
