/**
 * quiescenceBench: what generation counting costs per thread (issue 5).
 *
 * Figure (goal < 10%): counting in situ, the CPU time per thread of a kernel
 * run with the quiescence detector plugged in minus the same run with the
 * lifecycle port unplugged (NO_LIFECYCLE), taken in turns; baseline: a
 * thread's whole spawn-to-exit cost with counting on (spawn, dispatch, one
 * step, exit, for an empty body), the kernel as it runs.
 * Info: one activate + deactivate pair called in a loop on the detector (the
 * kernel does one pair per short-lived thread), same clock, same baseline.
 * The two differ when counting has costs the loop does not see (maps that
 * grow with the live threads, allocation, polymorphic lifecycle calls).
 */
import { NO_LIFECYCLE, Thread, type Op } from '../kernel/index.ts';
import { pick, timing, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { measureBatches } from './measure-batches.ts';
import { measureInterleaved } from './measure-interleaved.ts';
import { timed } from './wall-clock.ts';

function* emptyBody(): Op<void> {}

function spawnToExit(threads: number, counting: boolean): { cpuMs: number; ops: number } {
  const sim = benchSimulation({ cpus: 2 });
  if (!counting) sim.kernel.lifecycle = NO_LIFECYCLE;
  const t = timed(() => {
    for (let i = 0; i < threads; i++) sim.spawn('q', emptyBody);
    runToEnd(sim);
  });
  return { cpuMs: t.cpuMs, ops: threads };
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
          return t.countSeq;
        },
      },
    ],
    timing(scale),
  );
  const runs = measureInterleaved(
    [
      { name: 'uncounted', run: () => spawnToExit(threads, false) },
      { name: 'counted', run: () => spawnToExit(threads, true) },
    ],
    pick(scale, 15, 1),
  );
  const counted = runs.get('counted')!;
  const uncounted = runs.get('uncounted')!;
  const base = { name: 'thread spawn-to-exit in the kernel', value: counted };
  return [
    figure({
      group,
      name: 'counting per thread, in situ',
      value: counted - uncounted,
      unit: 'ns/thread',
      baseline: base,
      goal: { on: 'ratio', op: '<', limit: 0.1 },
      note: `${threads.toLocaleString('en-US')} empty threads on 2 CPUs, K42 detector plugged in vs unplugged, in turns; CPU time; spawn-to-exit ${counted.toFixed(0)} ns with counting, ${uncounted.toFixed(0)} ns without`,
    }),
    figure({
      group,
      name: 'activate + deactivate in a loop',
      value: ns.get('pair')!,
      unit: 'ns/thread',
      baseline: base,
      note: 'one pair on the detector, called 10^5 times in a row (CPU time)',
    }),
  ];
}
