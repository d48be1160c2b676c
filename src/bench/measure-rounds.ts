/**
 * measureRounds: whole runs of several tasks taken in interleaved rounds
 * (A, B, C, then B, C, A, ...: each round starts one task later, so no task
 * always runs first or right after the same one), each figure the median over
 * the rounds, in CPU time and in wall time (issue 18: medians over
 * interleaved rounds, not minima; CPU time next to wall time).
 *
 * Interface: `measureRounds(tasks, rounds)` -> Map name -> RoundFigure. A
 * task's `run()` does its own untimed setup and returns the timed part:
 * `{ wallMs, cpuMs, ops }`. One untimed warm-up run of each task comes first.
 * `median(xs)` is exported for the other measurers.
 *
 * Why both clocks: this machine is shared; other processes stretch wall time
 * but not this process's CPU time (process.cpuUsage, all threads, so GC
 * helper threads count, which is fair to allocating paths). Ratios use CPU.
 */
export interface RoundTask {
  readonly name: string;
  readonly run: () => { readonly wallMs: number; readonly cpuMs: number; readonly ops: number };
}

export interface RoundFigure {
  readonly ops: number;
  readonly rounds: number;
  /** Median over the rounds of CPU ns per operation. */
  readonly cpuNsPerOp: number;
  /** Median over the rounds of wall ns per operation. */
  readonly wallNsPerOp: number;
  /** The least and the largest CPU ns per operation over the rounds (the spread). */
  readonly cpuNsLeast: number;
  readonly cpuNsMost: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function measureRounds(
  tasks: readonly RoundTask[],
  rounds: number,
): Map<string, RoundFigure> {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError(`measureRounds: rounds must be an integer >= 1, got ${rounds}`);
  const cpu = tasks.map(() => [] as number[]);
  const wall = tasks.map(() => [] as number[]);
  const ops = tasks.map(() => NaN);
  for (const t of tasks) t.run();
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < tasks.length; j++) {
      const i = (j + r) % tasks.length;
      const x = tasks[i].run();
      ops[i] = x.ops;
      cpu[i].push((x.cpuMs * 1e6) / x.ops);
      wall[i].push((x.wallMs * 1e6) / x.ops);
    }
  }
  const out = new Map<string, RoundFigure>();
  tasks.forEach((t, i) =>
    out.set(t.name, {
      ops: ops[i],
      rounds,
      cpuNsPerOp: median(cpu[i]),
      wallNsPerOp: median(wall[i]),
      cpuNsLeast: Math.min(...cpu[i]),
      cpuNsMost: Math.max(...cpu[i]),
    }),
  );
  return out;
}
