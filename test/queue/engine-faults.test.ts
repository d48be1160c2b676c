/**
 * Faults of the engine itself, on a real Redis with `kernel-sim worker`
 * processes (lock 1000 ms, so a lost job runs elsewhere within seconds):
 *   - a worker killed (SIGKILL) at spread points of a job: the sweep prints
 *     the serial bytes (no seed lost or counted twice); trials:
 *     KERNEL_SIM_QUEUE_KILL_TRIALS (default 3; the issue's goal is 20);
 *   - Redis restarted (empty) during a sweep: the serial bytes;
 *   - a worker frozen (SIGSTOP) mid-job, then woken: its job ran elsewhere,
 *     the serial bytes; with --stalled-max 0 its seeds count as lost crashes;
 *   - a scenario file that differs on a worker's machine: refused, exit 2.
 *
 * For speed the kill, restart and freeze tests share a pool of two workers:
 * the worker that starts a job first is the victim, and its replacement is
 * spawned at once, so its start-up overlaps the wait for the lost job's lock.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { ensureBuilt } from '../cli/built-cli.ts';
import { startWorker, type QueueWorker } from './queue-workers.ts';
import { REDIS_PRESENT, startRedis, type RedisServer } from './redis-server.ts';

const TRIALS = Number(process.env.KERNEL_SIM_QUEUE_KILL_TRIALS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'ks-faults-'));

/** A scenario whose seeds take a while (so a job is killed mid-way), and whose seeds divisible by 5 fail. */
const SLOW = `import { defineScenario, sleep } from 'kernel-sim';
export default defineScenario({
  name: 'slow',
  description: 'a few hundred ticks per seed; seeds divisible by 5 fail',
  setup(sim) { for (let i = 0; i < 4; i++) sim.spawn('t' + i, function* () { for (let k = 0; k < 60; k++) yield* sleep(1 + (k % 3)); }); },
  expect(_r, sim) { if (sim.options.seed % 5 === 0) throw new Error('seeds divisible by 5 fail'); },
});
`;

async function cli(
  args: string[],
  cwd = dir,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = bufferIo({ cwd });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const SWEEP = ['check', 'slow.ts', '--seeds', '24', '--faults'];
const QUEUED = (url: string): string[] => [
  ...SWEEP,
  '--queue',
  url,
  '--job-seeds',
  '8',
  '--queue-wait-s',
  '120',
];

describe.skipIf(!REDIS_PRESENT)('engine faults of a queued check', () => {
  let redis: RedisServer;
  let serial: { code: number; stdout: string };
  /** The shared pool: two live workers (a victim is replaced at once). */
  let pool: QueueWorker[] = [];
  /** Workers of one test only, stopped after it. */
  let own: QueueWorker[] = [];
  beforeAll(async () => {
    ensureBuilt();
    writeFileSync(join(dir, 'slow.ts'), SLOW);
    redis = await startRedis();
    pool = [startWorker(redis.url, dir), startWorker(redis.url, dir)];
    serial = await cli([...SWEEP, '--workers', '1']);
    expect(serial.code).toBe(3);
    await Promise.all(pool.map((w) => w.waitFor(/serving/)));
  }, 180_000);
  afterEach(async () => {
    for (const w of own) w.child.kill('SIGCONT');
    await Promise.all(own.map((w) => w.stop('SIGKILL')));
    own = [];
  });
  afterAll(async () => {
    await Promise.all([...pool, ...own].map((w) => w.stop('SIGKILL')));
    await redis?.stop();
  });

  async function spawn(n: number, extra: string[] = [], cwd = dir): Promise<QueueWorker[]> {
    const ws = Array.from({ length: n }, () => startWorker(redis.url, cwd, extra));
    own.push(...ws);
    await Promise.all(ws.map((w) => w.waitFor(/serving/)));
    return ws;
  }

  /** Starts the queued sweep; resolves with it and the pool worker that started a job first. */
  async function sweepWithVictim(): Promise<{
    sweep: ReturnType<typeof cli>;
    victim: QueueWorker;
  }> {
    const from = pool.map((w) => w.log().length);
    const sweep = cli(QUEUED(redis.url));
    const victim = await Promise.race(
      pool.map((w, i) => w.waitFor(/job \S+ started/, from[i]).then(() => w)),
    );
    return { sweep, victim };
  }

  /** Takes the victim out of the pool and starts its replacement (not awaited). */
  function replace(victim: QueueWorker): void {
    pool = pool.filter((w) => w !== victim);
    own.push(victim);
    pool.push(startWorker(redis.url, dir));
  }

  test.each(Array.from({ length: TRIALS }, (_, i) => i))(
    'trial %i: a worker killed mid-job; the output is the serial bytes',
    async (trial) => {
      const { sweep, victim } = await sweepWithVictim();
      // spread the kill over the job: 0, 173, 346, 519, 92, ... ms after it started
      // (distinct for up to 600 trials)
      await new Promise((r) => setTimeout(r, (trial * 173) % 600));
      victim.child.kill('SIGKILL');
      replace(victim);
      const r = await sweep;
      expect(r.stdout, r.stderr).toBe(serial.stdout);
      expect(r.code).toBe(serial.code);
    },
    120_000,
  );

  test('Redis restarted (empty) during a sweep: the serial bytes', async () => {
    const { sweep } = await sweepWithVictim();
    await redis.restart();
    const r = await sweep;
    expect(r.stdout, r.stderr).toBe(serial.stdout);
    expect(r.code).toBe(serial.code);
    expect(r.stderr).toContain('Redis lost');
  }, 120_000);

  test('a worker frozen mid-job: its job runs elsewhere; woken, its late result does not count twice', async () => {
    const { sweep, victim: frozen } = await sweepWithVictim();
    frozen.child.kill('SIGSTOP');
    replace(frozen);
    const r = await sweep;
    frozen.child.kill('SIGCONT');
    expect(r.stdout, r.stderr).toBe(serial.stdout);
    expect(r.code).toBe(serial.code);
  }, 120_000);

  describe('without the shared pool', () => {
    beforeAll(async () => {
      await Promise.all(pool.map((w) => w.stop('SIGKILL')));
      pool = [];
    }, 60_000);

    test('a job that stalls more than --stalled-max: its seeds are reported as lost crashes', async () => {
      const [frozen] = await spawn(2, ['--stalled-max', '0']);
      const sweep = cli(QUEUED(redis.url));
      await frozen.waitFor(/job \S+ started/);
      frozen.child.kill('SIGSTOP');
      const r = await sweep;
      frozen.child.kill('SIGCONT');
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('was lost with its queue job');
      expect(r.stdout).toMatch(/runs 24, /);
      expect(r.stderr).toContain('failed for good');
    }, 120_000);

    test('a scenario file that differs on a worker: the job is refused, exit 2 naming both hashes', async () => {
      const other = join(dir, 'other-machine');
      mkdirSync(other, { recursive: true });
      writeFileSync(join(other, 'slow.ts'), `${SLOW}// changed\n`);
      await spawn(1, [], other);
      const r = await cli(QUEUED(redis.url));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /the scenario slow\.ts differs on worker .* sha256 [0-9a-f]{12}, the sweep's is [0-9a-f]{12}/,
      );
    }, 120_000);
  });
});
