// Prints the precompiled validators module (schemas.ts) for the Vite build, which runs its config as plain
// JavaScript and so cannot load src/schema/validate.ts itself: `node --import tsx web/build/print-schemas.ts <id>…`.
// Without ids, every schema. With `--commonjs <dir>` (the build of dist/, build/ensure.mjs) it writes instead one
// CommonJS module per schema, <dir>/<name>.cjs: a program loads only the validators it uses (a CLI `score` loaded
// all 640 KB, about 40 ms, for the 40 KB that check a submission).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_NAMES, schemaId } from '../../src/schema/ids.js';
import { precompiledSchemasModule } from './schemas.js';

const args = process.argv.slice(2);
const commonjs = args.indexOf('--commonjs');
if (commonjs >= 0) {
  const dir = args[commonjs + 1];
  if (!dir) throw new Error('--commonjs needs the folder to write the modules to');
  mkdirSync(dir, { recursive: true });
  for (const name of SCHEMA_NAMES) writeFileSync(join(dir, `${name}.cjs`), await precompiledSchemasModule([schemaId(name)], 'commonjs'));
} else {
  process.stdout.write(await precompiledSchemasModule(args.length ? args : SCHEMA_NAMES.map(schemaId), 'esm'));
}
