/**
 * measureBatches: time sub-microsecond operations with tinybench by running
 * each task as a batch (a loop of `ops` operations per iteration) and dividing,
 * since single operations of 1-100 ns sit at timer resolution.
 *
 * Interface: `measureBatches(tasks, timing)` -> Map name -> ns per operation:
 * the median over `BATCH_ROUNDS` interleaved rounds of each round's median
 * sample (issue 18: medians, not minima). In each round every task gets a
 * tinybench run of a third of the time budget, one task after another, so a
 * figure and its baseline are measured in turns and see the same machine
 * state. A task's function must return a value derived from its work so the
 * loop cannot be optimised away.
 *
 * Clock: this process's CPU time (`cpuClockMs`, from process.cpuUsage, whose
 * microseconds are fine for batches of milliseconds), so time the process
 * spends descheduled by other work on a shared machine does not count; GC
 * helper threads do, which is fair to allocating call paths.
 */
import { Bench } from 'tinybench';
import type { Timing } from './bench-scale.ts';
import { median } from './measure-rounds.ts';
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

export const BATCH_ROUNDS = 3;

export async function measureBatches(
  tasks: readonly BatchTask[],
  t: Timing,
): Promise<Map<string, number>> {
  const samples = tasks.map(() => [] as number[]);
  for (let r = 0; r < BATCH_ROUNDS; r++) {
    for (let j = 0; j < tasks.length; j++) {
      const i = (j + r) % tasks.length;
      const task = tasks[i];
      const bench = new Bench({
        time: t.timeMs / BATCH_ROUNDS,
        iterations: Math.ceil(t.iterations / BATCH_ROUNDS),
        warmup: r === 0 && t.warmupMs > 0,
        warmupTime: t.warmupMs,
        warmupIterations: 2,
        throws: true,
        now: cpuClockMs,
      });
      bench.add(task.name, () => consume(task.fn()));
      await bench.run();
      samples[i].push((medianMs(bench, task.name) * 1e6) / task.ops);
    }
  }
  const out = new Map<string, number>();
  tasks.forEach((task, i) => out.set(task.name, median(samples[i])));
  return out;
}

/** The median sample of a finished tinybench task, ms. */
export function medianMs(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result;
  if (r === undefined) throw new Error(`bench task '${name}' does not exist`);
  if (r.state === 'errored') throw r.error;
  if (r.state !== 'completed') throw new Error(`bench task '${name}' ended ${r.state}`);
  return r.latency.p50;
}
