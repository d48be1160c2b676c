/**
 * scheduleBench: what a schedule costs (issue 14): the peer workload of the
 * headline group (event hash off, so the scheduler's own work dominates)
 * with no schedule option (the default: fifo, no schedule object at all)
 * as the baseline, against `random+deviations=0` (the schedule object on
 * every choice point, but every choice fifo's: the same event log, so the
 * ratio is the fifo path's overhead), `random` and `pct`. Runs taken in
 * turns (measureRounds), CPU time per call, the median of the rounds.
 */
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { measureRounds } from './measure-rounds.ts';
import { runPeerWorkload } from './peer-workload.ts';

const SCHEDULES = ['random+deviations=0', 'random', 'pct'] as const;

export function scheduleBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'schedule';
  const threads = pick(scale, 10_000, 50);
  const ticks = new Map<string, number>();
  const task = (name: string, schedule?: string) => ({
    name,
    run: () => {
      const r = runPeerWorkload({
        threads,
        hashEvents: false,
        ...(schedule === undefined ? {} : { schedule }),
      });
      ticks.set(name, r.ticks);
      return r;
    },
  });
  const runs = measureRounds(
    [task('default'), ...SCHEDULES.map((s) => task(s, s))],
    pick(scale, 3, 1),
  );
  if (ticks.get('default') !== ticks.get('random+deviations=0'))
    throw new Error('scheduleBench: random+deviations=0 did not run the fifo schedule');
  const base = runs.get('default')!;
  const size = `${threads.toLocaleString('en-US')} threads x 10 calls, 2 CPUs, event hash off`;
  return Promise.resolve(
    SCHEDULES.map((s) => {
      const f = runs.get(s)!;
      return figure({
        group,
        name: `schedule ${s} vs default (fifo)`,
        value: f.cpuNsPerOp,
        unit: 'ns/call',
        baseline: { name: 'no schedule option (fifo)', value: base.cpuNsPerOp },
        ...(s === 'random+deviations=0'
          ? { goal: { on: 'ratio' as const, op: '<=' as const, limit: 1.5 } }
          : {}),
        note: `${size}; ${ticks.get(s)} ticks (default ${ticks.get('default')}); median of ${f.rounds} rounds`,
      });
    }),
  );
}
