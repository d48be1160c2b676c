/**
 * measureParallelSpeedup: how much faster a quiescence sweep runs on worker
 * threads than serially, and whether the results are identical (issue 5's
 * goal: >= 1.6x on 2 workers for 64 points x 10 seeds, identical results).
 *
 * Interface: `measureParallelSpeedup(sweep, {workers, repeats})` runs the
 * sweep serially and on `workers` workers, alternating, `repeats` times each
 * (alternation spreads any background load over both), and returns every
 * wall time, the speedup (median serial / median parallel), and `identical`:
 * points and runs deep-equal between every run. Also the process CPU time
 * (user + system, all its threads) of each, and the machine's load average
 * before and after: other processes skew wall times, and CPU time shows the
 * pool's own overhead (parallel CPU time over serial CPU time) regardless.
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { runQuiescenceExperiment } from './run-quiescence-experiment.ts';
import type { QuiescenceSweepOptions } from './quiescence-sweep-options.ts';

export interface SpeedupMeasurement {
  readonly runs: number;
  readonly workers: number;
  readonly serialMs: readonly number[];
  readonly parallelMs: readonly number[];
  readonly serialCpuMs: readonly number[];
  readonly parallelCpuMs: readonly number[];
  readonly speedup: number;
  readonly identical: boolean;
  readonly loadAverageBefore: number;
  readonly loadAverageAfter: number;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function measureParallelSpeedup(
  sweep: QuiescenceSweepOptions,
  options: { readonly workers?: number; readonly repeats?: number } = {},
): Promise<SpeedupMeasurement> {
  const workers = options.workers ?? 2;
  const repeats = options.repeats ?? 1;
  const loadAverageBefore = loadavg()[0];
  const serialMs: number[] = [];
  const parallelMs: number[] = [];
  const serialCpuMs: number[] = [];
  const parallelCpuMs: number[] = [];
  let reference: { points: unknown; runs: unknown } | undefined;
  let identical = true;
  let runs = 0;
  for (let i = 0; i < repeats; i++) {
    for (const w of [0, workers]) {
      const cpu = process.cpuUsage();
      const r = await runQuiescenceExperiment({ ...sweep, workers: w });
      const used = process.cpuUsage(cpu);
      (w === 0 ? serialMs : parallelMs).push(r.timing.wallMs);
      (w === 0 ? serialCpuMs : parallelCpuMs).push((used.user + used.system) / 1000);
      runs = r.runs.length;
      const result = { points: r.points, runs: r.runs };
      reference ??= result;
      identical &&= isDeepStrictEqual(result, reference);
    }
  }
  return {
    runs,
    workers,
    serialMs,
    parallelMs,
    serialCpuMs,
    parallelCpuMs,
    speedup: median(serialMs) / median(parallelMs),
    identical,
    loadAverageBefore,
    loadAverageAfter: loadavg()[0],
  };
}
