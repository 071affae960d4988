import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';

describe('the README main command', () => {
  it('starts the server on the embedded default with a demo county, and prints the URL and a working demo token', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/api/server.ts')], {
      env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'server-')), PORT: '0', DATABASE_URL: '', BIANMIN_TOKEN: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line:\n${out}`)), 30_000);
        child.stdout.on('data', () => out.includes('试一试') && (clearTimeout(timer), resolve()));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toMatch(/已创建演示数据：示例县（330299000000），3 个镇\(街道\)，5 个村\(社区\)，33 条考核记录/);
      const url = /已启动：(http:\/\/\S+)/.exec(out)![1]!;
      const token = /演示令牌：(\S+)/.exec(out)![1]!;
      const res = await fetch(`${url}/assessments?county=330299000000&status=final`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBe(22);
      expect((await fetch(`${url}/rubrics`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
