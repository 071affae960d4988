// Prints the precompiled validators module (schemas.ts) for the Vite build, which runs its config as plain
// JavaScript and so cannot load src/schema/validate.ts itself: `node --import tsx web/build/print-schemas.ts <id>…`.
// Without ids, every schema; with --commonjs, as a CommonJS module (the build of dist/, build/ensure.mjs).
import { SCHEMA_NAMES, schemaId } from '../../src/schema/ids.js';
import { precompiledSchemasModule } from './schemas.js';

const args = process.argv.slice(2);
const ids = args.filter((a) => a !== '--commonjs');
process.stdout.write(await precompiledSchemasModule(ids.length ? ids : SCHEMA_NAMES.map(schemaId), args.includes('--commonjs') ? 'commonjs' : 'esm'));
