// Regenerates src/schema/generated/*.ts from the JSON Schemas, which are the single source of truth.
// `--check` regenerates in memory and fails when the committed files differ, so CI catches stale types.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { SCHEMA_BASE, SCHEMA_NAMES } from './ids.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const banner = '/* eslint-disable */\n// DO NOT EDIT. Generated from src/schema/*.schema.json by `npm run gen:types`.\n';

// Cross-schema $refs use our own $id URLs; resolve them from disk, never from the network.
const localResolver = {
  order: 1,
  canRead: (file: { url: string }) => file.url.startsWith(SCHEMA_BASE),
  read: (file: { url: string }) => readFile(here + file.url.slice(SCHEMA_BASE.length).replace(/\.json$/, '.schema.json'), 'utf8'),
};

async function render(name: string): Promise<string> {
  const schema = JSON.parse(await readFile(`${here}${name}.schema.json`, 'utf8'));
  return compile(schema, schema.title, {
    bannerComment: banner,
    cwd: here,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 120 },
    $refOptions: { resolve: { bianmin: localResolver, http: false, https: false } } as never,
  });
}

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const name of SCHEMA_NAMES) {
  const target = `${here}generated/${name}.ts`;
  const fresh = await render(name);
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== fresh) stale.push(`src/schema/generated/${name}.ts`);
  } else {
    await writeFile(target, fresh);
  }
}
if (stale.length > 0) {
  console.error(`Stale generated types (run \`npm run gen:types\` and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'generated types are up to date' : `generated ${SCHEMA_NAMES.length} type files`);
