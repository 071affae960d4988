// The real server as a child process (`node --import tsx src/api/server.ts`), for tests that need the process
// itself: start-up output, signals, kill -9. Every child started here is remembered, so a test's afterAll can
// make sure none outlives it (killChildren).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';

export interface ServerProcess {
  /** The address it printed in its `已启动：<url>` line. */
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything it has written so far, stdout and stderr interleaved. */
  output(): string;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for it to exit (SIGKILL after `graceMs`); the exit code, or null if it had to be killed. */
  stop(graceMs?: number): Promise<number | null>;
}

const children = new Set<ChildProcessWithoutNullStreams>();

const exited = (child: ChildProcessWithoutNullStreams): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** Spawns the server (PORT=0, so it picks a free port) and waits for its start-up line. */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/api/server.ts')], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, PORT: '0', ...env },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`the server printed no start-up line within ${timeoutMs} ms:\n${out}`)), timeoutMs);
      const onData = () => {
        const m = /已启动：(http:\/\/\S+)/.exec(out);
        if (m) done(null, m[1]!);
      };
      const onExit = (code: number | null, signal: string | null) => done(new Error(`the server exited (${code ?? signal}) before starting:\n${out}`));
      function done(e: Error | null, url?: string) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        if (e) reject(e);
        else resolve(url!);
      }
      child.stdout.on('data', onData);
      child.once('exit', onExit);
    });
    return {
      url,
      child,
      output: () => out,
      kill,
      async stop(graceMs = 10_000) {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const forced = await Promise.race([
          exited(child).then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
        ]);
        clearTimeout(timer);
        if (forced) await kill();
        return forced ? null : child.exitCode;
      },
    };
  } catch (e) {
    await kill();
    throw e;
  }
}

/** kill -9 every server child still running; for afterAll, so a failed test leaks no process. */
export async function killChildren(): Promise<void> {
  await Promise.all([...children].map(async (c) => {
    c.kill('SIGKILL');
    await exited(c);
  }));
}
