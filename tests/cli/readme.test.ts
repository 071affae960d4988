// The README's examples, run as written and in order, against a fresh demo store: `npm start` makes the demo county
// (and is stopped with SIGTERM, as a person would), then every other command of every ```sh block runs in a
// directory that looks like the project (its files linked in), so the files the examples write land there.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';

/** Every command line of the README's sh blocks, with the block it came from; comments and blank lines dropped. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, body]) => body!.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

/** `npm ci && x` is x here: the dependencies are installed already. */
const withoutInstall = (line: string) => line.replace(/^npm ci( --no-audit --no-fund)? && /, '');

const LINKED = ['package.json', 'package-lock.json', 'node_modules', 'src', 'dist', 'build', 'tsconfig.build.json', 'rubrics', 'standards', 'fixtures', 'tsconfig.json', 'bench', 'web'];

describe('the README', () => {
  it('has examples, and they use only unit codes of the demo county', () => {
    const lines = readmeCommands();
    expect(lines.length).toBeGreaterThan(15);
    const demo = new Set((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/units.json'), 'utf8')) as Array<{ code: string }>).map((u) => u.code));
    for (const code of lines.join(' ').match(/\b\d{12}\b/g) ?? []) expect(demo.has(code), code).toBe(true);
    expect(lines.join('\n')).not.toMatch(/<[^>]+>/);
  });

  it('runs its examples as written, in order, against a fresh demo store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-'));
    for (const name of LINKED) symlinkSync(join(PACKAGE_ROOT, name), join(dir, name));
    // The default store, ./data in that directory: fresh.
    const { DATA_DIR: _unset, ...inherited } = process.env;
    const env = { ...inherited, PORT: '0', DATABASE_URL: '', BIANMIN_TOKEN: '' };
    const ran: string[] = [];
    // What a line starts in the background (`… &`) keeps running after it, as it would for a person; waiting for
    // its output to end would wait for ever. Each is started in a process group of its own and stopped at the end.
    const background: ChildProcess[] = [];
    try {
      for (const line of readmeCommands().map(withoutInstall)) {
        if (line === 'npm test') continue; // the suite this test is part of
        if (line === 'npm start') {
          await startAndStop(dir, env);
        } else if (line.endsWith('&')) {
          background.push(spawn('bash', ['-c', line], { cwd: dir, env, detached: true, stdio: 'ignore' }));
        } else {
          const r = spawnSync('bash', ['-c', line], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
          expect(r.status, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
        }
        ran.push(line);
      }
    } finally {
      for (const c of background) {
        try {
          process.kill(-c.pid!, 'SIGKILL');
        } catch {
          // Already gone (the line's command exited on its own).
        }
      }
    }
    expect(ran[0]).toBe('npm start');
    for (const file of ['检查表.xlsx', '西岭镇检查表.xlsx', '批量录入.xlsx', '逐单位打印.xlsx', 'submission.json', '评分.json', '已填打印.xlsx', '县级汇总.xlsx', '考核结果.xlsx']) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'submission.json'), 'utf8')).unit.code).toBe('330299102000');
  }, 600_000);
});

/** npm start on the project's default store (./data): the demo county is made; SIGTERM stops it. */
async function startAndStop(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child: ChildProcess = spawn('npm', ['start'], { cwd, env });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no start-up line:\n${out}`)), 90_000);
      child.stdout!.on('data', () => out.includes('试一试') && (clearTimeout(timer), resolve()));
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
    });
    expect(out).toContain('已创建演示数据：示例县（330299000000）');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  } finally {
    child.kill('SIGKILL');
  }
}
