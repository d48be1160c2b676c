/**
 * queue-measure: throughput of `kernel-sim check --queue` with 1, 2 and 4
 * local `kernel-sim worker` processes (one thread each) against the serial
 * check of the same seeds, and the queue's overhead per job (issue 16; the
 * result is in docs/SCALE.md). Starts its own redis-server (Debian's) on a
 * free port, without persistence, and stops it after.
 *
 *   npm run build
 *   node --import jiti/register scripts/queue-measure.ts [scenario=hello.ts] [seeds=200] [jobSeeds=50]
 *
 * Every queued run's stdout is checked to be the serial run's bytes.
 * Overhead per job: one worker runs the seeds as `seeds/jobSeeds` jobs and as
 * 10x as many jobs; (T_many - T_few) / (jobs_many - jobs_few) is what one
 * more job costs, reported beside the time of a 1,000-seed job (the serial
 * time per seed x 1,000). Wall clock, one run each: expect noise on a shared
 * machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const scenario = process.argv[2] ?? 'hello.ts';
const seeds = Number(process.argv[3] ?? 200);
const jobSeeds = Number(process.argv[4] ?? 50);
const BIN = fileURLToPath(new URL('../bin/kernel-sim.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function timed(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 3)
    throw new Error(`kernel-sim ${args.join(' ')}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

async function withWorkers<T>(url: string, n: number, body: () => T): Promise<T> {
  const ws = Array.from({ length: n }, () =>
    spawn(process.execPath, [BIN, 'worker', '--queue', url, '--threads', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  await Promise.all(
    ws.map(
      (w) =>
        new Promise<void>((r) => {
          let text = '';
          w.stderr.on('data', (d: Buffer) => {
            text += d.toString();
            if (text.includes('serving')) r();
          });
        }),
    ),
  );
  try {
    return body();
  } finally {
    await Promise.all(ws.map((w) => new Promise((r) => w.once('exit', r).kill('SIGTERM'))));
  }
}

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'ks-measure-'));
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}`;
const sweep = ['check', scenario, '--seeds', String(seeds)];
try {
  const serial = timed([...sweep, '--workers', '1']);
  const rows: [string, number][] = [['serial (check --workers 1)', serial.ms]];
  const queued = (n: number, per: number): Promise<number> =>
    withWorkers(url, n, () => {
      const r = timed([...sweep, '--queue', url, '--job-seeds', String(per)]);
      if (r.stdout !== serial.stdout) throw new Error(`${n} worker(s): output differs from serial`);
      return r.ms;
    });
  for (const n of [1, 2, 4])
    rows.push([`queue, ${n} worker(s), jobs of ${jobSeeds}`, await queued(n, jobSeeds)]);
  const few = Math.ceil(seeds / jobSeeds);
  const manySeeds = Math.max(1, Math.floor(jobSeeds / 10));
  const many = Math.ceil(seeds / manySeeds);
  const tMany = await queued(1, manySeeds);
  rows.push([`queue, 1 worker, jobs of ${manySeeds}`, tMany]);
  const perJob = (tMany - rows[1][1]) / (many - few);
  const job1000 = (serial.ms / seeds) * 1000;
  console.log(
    `${scenario}, ${seeds} seeds; wall ms (speed-up over serial); outputs identical to serial`,
  );
  for (const [what, ms] of rows)
    console.log(
      `  ${what.padEnd(40)} ${ms.toFixed(0).padStart(8)}  (${(serial.ms / ms).toFixed(2)}x)`,
    );
  console.log(
    `  overhead per job: ${perJob.toFixed(0)} ms (${few} vs ${many} jobs); a 1,000-seed job takes ~${job1000.toFixed(0)} ms: ${((100 * perJob) / job1000).toFixed(2)}%`,
  );
} finally {
  redis.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
