/**
 * measureRuns: time whole runs (a simulation, a table build) with tinybench,
 * where each iteration prepares its own input untimed and reports the timed
 * part itself (tinybench's `overriddenDuration`).
 *
 * Interface: `measureRuns(tasks, iterations)` -> Map name -> { ms, ops,
 * nsPerOp, cpuNsPerOp } where `ms` is the least timed part of one run (the
 * least disturbed; see measureBatches), `ops` the operations it reported
 * (calls, steps, threads), and `cpuNsPerOp` the least CPU time per operation
 * when the run reports `cpuMs` (NaN otherwise). A task's `run()` returns
 * `{ ms, ops, cpuMs? }`.
 */
import { Bench } from 'tinybench';
import { consume, leastMs } from './measure-batches.ts';

export interface RunTask {
  readonly name: string;
  /** One run: does its own untimed setup, returns the timed milliseconds and the operations done. */
  readonly run: () => { readonly ms: number; readonly ops: number; readonly cpuMs?: number };
}

export interface RunFigure {
  readonly ms: number;
  readonly ops: number;
  readonly nsPerOp: number;
  readonly cpuNsPerOp: number;
}

export async function measureRuns(
  tasks: readonly RunTask[],
  iterations: number,
): Promise<Map<string, RunFigure>> {
  const bench = new Bench({
    time: 0,
    iterations,
    warmup: true,
    warmupTime: 0,
    warmupIterations: 1,
    throws: true,
  });
  const ops = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (const task of tasks) {
    bench.add(task.name, () => {
      const r = task.run();
      ops.set(task.name, r.ops);
      if (r.cpuMs !== undefined)
        cpu.set(task.name, Math.min(cpu.get(task.name) ?? Infinity, r.cpuMs));
      consume(r);
      return { overriddenDuration: r.ms };
    });
  }
  await bench.run();
  const out = new Map<string, RunFigure>();
  for (const task of tasks) {
    const ms = leastMs(bench, task.name);
    const n = ops.get(task.name) ?? NaN;
    out.set(task.name, {
      ms,
      ops: n,
      nsPerOp: (ms * 1e6) / n,
      cpuNsPerOp: ((cpu.get(task.name) ?? NaN) * 1e6) / n,
    });
  }
  return out;
}
