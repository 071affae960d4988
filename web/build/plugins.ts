// Vite plugins of the web build: the precompiled schema validators, and a record of the build's inputs.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';
import { SCHEMA_NAMES, schemaId } from '../../src/schema/ids.js';

const VIRTUAL = 'virtual:precompiled-schemas';

/** `virtual:precompiled-schemas`: the rubric and submission validators as plain code (see schemas.ts). */
export function precompiledSchemas(): Plugin {
  return {
    name: 'bianmin:precompiled-schemas',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      // The browser validates submissions and rubric definitions; assessments are only ever made by the engine.
      const ids = SCHEMA_NAMES.filter((n) => n !== 'assessment').map(schemaId);
      const script = fileURLToPath(new URL('./print-schemas.ts', import.meta.url));
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...ids], { maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    },
  };
}

export const INPUTS_FILE = 'build-inputs.json';

/**
 * Writes dist/build-inputs.json: every project file the bundle was made from, with its SHA-256. `npm start`
 * rebuilds when any of them has changed (web/build/ensure.ts), so the page served always matches the sources,
 * engine included. Files under node_modules are covered by the lockfile's hash instead.
 */
export function buildInputs(root: string, extra: readonly string[]): Plugin {
  return {
    name: 'bianmin:build-inputs',
    apply: 'build',
    generateBundle() {
      const files = new Set(extra);
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0]!;
        if (file.startsWith('\0') || file.includes('/node_modules/') || !file.startsWith(root)) continue;
        files.add(relative(root, file));
      }
      this.emitFile({ type: 'asset', fileName: INPUTS_FILE, source: JSON.stringify(fileDigests(root, [...files].sort()), null, 1) });
    },
  };
}

export function fileDigests(root: string, files: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    try {
      out[f] = createHash('sha256').update(readFileSync(`${root}/${f}`)).digest('hex');
    } catch {
      out[f] = 'missing';
    }
  }
  return out;
}
