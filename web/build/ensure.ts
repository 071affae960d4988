// `npm start` runs this first: builds the web app unless web/dist already holds a build of exactly the current
// sources (every project file the last build read, and the lockfile, hash the same). `--force` always builds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileDigests, INPUTS_FILE } from './plugins.js';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(WEB, '..');
const DIST = join(WEB, 'dist');

/** Why a build is needed, or null when the one in web/dist is current. */
export function staleness(): string | null {
  const record = join(DIST, INPUTS_FILE);
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(record)) return '尚未构建';
  const before = JSON.parse(readFileSync(record, 'utf8')) as Record<string, string>;
  const now = fileDigests(ROOT, Object.keys(before));
  const changed = Object.keys(before).filter((f) => before[f] !== now[f]);
  return changed.length ? `源文件有改动（${changed.slice(0, 3).join('、')}${changed.length > 3 ? ` 等 ${changed.length} 个` : ''}）` : null;
}

export async function ensureBuilt(force = false): Promise<boolean> {
  const why = force ? '按要求重新构建' : staleness();
  if (!why) return false;
  console.log(`正在构建网页（${why}）……`);
  const started = performance.now();
  // Imported only to build: loading Vite costs more than the check that usually finds nothing to do.
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`网页已构建：web/dist（${((performance.now() - started) / 1000).toFixed(1)} s）`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await ensureBuilt(process.argv.includes('--force'));
