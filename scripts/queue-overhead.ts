/**
 * queue-overhead: what running a 1,000-seed check as one queue job costs
 * beyond running it in-process (issue 16's goal: <= 5% of the job's time;
 * the result is in docs/SCALE.md). Starts its own redis-server (Debian's) on
 * a free port, without persistence, and one `kernel-sim worker --threads 1`;
 * then, alternately, `repeats` times each:
 *
 *   in-process: kernel-sim check X --seeds 1000 --workers 1
 *   queue:      kernel-sim check X --seeds 1000 --queue URL --job-seeds 1000
 *
 * CPU time is the measure (the machine is shared: wall time is distorted by
 * other load): the in-process run's user+system time (its worker thread
 * included), against the queued run's coordinator user+system plus the
 * worker process's CPU over the run (read from /proc/PID/stat, all its
 * threads). Wall times are printed beside. Every queued run's stdout is
 * checked to be the in-process run's bytes.
 *
 *   npm run build
 *   node --import jiti/register scripts/queue-overhead.ts [scenario=hello.ts] [seeds=1000] [repeats=3]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const scenario = process.argv[2] ?? 'hello.ts';
const seeds = Number(process.argv[3] ?? 1000);
const repeats = Number(process.argv[4] ?? 3);
const BIN = fileURLToPath(new URL('../bin/kernel-sim.js', import.meta.url));
const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs kernel-sim under /usr/bin/time: wall ms, CPU ms (user+system, children included), stdout. */
function timed(args: string[]): { wallMs: number; cpuMs: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, BIN, ...args], {
    encoding: 'utf8',
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0 && r.status !== 3)
    throw new Error(`kernel-sim ${args.join(' ')}: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (m === null) throw new Error(`no CPU line from /usr/bin/time: ${r.stderr}`);
  return { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000, stdout: r.stdout };
}

/** A process's CPU so far (utime + stime of all its threads), in ms. */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'ks-overhead-'));
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}`;
const worker = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--threads', '1'], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
await new Promise<void>((r) => {
  let text = '';
  worker.stderr.on('data', (d: Buffer) => {
    text += d.toString();
    if (text.includes('serving')) r();
  });
});
const sweep = ['check', scenario, '--seeds', String(seeds)];
try {
  const local: { wallMs: number; cpuMs: number }[] = [];
  const queued: { wallMs: number; cpuMs: number }[] = [];
  // a first queued job warms the worker (its thread loads the scenario once for its life)
  timed([...sweep, '--queue', url, '--job-seeds', String(seeds)]);
  for (let i = 0; i < repeats; i++) {
    const l = timed([...sweep, '--workers', '1']);
    local.push(l);
    const before = cpuOf(worker.pid!);
    const q = timed([...sweep, '--queue', url, '--job-seeds', String(seeds)]);
    const workerMs = cpuOf(worker.pid!) - before;
    if (q.stdout !== l.stdout) throw new Error('the queued output differs from the in-process one');
    queued.push({ wallMs: q.wallMs, cpuMs: q.cpuMs + workerMs });
    console.log(
      `  run ${i + 1}: in-process ${l.cpuMs.toFixed(0)} ms CPU (${l.wallMs.toFixed(0)} wall); queue ${q.cpuMs.toFixed(0)} + ${workerMs.toFixed(0)} ms CPU (coordinator + worker; ${q.wallMs.toFixed(0)} wall)`,
    );
  }
  const [lc, qc] = [median(local.map((x) => x.cpuMs)), median(queued.map((x) => x.cpuMs))];
  const [lw, qw] = [median(local.map((x) => x.wallMs)), median(queued.map((x) => x.wallMs))];
  console.log(`${scenario}, ${seeds} seeds as one job; medians of ${repeats}; outputs identical`);
  console.log(
    `  CPU:  in-process ${lc.toFixed(0)} ms, queue ${qc.toFixed(0)} ms: overhead ${(qc - lc).toFixed(0)} ms = ${((100 * (qc - lc)) / lc).toFixed(1)}%`,
  );
  console.log(
    `  wall: in-process ${lw.toFixed(0)} ms, queue ${qw.toFixed(0)} ms: overhead ${(qw - lw).toFixed(0)} ms = ${((100 * (qw - lw)) / lw).toFixed(1)}%`,
  );
} finally {
  worker.kill('SIGTERM');
  redis.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
