/**
 * runQuiescenceExperiment: the quiescence-latency experiment (issue 5,
 * docs/QUIESCENCE.md). Resolves the sweep, runs every (point, seed) on a
 * WorkerPool (or serially in this thread when `workers` is 0), summarises
 * each point and, given `outDir`, writes the CSV, JSON and SVG figures
 * (write-quiescence-results.ts). `kernel-sim experiment quiescence` is a thin
 * wrapper round it.
 *
 * Interface: `runQuiescenceExperiment(options, {onProgress})` resolves to
 * {sweep, points, runs, timing, files}. `onProgress({done, total, point,
 * seed})` fires as each run finishes (drive a progress bar with it).
 *
 * Invariant: `points` and `runs` depend only on the resolved sweep: the same
 * for any number of workers, in point-then-seed order. Wall times live in
 * `timing` only. `finishQuiescenceExperiment` makes the result of the runs'
 * outputs however they were run (quiescence-part.ts: shards and queue jobs).
 */
import { mapSerial } from './map-serial.ts';
import { availableParallelism } from 'node:os';
import {
  resolveQuiescenceSweep,
  type QuiescenceExperimentOptions,
  type ResolvedSweep,
} from './quiescence-sweep-options.ts';
import { sweepPoints, sweepRuns } from './quiescence-sweep-grid.ts';
import {
  runQuiescenceRun,
  type QuiescenceRunOutput,
  type QuiescenceRunRecord,
  type QuiescenceRunSpec,
} from './quiescence-run.ts';
import { summarizePoint, type QuiescencePointSummary } from './quiescence-point-summary.ts';
import { WorkerPool, taskModule } from './worker-pool.ts';
import { writeQuiescenceResults } from './write-quiescence-results.ts';

export interface QuiescenceProgress {
  readonly done: number;
  readonly total: number;
  /** The run that just finished. */
  readonly point: number;
  readonly seed: number;
}

export interface QuiescenceExperimentHooks {
  readonly onProgress?: (progress: QuiescenceProgress) => void;
}

/** Wall-clock figures: the one non-deterministic part of a result. */
export interface QuiescenceTiming {
  readonly workers: number;
  readonly runs: number;
  readonly wallMs: number;
  readonly runsPerSecond: number;
  readonly simulatedTicksPerSecond: number;
  /** Sum of the runs' own wall times (CPU-ish time spent simulating). */
  readonly runWallMsTotal: number;
  /** Per point: the sum of its runs' wall times. */
  readonly pointWallMs: readonly number[];
}

export interface QuiescenceExperimentResult {
  readonly sweep: ResolvedSweep;
  readonly points: readonly QuiescencePointSummary[];
  readonly runs: readonly QuiescenceRunRecord[];
  readonly timing: QuiescenceTiming;
  /** Files written (empty without outDir). */
  readonly files: readonly string[];
}

export function resolveQuiescenceWorkers(workers: number | undefined, runs: number): number {
  if (workers === undefined) return Math.max(1, Math.min(availableParallelism(), runs));
  if (!Number.isInteger(workers) || workers < 0)
    throw new RangeError(`option workers must be an integer >= 0 (0 = serial), got ${workers}`);
  return workers;
}

export async function executeQuiescenceRuns(
  specs: readonly QuiescenceRunSpec[],
  workers: number,
  onDone: (i: number) => void,
): Promise<QuiescenceRunOutput[]> {
  if (workers === 0) {
    return await mapSerial(specs, (s, i) => {
      const out = runQuiescenceRun(s);
      onDone(i);
      return out;
    });
  }
  const pool = new WorkerPool<QuiescenceRunSpec, QuiescenceRunOutput>({
    workers,
    task: taskModule(import.meta.url, 'quiescence-run', 'runQuiescenceRun'),
  });
  try {
    return await pool.map(specs, (i) => onDone(i));
  } finally {
    await pool.close();
  }
}

export async function runQuiescenceExperiment(
  options: QuiescenceExperimentOptions = {},
  hooks: QuiescenceExperimentHooks = {},
): Promise<QuiescenceExperimentResult> {
  const sweep = resolveQuiescenceSweep(options);
  const specs = sweepRuns(sweep, sweepPoints(sweep));
  const workers = resolveQuiescenceWorkers(options.workers, specs.length);
  const started = performance.now();
  let done = 0;
  const outputs = await executeQuiescenceRuns(specs, workers, (i) =>
    hooks.onProgress?.({
      done: ++done,
      total: specs.length,
      point: specs[i].point,
      seed: specs[i].seed,
    }),
  );
  return finishQuiescenceExperiment(
    sweep,
    outputs,
    { workers, wallMs: performance.now() - started },
    options,
  );
}

/**
 * The result of a sweep from the outputs of all its runs, in sweepRuns order
 * (however they were run: here, in shards, on a queue), its files written
 * given `outDir`.
 */
export async function finishQuiescenceExperiment(
  sweep: ResolvedSweep,
  outputs: readonly QuiescenceRunOutput[],
  run: { readonly workers: number; readonly wallMs: number },
  options: Pick<QuiescenceExperimentOptions, 'outDir' | 'plots'> = {},
): Promise<QuiescenceExperimentResult> {
  const points = sweepPoints(sweep);
  const runs = outputs.map((o) => o.record);
  const summaries = points.map((p) =>
    summarizePoint(
      p,
      runs.filter((r) => r.point === p.point),
    ),
  );
  const pointWallMs = points.map(() => 0);
  for (const o of outputs) pointWallMs[o.record.point] += o.wallMs;
  const simulatedTicks = runs.reduce((a, r) => a + r.ticks, 0);
  const { workers, wallMs } = run;
  const timing: QuiescenceTiming = {
    workers,
    runs: runs.length,
    wallMs,
    runsPerSecond: runs.length / (wallMs / 1000),
    simulatedTicksPerSecond: simulatedTicks / (wallMs / 1000),
    runWallMsTotal: outputs.reduce((a, o) => a + o.wallMs, 0),
    pointWallMs,
  };
  const result = { sweep, points: summaries, runs, timing, files: [] as string[] };
  if (options.outDir !== undefined)
    result.files = await writeQuiescenceResults(result, options.outDir, {
      plots: options.plots ?? true,
    });
  return result;
}
