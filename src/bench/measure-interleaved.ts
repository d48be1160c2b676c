/**
 * measureInterleaved: A/B runs taken in turns (A, B, A, B, ...) so that both
 * see the same machine state, for figures that are a difference of two runs
 * (the cost of one feature is the run with it minus the run without it).
 *
 * Interface: `measureInterleaved(tasks, rounds)` -> Map name -> the least CPU
 * time per operation (ns) over the rounds; a task's `run()` returns
 * `{ cpuMs, ops }`. CPU time, not wall time: a difference of two wall times
 * on a shared machine is mostly noise.
 */
export interface InterleavedTask {
  readonly name: string;
  readonly run: () => { readonly cpuMs: number; readonly ops: number };
}

export function measureInterleaved(
  tasks: readonly InterleavedTask[],
  rounds: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tasks) t.run();
  for (let r = 0; r < rounds; r++) {
    for (const t of tasks) {
      const x = t.run();
      out.set(t.name, Math.min(out.get(t.name) ?? Infinity, (x.cpuMs * 1e6) / x.ops));
    }
  }
  return out;
}
