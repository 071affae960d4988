import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../src/excel/template.js';
import { loadRubricFile, PACKAGE_ROOT } from '../../src/rubric/load.js';
import { multipart } from '../support/api.js';
import { pause, rawConnection, requestHead } from '../support/raw-http.js';
import { startServer } from '../support/server.js';
import { pgTestSchema } from '../support/stores.js';

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

describe('the server process', () => {
  const TOKEN = 'sigterm-test-token-0123456789abcdef';
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

  it('SIGTERM in the middle of an upload: the upload finishes, a request after it gets 503, the process exits 0 and the record is there on restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    const env = { DATA_DIR: dataDir, DEMO: '0', DATABASE_URL: '', BIANMIN_TOKEN: TOKEN, LOG: '0' };
    const server = await startServer(env);
    try {
      for (const [code, body] of [
        ['330212000000', { name: '测试县', level: 'county', parent: null }],
        ['330212102000', { name: '西岭镇', level: 'township', parent: '330212000000' }],
      ] as const) {
        expect((await fetch(`${server.url}/units/${code}`, { method: 'PUT', headers, body: JSON.stringify(body) })).status).toBe(200);
      }
      const submission = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/township-center-2022/standard.json'), 'utf8'));
      const body = multipart(await buildTemplate(await loadRubricFile(join(PACKAGE_ROOT, 'rubrics/township-center-2022.yaml')), { prefill: submission }));
      const conn = rawConnection(Number(new URL(server.url).port));
      const half = Math.floor(body.payload.length / 2);
      conn.socket.write(requestHead('POST', '/assessments/import', { authorization: headers.authorization, ...body.headers, 'content-length': body.payload.length }));
      conn.socket.write(body.payload.subarray(0, half));
      await pause(200);
      server.child.kill('SIGTERM');
      await pause(200);
      conn.socket.write(body.payload.subarray(half));
      conn.socket.write(requestHead('GET', '/rubrics', { authorization: headers.authorization }));
      await conn.closed();
      expect(conn.statuses()).toEqual([201, 503]);
      // It was signalled once already: wait for it to finish on its own (stop() would signal again and force it).
      const code = await new Promise((res) => (server.child.exitCode !== null ? res(server.child.exitCode) : server.child.once('exit', res)));
      expect(code, server.output()).toBe(0);
      expect(server.output()).toContain('收到 SIGTERM，正在停止');
    } finally {
      await server.kill();
    }
    const again = await startServer(env);
    try {
      const list = (await (await fetch(`${again.url}/assessments`, { headers })).json()) as Array<{ unit: string }>;
      expect(list.map((a) => a.unit)).toEqual(['330212102000']);
      expect(await (await fetch(`${again.url}/audit/verify`, { headers })).json()).toMatchObject({ ok: true });
    } finally {
      await again.stop();
    }
  }, 90_000);

  it('SIGTERM with keep-alive connections open: a request on each afterwards gets 503 with Connection: close (none is reset), and a POST among them is not made', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'sigterm-keepalive-')), DEMO: '0', DATABASE_URL: '', BIANMIN_TOKEN: TOKEN, LOG: '0' };
    const server = await startServer(env);
    try {
      const port = Number(new URL(server.url).port);
      for (const [code, body] of [
        ['330212000000', { name: '测试县', level: 'county', parent: null }],
        ['330212102000', { name: '西岭镇', level: 'township', parent: '330212000000' }],
      ] as const) {
        expect((await fetch(`${server.url}/units/${code}`, { method: 'PUT', headers, body: JSON.stringify(body) })).status).toBe(200);
      }
      const conns = Array.from({ length: 11 }, () => rawConnection(port));
      for (const c of conns) c.socket.write(requestHead('GET', '/rubrics', { authorization: headers.authorization }));
      await pause(500);
      expect(conns.map((c) => c.statuses())).toEqual(conns.map(() => [200]));
      server.child.kill('SIGTERM');
      await pause(200);
      const submission = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/township-center-2022/standard.json'), 'utf8'));
      const body = JSON.stringify({ ...submission, unit: { code: '330212102000', name: '西岭镇', level: 'township' } });
      for (const [i, c] of conns.entries()) {
        c.socket.write(i === 0 ? requestHead('POST', '/assessments', { ...headers, 'content-length': Buffer.byteLength(body) }) + body : requestHead('GET', '/rubrics', { authorization: headers.authorization }));
      }
      await Promise.all(conns.map((c) => c.closed(10_000)));
      for (const c of conns) {
        expect(c.statuses()).toEqual([200, 503]);
        expect(c.received()).toMatch(/HTTP\/1\.1 503[^]*\r\nconnection: close\r\n/i);
      }
      const code = await new Promise((res) => (server.child.exitCode !== null ? res(server.child.exitCode) : server.child.once('exit', res)));
      expect(code, server.output()).toBe(0);
    } finally {
      await server.kill();
    }
    const again = await startServer(env);
    try {
      expect(await (await fetch(`${again.url}/assessments`, { headers })).json()).toEqual([]);
    } finally {
      await again.stop();
    }
  }, 90_000);

  it('refuses settings that would be unsafe or contradictory, saying why: TRUST_PROXY=true, or both DATABASE_URL and DATABASE_URL_READONLY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    await expect(startServer({ DATA_DIR: dir, DEMO: '0', DATABASE_URL: '', TRUST_PROXY: 'true' }, 20_000)).rejects.toThrow(/TRUST_PROXY=true 会相信任何客户端自己写的 X-Forwarded-For/);
    await expect(startServer({ DATABASE_URL: 'postgres://nowhere/x', DATABASE_URL_READONLY: 'postgres://nowhere/y', BIANMIN_TOKEN: TOKEN }, 20_000)).rejects.toThrow(/DATABASE_URL 与 DATABASE_URL_READONLY 只能设置一个/);
  }, 60_000);

  const pgUrl = process.env.TEST_DATABASE_URL;
  (pgUrl ? it : it.skip)('on PostgreSQL it needs an administrator token, and never prints a demo token', async () => {
    const schema = await pgTestSchema();
    const u = schema.url;
    try {
      await expect(startServer({ DATABASE_URL: u, BIANMIN_TOKEN: '' }, 20_000)).rejects.toThrow(/必须设置 BIANMIN_TOKEN/);
      const server = await startServer({ DATABASE_URL: u, BIANMIN_TOKEN: TOKEN });
      try {
        expect(server.output()).toContain('PostgreSQL');
        expect(server.output()).not.toContain('演示令牌');
        expect((await fetch(`${server.url}/units`, { headers })).status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      await schema.drop();
    }
  }, 60_000);
});
