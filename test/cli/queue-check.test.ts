/**
 * `kernel-sim check X --queue redis://...` with two `kernel-sim worker`
 * processes on a real Redis (test/queue/redis-server.ts): for every bundled
 * scenario the queued sweep prints the serial check's bytes, text and
 * --json, with its exit code; `experiment quiescence --queue` writes the
 * serial experiment's files byte for byte (same Redis and workers), and so
 * does `experiment strategies --queue`; and the
 * flags a queued check refuses.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { freePort, REDIS_PRESENT, startRedis, type RedisServer } from '../queue/redis-server.ts';
import { startWorker, type QueueWorker } from '../queue/queue-workers.ts';
import { ensureBuilt } from './built-cli.ts';
import { deterministicFiles, SMALL_GRID, tableOf } from './experiment-grid.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-queue-'));
const bundled = readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) =>
  f.endsWith('.ts'),
);

/** A cheap scenario whose even seeds fail their expect(). */
const EVEN_SEEDS_FAIL = `import { defineScenario, sleep } from 'kernel-sim';\nexport default defineScenario({ name: 'f', description: 'even seeds fail', setup(sim) { sim.spawn('t', function* () { yield* sleep(2); }); }, expect(_r, sim) { if (sim.options.seed % 2 === 0) throw new Error('even seeds fail'); } });\n`;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = bufferIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe.skipIf(!REDIS_PRESENT)('kernel-sim check --queue (BullMQ on a real Redis)', () => {
  let redis: RedisServer;
  let workers: QueueWorker[] = [];
  beforeAll(async () => {
    ensureBuilt();
    redis = await startRedis();
    workers = [startWorker(redis.url, dir), startWorker(redis.url, dir)];
    await Promise.all(workers.map((w) => w.waitFor(/serving/)));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  test.each(bundled)(
    '%s: two workers print the serial bytes',
    async (name) => {
      // 2 seeds in jobs of 1: two jobs, the re-run seeds span both
      const args = ['check', name, '--seeds', '2'];
      const serial = await cli([...args, '--workers', '1']);
      const queued = await cli([...args, '--queue', redis.url, '--job-seeds', '1']);
      expect(queued.stdout, queued.stderr).toBe(serial.stdout);
      expect(queued.code).toBe(serial.code);
    },
    120_000,
  );

  test('failing seeds, --faults, --json: the same failing seeds, reproduce lines and exit code', async () => {
    writeFileSync(join(dir, 'even-fail.ts'), EVEN_SEEDS_FAIL);
    for (const flags of [[], ['--json']]) {
      const args = [
        'check',
        'even-fail.ts',
        '--seed-from',
        '10',
        '--seed-to',
        '16',
        '--faults',
        ...flags,
      ];
      const serial = await cli([...args, '--workers', '1']);
      const queued = await cli([...args, '--queue', redis.url, '--job-seeds', '3']);
      expect(serial.code).toBe(3);
      expect(serial.stdout).toContain('seed 12');
      expect(queued.stdout).toBe(serial.stdout);
      expect(queued.code).toBe(3);
    }
  }, 120_000);

  test('--swap-mediation per-cpu rides in the jobs: the serial bytes, which differ from global mediation', async () => {
    const args = ['check', 'swap-file-cache.ts', '--seeds', '2', '--json'];
    const perCpu = ['--swap-mediation', 'per-cpu'];
    const global = await cli([...args, '--workers', '1']);
    const serial = await cli([...args, ...perCpu, '--workers', '1']);
    const queued = await cli([...args, ...perCpu, '--queue', redis.url, '--job-seeds', '1']);
    expect(serial.code, serial.stdout).toBe(0);
    expect(serial.stdout).not.toBe(global.stdout);
    expect(queued.stdout, queued.stderr).toBe(serial.stdout);
    expect(queued.code).toBe(0);
  }, 120_000);

  describe('kernel-sim experiment quiescence --queue (same Redis and workers)', () => {
    test('jobs of 5 runs (cut mid-cell) on two workers: the serial files byte for byte and the serial table', async () => {
      const serial = await cli([...SMALL_GRID, '--workers', '0', '--out', 'exp-serial']);
      expect(serial.code, serial.stderr).toBe(0);
      const queued = await cli([
        ...SMALL_GRID,
        '--queue',
        redis.url,
        '--job-runs',
        '5',
        '--out',
        'exp-queued',
      ]);
      expect(queued.code, queued.stderr).toBe(0);
      const want = deterministicFiles(join(dir, 'exp-serial'));
      const got = deterministicFiles(join(dir, 'exp-queued'));
      expect([...got.keys()]).toEqual([...want.keys()]);
      for (const [name, bytes] of want) expect(got.get(name), name).toBe(bytes);
      expect(tableOf(queued.stdout, join(dir, 'exp-queued'))).toBe(
        tableOf(serial.stdout, join(dir, 'exp-serial')),
      );
      // 18 runs in jobs of 5: four jobs, spread over both workers
      expect(workers.every((w) => /job \S+ done/.test(w.log()))).toBe(true);
    }, 120_000);

    test('--queue with --shard or --workers is a usage error', async () => {
      const r = await cli([...SMALL_GRID, '--queue', redis.url, '--workers', '2', '--out', 'e']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('drop --shard and --workers');
    });
  });

  describe('kernel-sim experiment strategies --queue (same Redis and workers)', () => {
    const GRID = [
      'experiment',
      'strategies',
      '--workloads',
      'hello,naive-swap-loses-a-call',
      '--strategies',
      'quiescence,naive',
      '--seeds',
      '2',
      '--no-plots',
    ];
    const all = (folder: string): Map<string, string> =>
      new Map(
        readdirSync(folder)
          .sort()
          .map((f) => [f, readFileSync(join(folder, f), 'utf8')]),
      );

    test('jobs of 3 runs (cut mid-pair) on two workers: every serial file byte for byte and the serial table', async () => {
      const serial = await cli([...GRID, '--workers', '0', '--out', 'st-serial']);
      expect(serial.code, serial.stderr).toBe(0);
      const queued = await cli([
        ...GRID,
        '--queue',
        redis.url,
        '--job-runs',
        '3',
        '--out',
        'st-queued',
      ]);
      expect(queued.code, queued.stderr).toBe(0);
      const want = all(join(dir, 'st-serial'));
      expect(want.size).toBeGreaterThan(0);
      const got = all(join(dir, 'st-queued'));
      expect([...got.keys()]).toEqual([...want.keys()]);
      for (const [name, bytes] of want) expect(got.get(name), name).toBe(bytes);
      expect(queued.stdout.replaceAll(join(dir, 'st-queued'), 'OUT')).toBe(
        serial.stdout.replaceAll(join(dir, 'st-serial'), 'OUT'),
      );
    }, 120_000);

    test('--queue with --shard or --workers is a usage error', async () => {
      const r = await cli([...GRID, '--queue', redis.url, '--shard', '1/2', '--out', 'x.json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('drop --shard and --workers');
    });
  });
});

describe('kernel-sim check --queue: what it refuses', () => {
  test('--queue with --shard or --workers is a usage error', async () => {
    const r = await cli(['check', 'hello.ts', '--queue', 'redis://127.0.0.1:1', '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drop --shard, --out and --workers');
  });

  test('--job-seeds without --queue is a usage error', async () => {
    const r = await cli(['check', 'hello.ts', '--job-seeds', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add --queue');
  });

  test('a URL that is not redis:// is refused, naming the flag', async () => {
    const r = await cli(['check', 'hello.ts', '--queue', 'http://example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--queue: expected a Redis URL such as redis://127.0.0.1:6379');
  });

  test('no Redis at the URL: exit 2 saying to start one', async () => {
    const port = await freePort();
    const r = await cli([
      'check',
      'hello.ts',
      '--seeds',
      '2',
      '--queue',
      `redis://127.0.0.1:${port}`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no Redis answers at 127.0.0.1:${port}`);
  }, 30_000);
});
