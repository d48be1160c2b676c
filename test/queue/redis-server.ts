/**
 * A real Redis for the queue tests: Debian's `redis-server`, started on
 * 127.0.0.1 on a free port with no persistence (`--save '' --appendonly
 * no`, a temporary folder), stopped after. `restart()` stops it and starts
 * it again on the same port, empty (what a Redis restart without
 * persistence does to a sweep).
 *
 * Where redis-server is missing the tests are skipped with a message saying
 * how to install it, except when KERNEL_SIM_REQUIRE_REDIS is set (.ci/run
 * sets it after installing the package): then they fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_INSTALL = 'apt-get update && apt-get install -y redis-server';

function redisBinary(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export const REDIS_BIN = redisBinary();
/** Whether the queue tests run (else they are skipped, with REDIS_SKIP_REASON). */
export const REDIS_PRESENT =
  REDIS_BIN !== null || process.env.KERNEL_SIM_REQUIRE_REDIS !== undefined;
export const REDIS_SKIP_REASON = `redis-server is not installed: the queue tests are skipped (install it: ${REDIS_INSTALL})`;
if (!REDIS_PRESENT) console.warn(REDIS_SKIP_REASON);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port });
    c.once('error', () => resolve(false));
    c.once('data', (d) => {
      c.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    c.once('connect', () => c.write('PING\r\n'));
  });
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  if (REDIS_BIN === null)
    throw new Error(
      `redis-server is not installed; KERNEL_SIM_REQUIRE_REDIS is set, so the queue tests fail (install it: ${REDIS_INSTALL})`,
    );
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ks-redis-'));
  let child: ChildProcess | null = null;
  const up = async (): Promise<void> => {
    child = spawn(
      REDIS_BIN,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 200; i++) {
      if (await pong(port)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not answer on 127.0.0.1:${port} within 10 s`);
  };
  const down = async (): Promise<void> => {
    const c = child;
    child = null;
    if (c === null || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await up();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await down();
      await up();
    },
    stop: async () => {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
