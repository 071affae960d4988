// What each page of the web app costs to load, gzipped, against a bare baseline built in the same run (a Vue app
// that renders one line). The budget: the first route (the sign-in page) at most 500 KB gzipped.
//   npm run bench:web
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { ensureBuilt } from '../web/build/ensure.js';

interface Chunk { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean; src?: string }
type Manifest = Record<string, Chunk>;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Every file a chunk needs before it runs: itself, its static imports (transitively) and their CSS. */
function closure(m: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const c = m[key]!;
  if (seen.has(c.file)) return seen;
  seen.add(c.file);
  for (const css of c.css ?? []) seen.add(css);
  for (const i of c.imports ?? []) closure(m, i, seen);
  return seen;
}

const size = (dist: string, files: Iterable<string>) => [...files].reduce((n, f) => n + gz(join(dist, f)), 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

await ensureBuilt();
const dist = join(import.meta.dirname, '../web/dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const entry = closure(manifest, entryKey);
const html = gz(join(dist, 'index.html'));

// The baseline: a bare Vue app, built by the same Vite in the same run.
const bare = mkdtempSync(join(import.meta.dirname, '../web/node_modules/.bench-'));
writeFileSync(join(bare, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="./main.js"></script>');
writeFileSync(join(bare, 'main.js'), "import { createApp, h } from 'vue';\ncreateApp({ render: () => h('p', '便民服务') }).mount('#app');\n");
await build({ root: bare, configFile: false, logLevel: 'silent', build: { outDir: join(bare, 'dist'), manifest: true, target: 'es2022' } });
const bareManifest = JSON.parse(readFileSync(join(bare, 'dist/.vite/manifest.json'), 'utf8')) as Manifest;
const bareSize = size(join(bare, 'dist'), closure(bareManifest, Object.keys(bareManifest).find((k) => bareManifest[k]!.isEntry)!)) + gz(join(bare, 'dist/index.html'));
rmSync(bare, { recursive: true, force: true });

console.log(`bare Vue baseline: ${kb(bareSize)} gzipped\n`);
console.log('| route | gzipped | ratio to bare Vue |');
console.log('|---|---|---|');
const rows: Array<[string, number]> = [];
for (const [key, c] of Object.entries(manifest)) {
  const m = /pages\/(.+)\.vue$/.exec(c.src ?? key);
  if (!m) continue;
  const files = closure(manifest, key, new Set(entry));
  rows.push([m[1]!, size(dist, files) + html]);
}
rows.sort((a, b) => (a[0] === 'SignIn' ? -1 : b[0] === 'SignIn' ? 1 : a[0].localeCompare(b[0])));
for (const [name, n] of rows) console.log(`| ${name === 'SignIn' ? 'SignIn (first route)' : name} | ${kb(n)} | ${(n / bareSize).toFixed(1)}× |`);
const first = rows.find(([n]) => n === 'SignIn')![1];
console.log(`\nfirst route: ${kb(first)} gzipped (budget 500 KB): ${first <= 500 * 1024 ? 'within' : 'OVER'}`);
if (first > 500 * 1024) process.exitCode = 1;
