// Builds dist/ (tsc -p tsconfig.build.json, then the JSON Schema validators compiled ahead of time in place of Ajv's
// run-time compiler: src/schema/ajv.ts) unless it already holds a build of exactly the current sources: every file
// under src/, the tsconfigs, the validators' generator and the lockfile hash as they did at the last build
// (dist/build-inputs.json).
// Run by `prepare` (so `npm ci` builds) and `prestart` (so `npm start` rebuilds after an edit); `--force` always
// builds. Plain JavaScript, so that it runs before anything is built. It reports on stderr, so that the output of
// `npm run --silent cli` stays the CLI's own.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const RECORD = join(DIST, 'build-inputs.json');
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'web/build/schemas.ts', 'web/build/print-schemas.ts'];

function sources(dir = join(ROOT, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [relative(ROOT, join(dir, e.name))]));
}

function digests() {
  const out = {};
  for (const f of [...CONFIGS, ...sources().sort()]) {
    try {
      out[f] = createHash('sha256').update(readFileSync(join(ROOT, f))).digest('hex');
    } catch {
      out[f] = 'missing';
    }
  }
  return out;
}

/** Why a build is needed ('removed' when a source file is gone, so the build starts clean), or null when current. */
export function staleness(now = digests()) {
  if (!existsSync(RECORD)) return { why: '尚未构建', clean: true };
  const before = JSON.parse(readFileSync(RECORD, 'utf8'));
  const removed = Object.keys(before).filter((f) => !(f in now));
  const changed = Object.keys(now).filter((f) => before[f] !== now[f]);
  const all = [...removed, ...changed];
  if (!all.length) return null;
  return { why: `源文件有改动（${all.slice(0, 3).join('、')}${all.length > 3 ? ` 等 ${all.length} 个` : ''}）`, clean: removed.length > 0 };
}

// One build at a time (tests and `npm start` may ask together): a directory made atomically, taken over if a
// crashed build left it more than ten minutes ago.
const LOCK = join(ROOT, 'node_modules', '.cache', 'bianmin-audit-dist.lock');
function withLock(fn) {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {}
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureBuilt(force = false) {
  if (!force && !staleness()) return false;
  return withLock(() => build(force));
}

function build(force) {
  // Looked at again under the lock: another process may have just built.
  const now = digests();
  const stale = force ? { why: '按要求重新构建', clean: true } : staleness(now);
  if (!stale) return false;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error('无法构建 dist/：找不到 TypeScript（请先运行 npm ci，它会安装并构建）');
    process.exit(1);
  }
  console.error(`正在构建 dist/（${stale.why}）……`);
  const started = performance.now();
  // A clean build when files were removed, so no module of a deleted source lingers in dist/. Otherwise tsc builds
  // incrementally (dist/.tsbuildinfo); the record is rewritten only once all of it has succeeded.
  if (stale.clean) rmSync(DIST, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) fail('tsc');
  // The validators as code, generated from validate.ts's own Ajv configuration (the web build does the same), one
  // CommonJS module per schema (dist/schema/validators/<name>.cjs), and dist/schema/ajv.js as the stand-in that
  // serves them. CommonJS, so the stand-in can load a schema's module synchronously when that schema is first used
  // rather than at start; one per schema, so a program parses only what it uses (all four are about 640 KB, some
  // 40 ms to load; a CLI `score` needs the submission's 40 KB, a started service usually none).
  rmSync(join(DIST, 'schema/validators'), { recursive: true, force: true });
  rmSync(join(DIST, 'schema/validators.js'), { force: true });
  rmSync(join(DIST, 'schema/validators.cjs'), { force: true });
  const v = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'web/build/print-schemas.ts'), '--commonjs', join(DIST, 'schema/validators')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (v.status !== 0) fail('预编译校验器');
  writeFileSync(join(DIST, 'schema/ajv.js'), [
    '// Written by build/ensure.mjs in place of the compiled src/schema/ajv.ts: the validators compiled at build time,',
    '// each schema\'s module loaded when that schema is first used (PrecompiledAjv.getSchema calls create then).',
    "import { existsSync } from 'node:fs';",
    "import { createRequire } from 'node:module';",
    "import { fileURLToPath } from 'node:url';",
    "import { precompiledAjv } from './precompiled-ajv.js';",
    'const require = createRequire(import.meta.url);',
    "const moduleOf = (id) => fileURLToPath(new URL(`./validators/${id.slice(id.lastIndexOf('/') + 1).replace(/\\.json$/, '')}.cjs`, import.meta.url));",
    'export const Ajv = precompiledAjv((runtime, id) => {',
    '  const file = moduleOf(id);',
    '  return existsSync(file) ? require(file)(runtime) : {};',
    '});',
    '',
  ].join('\n'));
  writeFileSync(RECORD, JSON.stringify(now, null, 1));
  // The bundled rubrics loaded once by this build, so its rubric cache (src/rubric/cache.ts) is filled before the
  // first start; a failure here is not the build's, and shows at start-up.
  spawnSync(process.execPath, ['--input-type=module', '-e', `await (await import(${JSON.stringify(new URL('../dist/rubric/load.js', import.meta.url).href)})).listRubrics()`], { stdio: 'ignore' });
  function fail(step) {
    console.error(`构建 dist/ 失败：${step}（见上面的报错）`);
    process.exit(1);
  }
  console.error(`dist/ 已构建（${((performance.now() - started) / 1000).toFixed(1)} s）`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureBuilt(process.argv.includes('--force'));
