/**
 * measureBatches: time sub-microsecond operations with tinybench by running
 * each task as a batch (a loop of `ops` operations per iteration) and dividing,
 * since single operations of 1-100 ns sit at timer resolution.
 *
 * Interface: `measureBatches(tasks, timing)` -> Map name -> ns per operation
 * (the minimum over iterations: this machine is shared, and other work only
 * ever adds time, so the least-disturbed sample is the cost). Tasks run one
 * after another in the order given, in this process, so a figure and its
 * baseline see the same machine state. A task's function must return a value
 * derived from its work so the loop cannot be optimised away.
 *
 * Clock: this process's CPU time (`cpuClockMs`, from process.cpuUsage, whose
 * microseconds are fine for batches of milliseconds), so time the process
 * spends descheduled by other work on a shared machine does not count; GC
 * helper threads do, which is fair to allocating call paths.
 */
import { Bench } from 'tinybench';
import type { Timing } from './bench-scale.ts';
import { cpuClockMs } from './wall-clock.ts';

export interface BatchTask {
  readonly name: string;
  /** Operations one call of `fn` performs. */
  readonly ops: number;
  readonly fn: () => unknown;
}

let sink: unknown;

/** Where results go so the optimiser cannot drop the work (read by nobody). */
export function consume(x: unknown): void {
  sink = x;
}

export function lastConsumed(): unknown {
  return sink;
}

export async function measureBatches(
  tasks: readonly BatchTask[],
  t: Timing,
): Promise<Map<string, number>> {
  const bench = new Bench({
    time: t.timeMs,
    iterations: t.iterations,
    warmup: t.warmupMs > 0,
    warmupTime: t.warmupMs,
    warmupIterations: 2,
    throws: true,
    now: cpuClockMs,
  });
  for (const task of tasks) bench.add(task.name, () => consume(task.fn()));
  await bench.run();
  const out = new Map<string, number>();
  for (const task of tasks) out.set(task.name, (leastMs(bench, task.name) * 1e6) / task.ops);
  return out;
}

export function leastMs(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result;
  if (r === undefined) throw new Error(`bench task '${name}' does not exist`);
  if (r.state === 'errored') throw r.error;
  if (r.state !== 'completed') throw new Error(`bench task '${name}' ended ${r.state}`);
  return r.latency.min;
}
