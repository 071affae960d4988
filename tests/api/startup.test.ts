// What a person sees when they start the service as the README says: the demo token, a restart, and stopping it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenDigest } from '../../src/access/tokens.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { killChildren, startServer } from '../support/server.js';

const embedded = (dir: string) => ({ DATA_DIR: dir, DATABASE_URL: '', BIANMIN_TOKEN: '' });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
/** The start-up lines after 已启动 (the token, the try-it line) come a moment later. */
async function untilPrinted(output: () => string, text: string): Promise<string> {
  for (let i = 0; i < 100 && !output().includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return output();
}

afterAll(killChildren);

describe('the demo token', () => {
  it('is shown once, stored only as its digest, and still works after a restart, which prints no new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'startup-'));
    const first = await startServer(embedded(dir));
    const token = /演示令牌：(\S+)/.exec(await untilPrinted(first.output, '试一试'))?.[1];
    expect(token).toMatch(/^bm_/);
    expect((await fetch(`${first.url}/rubrics`, bearer(token!))).status).toBe(200);
    expect(await first.stop()).toBe(0);

    const db = new Database(join(dir, 'bianmin-audit.sqlite'), { readonly: true });
    expect(db.prepare('SELECT name, role, digest FROM api_tokens').all()).toEqual([{ name: '演示管理员', role: 'admin', digest: tokenDigest(token!) }]);
    db.close();
    for (const file of ['bianmin-audit.sqlite', 'bianmin-audit.sqlite-wal']) {
      if (existsSync(join(dir, file))) expect(readFileSync(join(dir, file)).includes(token!), file).toBe(false);
    }

    const second = await startServer(embedded(dir));
    const again = await untilPrinted(second.output, '试一试');
    expect(again).not.toMatch(/演示令牌：/);
    expect(again).toContain('演示令牌只在首次启动时显示，重启不会更换，仍然有效');
    expect((await fetch(`${second.url}/rubrics`, bearer(token!))).status).toBe(200);
    expect(await second.stop()).toBe(0);
  }, 90_000);
});

describe('npm start', () => {
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

  it('SIGTERM to the npm start process reaches the server: it says so, stops, and its port closes', async () => {
    const child = spawn('npm', ['start'], { cwd: PACKAGE_ROOT, env: { ...process.env, ...embedded(mkdtempSync(join(tmpdir(), 'npm-start-'))), DEMO: '0', PORT: '0' } });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line:\n${out}`)), 60_000);
        child.stdout!.on('data', () => {
          const m = /已启动：(http:\/\/\S+)/.exec(out);
          if (m) (clearTimeout(timer), resolve(m[1]!));
        });
      });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      child.kill('SIGTERM');
      const code = await Promise.race([exited(child), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000))]);
      expect(code, out).toBe(0);
      expect(out).toContain('收到 SIGTERM，正在停止');
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
