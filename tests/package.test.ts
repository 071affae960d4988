// The built package, as other programs and people use it: dist/ made by the build (brought up to date first, so a
// stale build is never what is tested), imported by its package name in a plain `node` child process with no
// TypeScript loader, its `bin` run the same way, and its import worker started from dist/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { run } from '../src/cli/run.js';
import { assess } from '../src/engine/evaluate.js';
import type { SchemaName } from '../src/schema/ids.js';
import { validateSchema } from '../src/schema/validate.js';
import { PACKAGE_ROOT, resolveRubric } from '../src/rubric/load.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: { '.': { types: string; default: string } } };
const fixture = (name: string) => join(PACKAGE_ROOT, 'fixtures/township-center-2022', `${name}.json`);

/** A module run by plain node from the package root (so `bianmin-audit` resolves to this package's own exports). */
function node(args: readonly string[]) {
  const r = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const script = (code: string, ...args: string[]) => node(['--input-type=module', '-e', code, ...args]);

/**
 * A preload that records, in a file, each package module the main thread compiles whose path below node_modules/
 * matches: every CommonJS module is compiled through Module.prototype._compile, whether it was required or imported
 * from an ES module. `loaded()` reads what has been recorded so far.
 */
function moduleLog(pattern: RegExp): { hook: string; loaded: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'module-log-'));
  const [hook, log] = [join(dir, 'hook.cjs'), join(dir, 'loaded.txt')];
  writeFileSync(log, '');
  writeFileSync(
    hook,
    `const { isMainThread } = require('node:worker_threads'); const { appendFileSync } = require('node:fs'); const M = require('node:module');
const compile = M.prototype._compile; const pattern = new RegExp(${JSON.stringify(pattern.source)});
M.prototype._compile = function (content, filename) {
  const inPackage = filename.split('/node_modules/').pop();
  if (isMainThread && filename.includes('/node_modules/') && pattern.test(inPackage)) appendFileSync(${JSON.stringify(log)}, inPackage + '\\n');
  return compile.call(this, content, filename);
};`,
  );
  return { hook, loaded: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).sort() };
}

/** The CLI from the sources, in-process: what `tsx src/cli/main.ts` prints. */
async function sourceCli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'build/ensure.mjs')], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 600_000);

describe('the package entry (exports -> dist/index.js)', () => {
  it('points at built JavaScript with its types', () => {
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    for (const f of [pkg.exports['.'].types, pkg.exports['.'].default]) expect(existsSync(join(PACKAGE_ROOT, f)), f).toBe(true);
    expect(readFileSync(join(PACKAGE_ROOT, 'dist/index.d.ts'), 'utf8')).toMatch(/loadRubric[\s\S]*assess/);
  });

  it('scores the fixtures in plain node exactly as the sources do', async () => {
    const names = ['standard', 'demonstration', 'neither'];
    const r = script(`
      import { readFileSync } from 'node:fs';
      import { assess, compileRubric, loadRubric } from 'bianmin-audit';
      const rubric = await loadRubric('township-center-2022');
      const subs = ${JSON.stringify(names)}.map((n) => JSON.parse(readFileSync('fixtures/township-center-2022/' + n + '.json', 'utf8')));
      const out = subs.map((s) => assess(rubric, s));
      // Compiled whole at once: its one-pass validation compiles at run time in the built package too.
      const compiled = compileRubric(rubric);
      const again = subs.map((s) => compiled.assess(s));
      process.stdout.write(JSON.stringify({ out, again, loaders: process.execArgv.filter((a) => /^--(import|loader|experimental-loader|require)/.test(a)) }));
    `);
    expect(r.code, r.stderr).toBe(0);
    const { out, again, loaders } = JSON.parse(r.stdout) as { out: Array<{ tier: string | null }>; again: unknown[]; loaders: string[] };
    expect(loaders).toEqual([]);
    expect(again).toEqual(out);
    // What each fixture is named after, and the very assessment the engine makes from the sources.
    expect(out.map((a) => a.tier)).toEqual(['standard', 'demonstration', null]);
    const rubric = await resolveRubric('township-center-2022');
    names.forEach((n, i) => expect(out[i]).toEqual(assess(rubric, JSON.parse(readFileSync(fixture(n), 'utf8')))));
  });

  it('refuses an invalid submission with the same coded error and problems as the sources', async () => {
    const bad = { ...JSON.parse(readFileSync(fixture('standard'), 'utf8')), period: '2026-13' };
    const r = script(`
      import { AuditError, assess, loadRubric } from 'bianmin-audit';
      try {
        assess(await loadRubric('township-center-2022'), ${JSON.stringify(bad)});
      } catch (e) {
        process.stdout.write(JSON.stringify({ audit: e instanceof AuditError, code: e.code, problems: e.problems }));
      }
    `);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { audit: boolean; code: string; problems: unknown[] };
    const rubric = await resolveRubric('township-center-2022');
    const fromSources = (() => {
      try {
        assess(rubric, bad);
      } catch (e) {
        return e as { code: string; problems: unknown[] };
      }
      throw new Error('the sources accepted the invalid submission');
    })();
    expect(got).toEqual({ audit: true, code: 'SUBMISSION_INVALID', problems: fromSources.problems });
    expect(got.problems.length).toBeGreaterThan(0);
  });
});

describe('the validators compiled at build time (dist/schema/validators/<schema>.cjs)', () => {
  // Valid and invalid documents of each schema: problems (or none) must be exactly what Ajv finds from the sources.
  const yamlFile = (f: string) => parseDocument(readFileSync(join(PACKAGE_ROOT, f), 'utf8')).toJS() as Record<string, unknown>;
  const submission = JSON.parse(readFileSync(fixture('standard'), 'utf8')) as Record<string, unknown>;
  const rubricDef = yamlFile('rubrics/township-center-2022.yaml');
  const tailoring = yamlFile('fixtures/language/tailored.yaml');
  it('answer each schema as Ajv does from the sources, each loading only its own module', async () => {
    const made = JSON.parse(JSON.stringify(assess(await resolveRubric('township-center-2022'), submission))) as Record<string, unknown>;
    const cases: Record<SchemaName, unknown[]> = {
      submission: [submission, { ...submission, period: '2026-13', answers: { 1: 'x' } }, {}],
      rubric: [rubricDef, { ...rubricDef, tiers: 'x', indicators: [{}] }, []],
      assessment: [made, { ...made, score: 'x', results: [{}] }],
      tailoring: [tailoring, { ...tailoring, changes: [{ set: 1 }] }, { extends: 3 }],
    };
    const r = script(`
      import { createRequire } from 'node:module';
      const { validateSchema } = await import(${JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'dist/schema/validate.js')).href)});
      const cases = JSON.parse(process.argv[1]);
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/schema/validators/')).map((f) => f.split('/').pop()).sort();
      const out = {};
      for (const [name, docs] of Object.entries(cases)) out[name] = { results: docs.map((d) => validateSchema(name, d)), loaded: loaded() };
      process.stdout.write(JSON.stringify(out));
    `, JSON.stringify(cases));
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as Record<SchemaName, { results: unknown[]; loaded: string[] }>;
    for (const [name, docs] of Object.entries(cases) as Array<[SchemaName, unknown[]]>) {
      expect(got[name].results, name).toEqual(JSON.parse(JSON.stringify(docs.map((d) => validateSchema(name, d)))));
      expect(got[name].results.filter((x) => (x as { ok: boolean }).ok).length, name).toBe(1);
    }
    // Checking a submission loads the submission's validators alone; each later schema adds its own.
    expect(got.submission.loaded).toEqual(['submission.cjs']);
    expect(got.rubric.loaded).toEqual(['rubric.cjs', 'submission.cjs']);
    expect(got.tailoring.loaded).toEqual(['assessment.cjs', 'rubric.cjs', 'submission.cjs', 'tailoring.cjs']);
  });
});

describe('the bin (bianmin-audit -> dist/cli/main.js)', () => {
  const bin = join(PACKAGE_ROOT, pkg.bin['bianmin-audit']!);

  it('is a node script', () => {
    expect(pkg.bin['bianmin-audit']).toBe('dist/cli/main.js');
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints what the CLI from the sources prints, in text and JSON, and exits the same on bad input', async () => {
    for (const argv of [
      ['score', '--rubric', 'township-center-2022', fixture('standard')],
      ['score', '--rubric', 'township-center-2022', '--format', 'json', fixture('demonstration')],
      ['score', '--rubric', 'nope', fixture('standard')],
    ]) {
      const built = node([bin, ...argv]);
      const source = await sourceCli(...argv);
      expect({ code: built.code, stdout: built.stdout, stderr: built.stderr }, argv.join(' ')).toEqual(source);
    }
    expect(node([bin, 'score', '--rubric', 'nope', fixture('standard')]).stderr).toMatch(/找不到评分标准/);
  });

  it('scores a JSON submission without loading the YAML parser, and still places the problems of a bad one', () => {
    const { hook, loaded } = moduleLog(/^yaml\//);
    const dir = mkdtempSync(join(tmpdir(), 'bin-yaml-'));
    const good = node(['--require', hook, bin, 'score', '--rubric', 'township-center-2022', fixture('standard')]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/标准型/);
    expect(loaded()).toEqual([]);
    // One wrong answer, on line 3 of its file: the problem names that line, read from the YAML parse made then.
    const bad = join(dir, 'bad.json');
    const { answers: _answers, ...rest } = JSON.parse(readFileSync(fixture('standard'), 'utf8')) as Record<string, unknown>;
    writeFileSync(bad, `{\n  "answers": {\n    "1": "很大"\n  },\n  ${JSON.stringify(rest).slice(1, -1)}\n}\n`);
    const located = node(['--require', hook, bin, 'score', '--rubric', 'township-center-2022', bad]);
    expect(located.code).toBe(2);
    expect(located.stderr).toMatch(/bad\.json:3:/);
    // The YAML parse made to place it is recorded as the log would have recorded one before.
    expect(loaded()).toContain('yaml/dist/index.js');
  });
});

describe('the service from dist/', () => {
  it('starts without loading Ajv or fast-json-stringify, and still checks a route\'s parameters once asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dist-start-'));
    // The compilers the main thread loads (workers have their own).
    const { hook, loaded } = moduleLog(/^(ajv|fast-json-stringify|@fastify\/(ajv-compiler|fast-json-stringify-compiler))\//);
    const token = 'dist-start-token-0123456789';
    const child = spawn(process.execPath, ['--require', hook, join(PACKAGE_ROOT, 'dist/api/server.js')], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', PORT: '0', DEMO: '0', DATA_DIR: join(dir, 'data'), BIANMIN_TOKEN: token },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const printed = (re: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${re} in:\n${out}`)), 30_000);
        const check = () => {
          const m = re.exec(out);
          if (m) {
            clearTimeout(timer);
            child.stdout.off('data', check);
            resolve(m);
          }
        };
        child.stdout.on('data', check);
        check();
      });
    try {
      const url = (await printed(/已启动：(http:\/\/\S+)/))[1]!;
      // Fastify's error serialiser has its own small runtime; the compilers are what is not loaded.
      expect(loaded()).toEqual(['fast-json-stringify/lib/serializer.js', 'fast-json-stringify/lib/v8.js']);
      const auth = { authorization: `Bearer ${token}` };
      const bad = await fetch(`${url}/assessments/not-a-uuid`, { headers: auth });
      expect(bad.status).toBe(400);
      expect((await bad.json()) as { code: string }).toMatchObject({ code: 'BAD_REQUEST' });
      expect((await fetch(`${url}/assessments?period=2026-11`, { headers: auth })).status).toBe(200);
      expect(loaded()).toContain('ajv/dist/ajv.js');
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the import worker from dist/', () => {
  it('reads a workbook in a worker started by plain node', () => {
    // A file, not --eval: a worker inherits the parent's execArgv, and --input-type is refused for a worker's file.
    const file = join(mkdtempSync(join(tmpdir(), 'dist-worker-')), 'import.mjs');
    const dist = (m: string) => JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'dist', m)).href);
    writeFileSync(file, `
      import { readFileSync } from 'node:fs';
      import { importWorkbookIsolated, stopIsolation } from ${dist('excel/isolate.js')};
      import { loadRubric } from ${dist('index.js')};
      const rubric = await loadRubric('township-center-2022');
      const result = await importWorkbookIsolated(readFileSync('fixtures/excel/openpyxl-single.xlsx'), { rubrics: new Map([[rubric.id, rubric]]) });
      await stopIsolation();
      process.stdout.write(JSON.stringify({ kind: result.kind, units: result.submissions.map((s) => s.unit.code), problems: result.problems }));
    `);
    const r = node([file]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'single', units: ['330299102000'], problems: [] });
  });
});
