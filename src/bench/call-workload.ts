/**
 * callWorkload: the end-to-end workload of issue 10: `threads` short-lived
 * threads, all spawned at tick 0, each making `callsPerThread` generator
 * calls `yield* ref.op(j)` through the table, on `cpus` simulated CPUs with
 * events unobserved (unless `observe` subscribes something) and the event
 * hash off, unless `hashEvents: true` (the default configuration).
 *
 * Interface: `runCallWorkload(spec)` -> { ms, cpuMs, ops, ticks }: ms is the
 * wall time from the first spawn to the end of the run (spawning is part of a
 * short-lived thread's cost), cpuMs this process's CPU time over the same
 * span, ops the calls made. It checks the object saw
 * every call, so a broken run cannot pass as a fast one.
 */
import type { Simulation } from '../simulation/index.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import type { WorkClass } from './work-class.ts';
import { timed } from './wall-clock.ts';

export interface CallWorkloadSpec {
  readonly threads: number;
  readonly callsPerThread: number;
  readonly cpus: number;
  readonly cls: WorkClass;
  /** The event hash, on in createSimulation's defaults; off here unless asked. */
  readonly hashEvents?: boolean;
  /** Attach observers (a tracer) before the run. */
  readonly observe?: (sim: Simulation) => void;
}

export interface CallWorkloadRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly ops: number;
  readonly ticks: number;
}

export function runCallWorkload(spec: CallWorkloadSpec): CallWorkloadRun {
  const sim = benchSimulation({ cpus: spec.cpus, hashEvents: spec.hashEvents ?? false });
  const ref = sim.objects.create(spec.cls);
  const calls = spec.callsPerThread;
  const body = function* () {
    for (let j = 0; j < calls; j++) yield* ref.op(j);
  };
  spec.observe?.(sim);
  let ticks = 0;
  const t = timed(() => {
    for (let i = 0; i < spec.threads; i++) sim.spawn('w', body);
    ticks = runToEnd(sim);
  });
  const expected = (spec.threads * calls * (calls - 1)) / 2;
  const n = sim.objects.peek(ref).n;
  if (n !== expected)
    throw new Error(`callWorkload: the object counted ${n}, expected ${expected}`);
  return { ms: t.wallMs, cpuMs: t.cpuMs, ops: spec.threads * calls, ticks };
}
