/**
 * scalingBench: calls per second as the work grows, to show the simulator
 * stays linear in work (no quadratic step anywhere): the end-to-end workload
 * (callWorkload, 10 calls per thread) as threads grow 10^2..10^6 on 2 CPUs,
 * and as CPUs grow 1..64 at fixed work.
 *
 * Figures: the log-log slope of run time against calls (goal <= 1.1: linear,
 * issue 18)
 * and of run time against CPUs at fixed work (goal <= 0.15: flat), and the
 * calls/s at each point (info). A size is skipped when the previous one
 * predicts it would take more than `budgetMs` (the suite must stay short).
 * Times are this process's CPU time, the median of the runs at each point;
 * the event hash is off (callWorkload's default), as in issue 10's figures.
 */
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { runCallWorkload } from './call-workload.ts';
import { logLogSlope } from './log-log-slope.ts';
import { makeWorkClass, type WorkClass } from './work-class.ts';

const CALLS_PER_THREAD = 10;

interface Point {
  readonly x: number;
  readonly calls: number;
  readonly ms: number;
}

/** The run of median CPU time of `runs` runs (its CPU ms as `ms`). */
function best(runs: number, f: () => { cpuMs: number; ops: number }): { ms: number; ops: number } {
  const all = Array.from({ length: runs }, f).sort((a, b) => a.cpuMs - b.cpuMs);
  const r = all[(runs - 1) >> 1];
  return { ms: r.cpuMs, ops: r.ops };
}

/** The next run's time from the last two points' local slope (at least linear). */
function predictMs(points: readonly Point[], x: number): number {
  const last = points[points.length - 1];
  if (last === undefined) return 0;
  const prev = points[points.length - 2];
  const slope =
    prev === undefined
      ? 1
      : Math.max(
          1,
          logLogSlope([
            { x: prev.x, y: prev.ms },
            { x: last.x, y: last.ms },
          ]),
        );
  return last.ms * (x / last.x) ** slope;
}

function overThreads(sizes: readonly number[], budgetMs: number, cls: WorkClass): Point[] {
  const points: Point[] = [];
  for (const threads of sizes) {
    if (predictMs(points, threads) > budgetMs) break;
    const r = best(threads <= 10_000 ? 3 : 1, () =>
      runCallWorkload({ threads, callsPerThread: CALLS_PER_THREAD, cpus: 2, cls }),
    );
    points.push({ x: threads, calls: r.ops, ms: r.ms });
  }
  return points;
}

function overCpus(cpus: readonly number[], threads: number, cls: WorkClass): Point[] {
  return cpus.map((c) => {
    const r = best(2, () =>
      runCallWorkload({ threads, callsPerThread: CALLS_PER_THREAD, cpus: c, cls }),
    );
    return { x: c, calls: r.ops, ms: r.ms };
  });
}

function curve(points: readonly Point[], label: string): string {
  return points
    .map(
      (p) =>
        `${p.x.toLocaleString('en-US')} ${label}: ${(p.calls / p.ms / 1e3).toFixed(2)} M/CPU s`,
    )
    .join('; ');
}

export function scalingBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'scaling';
  const cls = makeWorkClass('Scaling');
  runCallWorkload({ threads: 1000, callsPerThread: CALLS_PER_THREAD, cpus: 2, cls });
  const sizes = pick(scale, [100, 1000, 10_000, 100_000, 1_000_000], [10, 100]);
  const threads = overThreads(sizes, pick(scale, 12_000, 1000), cls);
  const cpus = overCpus(
    pick(scale, [1, 2, 4, 8, 16, 32, 64], [1, 4]),
    pick(scale, 10_000, 20),
    cls,
  );
  const workSlope = logLogSlope(threads.map((p) => ({ x: p.calls, y: p.ms })));
  const cpuSlope = logLogSlope(cpus.map((p) => ({ x: p.x, y: p.ms })));
  const largest = threads[threads.length - 1];
  return Promise.resolve([
    figure({
      group,
      name: 'time vs calls, log-log slope',
      value: workSlope,
      unit: '',
      goal: { on: 'value', op: '<=', limit: 1.1 },
      note: curve(threads, 'threads'),
    }),
    figure({
      group,
      name: 'time vs CPUs at fixed work, log-log slope',
      value: cpuSlope,
      unit: '',
      goal: { on: 'value', op: '<=', limit: 0.15 },
      note: curve(cpus, 'CPUs'),
    }),
    figure({
      group,
      name: `calls per second at ${largest.x.toLocaleString('en-US')} threads`,
      value: largest.calls / largest.ms / 1e3,
      unit: 'M calls/CPU s',
      note: `largest size run within the budget; ${sizes.length - threads.length} larger size(s) skipped`,
    }),
  ]);
}
