/**
 * kernelBench: simulated thread steps per second in the kernel against a bare
 * loop that steps the same generator bodies with no kernel (issue 2).
 *
 * Workload: `threads` threads on 2 CPUs, quantum 10, each body `steps` times
 * `yield* compute(1)` (so the dispatcher, the event queue, quantum
 * preemption and the policy calls through the table are all exercised). The
 * bare loop makes the same bodies and calls next() on each until done.
 * Figure: CPU ns per step in the kernel; baseline: CPU ns per step bare (this
 * process's CPU time, median of interleaved runs: a ratio of two wall times on a
 * shared machine is mostly noise; wall times are in the note); goal: ratio <= 3.
 */
import { compute, type Op } from '../kernel/index.ts';
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { measureRuns } from './measure-runs.ts';
import { timed } from './wall-clock.ts';

function makeBody(steps: number): () => Op<void> {
  return function* () {
    for (let i = 0; i < steps; i++) yield* compute(1);
  };
}

export async function kernelBench(scale: BenchScale): Promise<BenchFigure[]> {
  const threads = pick(scale, 1000, 10);
  const steps = pick(scale, 200, 5);
  const body = makeBody(steps);
  const stepsTotal = threads * (steps + 1);
  const runs = await measureRuns(
    [
      {
        name: 'kernel',
        run: () => {
          const sim = benchSimulation({ cpus: 2, quantumTicks: 10 });
          for (let i = 0; i < threads; i++) sim.spawn('t', body);
          const t = timed(() => runToEnd(sim));
          return { ms: t.wallMs, cpuMs: t.cpuMs, ops: stepsTotal };
        },
      },
      {
        name: 'bare',
        run: () => {
          let n = 0;
          const gens = Array.from({ length: threads }, () => body());
          const t = timed(() => {
            for (const g of gens) while (g.next().done !== true) n++;
          });
          return { ms: t.wallMs, cpuMs: t.cpuMs, ops: n + threads };
        },
      },
    ],
    pick(scale, 5, 1),
  );
  const k = runs.get('kernel')!;
  const b = runs.get('bare')!;
  return [
    figure({
      group: 'kernel',
      name: 'thread step in the kernel',
      value: k.cpuNsPerOp,
      unit: 'ns/step',
      baseline: { name: 'bare generator loop', value: b.cpuNsPerOp },
      goal: { on: 'ratio', op: '<=', limit: 3 },
      note: `${threads} threads x ${steps} compute(1) steps, 2 CPUs, quantum 10; CPU time per step, median of the runs; by wall time ${k.nsPerOp.toFixed(0)} vs ${b.nsPerOp.toFixed(0)} ns (${(k.nsPerOp / b.nsPerOp).toFixed(2)}x), ${(1e3 / k.nsPerOp).toFixed(1)} M steps/s`,
    }),
  ];
}
