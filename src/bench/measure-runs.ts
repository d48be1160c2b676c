/**
 * measureRuns: time whole runs (a simulation, a table build) where each run
 * prepares its own input untimed and reports the timed part itself, in
 * interleaved rounds with medians (measureRounds).
 *
 * Interface: `measureRuns(tasks, rounds)` -> Map name -> { ms, ops, nsPerOp,
 * cpuNsPerOp } where `ms` is the median wall time of one run's timed part,
 * `ops` the operations it reported (calls, steps, threads), `nsPerOp` the
 * median wall ns per operation and `cpuNsPerOp` the median CPU ns per
 * operation when the run reports `cpuMs` (NaN otherwise). A task's `run()`
 * returns `{ ms, ops, cpuMs? }`. Async only to keep the callers' shape.
 */
import { measureRounds } from './measure-rounds.ts';

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

export function measureRuns(
  tasks: readonly RunTask[],
  rounds: number,
): Promise<Map<string, RunFigure>> {
  const figures = measureRounds(
    tasks.map((t) => ({
      name: t.name,
      run: () => {
        const r = t.run();
        return { wallMs: r.ms, cpuMs: r.cpuMs ?? NaN, ops: r.ops };
      },
    })),
    rounds,
  );
  const out = new Map<string, RunFigure>();
  for (const [name, f] of figures)
    out.set(name, {
      ms: (f.wallNsPerOp * f.ops) / 1e6,
      ops: f.ops,
      nsPerOp: f.wallNsPerOp,
      cpuNsPerOp: f.cpuNsPerOp,
    });
  return Promise.resolve(out);
}
