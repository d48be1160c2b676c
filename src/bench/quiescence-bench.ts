/**
 * quiescenceBench: what generation counting costs per thread (issue 5).
 *
 * Figure: ns for one activate + deactivate pair on the K42 detector (the
 * kernel does one pair per short-lived thread: counted at its first dispatch,
 * uncounted at exit). Baseline: a thread's whole spawn-to-exit cost in the
 * kernel (spawn, dispatch, one step, exit) for an empty body. Goal: < 10%.
 * Cross-check (info): the same threads run with the lifecycle port unplugged
 * (NO_LIFECYCLE): the difference per thread is counting's cost in situ.
 */
import { NO_LIFECYCLE, Thread, type Op } from '../kernel/index.ts';
import { pick, timing, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { measureBatches } from './measure-batches.ts';
import { measureRuns } from './measure-runs.ts';
import { timed } from './wall-clock.ts';

function* emptyBody(): Op<void> {}

function spawnToExit(threads: number, counting: boolean): { ms: number; cpuMs: number; ops: number } {
  const sim = benchSimulation({ cpus: 2 });
  if (!counting) sim.kernel.lifecycle = NO_LIFECYCLE;
  const t = timed(() => {
    for (let i = 0; i < threads; i++) sim.spawn('q', emptyBody);
    runToEnd(sim);
  });
  return { ms: t.wallMs, cpuMs: t.cpuMs, ops: threads };
}

export async function quiescenceBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'quiescence';
  const threads = pick(scale, 20_000, 50);
  const pairs = pick(scale, 100_000, 50);
  const sim = benchSimulation({ cpus: 2 });
  const detector = sim.quiescence;
  const t = new Thread(1, 'probe', null, emptyBody, 1, 0, -1);
  const ns = await measureBatches(
    [
      {
        name: 'pair',
        ops: pairs,
        fn: () => {
          for (let i = 0; i < pairs; i++) {
            detector.activate(t, i & 1);
            detector.deactivate(t);
          }
          return t.quiescence;
        },
      },
    ],
    timing(scale),
  );
  const runs = await measureRuns(
    [
      { name: 'counted', run: () => spawnToExit(threads, true) },
      { name: 'uncounted', run: () => spawnToExit(threads, false) },
    ],
    pick(scale, 5, 1),
  );
  const counted = runs.get('counted')!.nsPerOp;
  const uncounted = runs.get('uncounted')!.nsPerOp;
  const base = { name: 'thread spawn-to-exit in the kernel', value: counted };
  return [
    figure({ group, name: 'activate + deactivate (K42 counts)', value: ns.get('pair')!, unit: 'ns/thread', baseline: base, goal: { on: 'ratio', op: '<', limit: 0.1 }, note: `K42 detector, 2 CPUs; spawn-to-exit of an empty thread: ${counted.toFixed(0)} ns` }),
    figure({ group, name: 'counting in situ (with - without lifecycle)', value: counted - uncounted, unit: 'ns/thread', baseline: base, note: `${threads.toLocaleString('en-US')} empty threads run with and without the detector plugged in` }),
  ];
}
