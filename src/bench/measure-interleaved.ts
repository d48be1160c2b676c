/**
 * measureInterleaved: A/B runs taken in turns (A, B, A, B, ...) so that both
 * see the same machine state, for figures that are a difference of two runs
 * (the cost of one feature is the run with it minus the run without it).
 *
 * Interface: `measureInterleaved(tasks, rounds)` -> Map name -> the median
 * CPU time per operation (ns) over the rounds; a task's `run()` returns
 * `{ cpuMs, ops }`. CPU time, not wall time: a difference of two wall times
 * on a shared machine is mostly noise. Built on measureRounds.
 */
import { measureRounds } from './measure-rounds.ts';

export interface InterleavedTask {
  readonly name: string;
  readonly run: () => { readonly cpuMs: number; readonly ops: number };
}

export function measureInterleaved(
  tasks: readonly InterleavedTask[],
  rounds: number,
): Map<string, number> {
  const figures = measureRounds(
    tasks.map((t) => ({
      name: t.name,
      run: () => {
        const x = t.run();
        return { wallMs: NaN, cpuMs: x.cpuMs, ops: x.ops };
      },
    })),
    rounds,
  );
  return new Map([...figures].map(([name, f]) => [name, f.cpuNsPerOp]));
}
