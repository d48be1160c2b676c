/**
 * runStrategyExperiment: the update-strategies experiment (issue 15,
 * docs/STRATEGIES.md): the same workloads (bundled scenarios) under every
 * swap strategy, over the same seeds, every checker on; per workload and
 * strategy the time to update, calls held and their wait, the callers'
 * total pause, the throughput dip, update points refused, transactions
 * rolled back and their ticks of work, the steady per-call overhead after
 * the switch, and checker violations (expected for naive). Deterministic:
 * the same options give the same result, byte for byte, in this thread or
 * on `workers` worker threads (the WorkerPool check runs on; records come
 * back in cell order).
 *
 * Interface: `runStrategyExperiment({ workloads, strategies?, seeds?,
 * outDir?, plots?, workers?, load? }, { onProgress })` resolves to StrategyExperimentResult
 * (and, given outDir, the files written, strategy-results.ts). `workloads`
 * are loaded scenarios with their names; `seeds` defaults to 1..10.
 */
import { mapSerial } from './map-serial.ts';
import { STRATEGY_NAMES, type StrategyName } from '../hotswap/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { runStrategyRun, type StrategyRunRecord } from './strategy-run.ts';
import { summarizeStrategy, type StrategySummary } from './strategy-summary.ts';
import { writeStrategyResults } from './strategy-results.ts';
import type { StrategyRunInput } from './strategy-run-task.ts';
import { WorkerPool, taskModule } from './worker-pool.ts';
import type { LoaderModule } from '../check/index.ts';

/** The workloads the CLI runs by default: bundled scenarios with calls in flight at the swap. */
export const STRATEGY_WORKLOADS_DEFAULT = [
  'hello',
  'naive-swap-loses-a-call',
  'swap-file-cache',
  'interface-change',
  'accept-loop-update-point',
  'rollback-vs-block',
] as const;

export interface StrategyExperimentOptions {
  /** `file` (with `load`) lets the cells run on worker threads. */
  readonly workloads: readonly {
    readonly name: string;
    readonly scenario: Scenario<unknown>;
    readonly file?: string;
  }[];
  /**
   * Worker threads (WorkerPool, the pool check runs on); 0 or absent: in
   * this thread. Needs every workload's `file` and a `load`er module.
   */
  readonly workers?: number;
  readonly load?: LoaderModule;
  readonly strategies?: readonly StrategyName[];
  /** Seeds run for every pair; default 1..10. */
  readonly seeds?: readonly number[];
  readonly outDir?: string;
  readonly plots?: boolean;
}

export interface StrategyExperimentResult {
  readonly workloads: readonly string[];
  readonly strategies: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly summaries: readonly StrategySummary[];
  readonly runs: readonly StrategyRunRecord[];
  readonly files: readonly string[];
}

export interface StrategyCell {
  readonly w: StrategyExperimentOptions['workloads'][number];
  readonly strategy: StrategyName;
  readonly seed: number;
}

/** Every cell's record, in cell order: here, or on a WorkerPool given workers. */
export async function runStrategyCells(
  cells: readonly StrategyCell[],
  options: StrategyExperimentOptions,
  onDone: () => void,
): Promise<StrategyRunRecord[]> {
  const workers = Math.min(options.workers ?? 0, cells.length);
  if (workers <= 0)
    return await mapSerial(cells, ({ w, strategy, seed }) => {
      const r = runStrategyRun({ scenario: w.scenario, name: w.name, strategy, seed });
      onDone();
      return r;
    });
  const load = options.load;
  if (load === undefined || cells.some((c) => c.w.file === undefined))
    throw new RangeError(
      'strategies experiment: workers need every workload given by file and a scenario loader (load)',
    );
  const pool = new WorkerPool<StrategyRunInput, StrategyRunRecord>({
    workers,
    task: taskModule(import.meta.url, 'strategy-run-task', 'strategyRunTask'),
  });
  try {
    const inputs = cells.map(({ w, strategy, seed }) => ({
      file: w.file!,
      load,
      name: w.name,
      strategy,
      seed,
    }));
    return await pool.map(inputs, () => onDone());
  } finally {
    await pool.close();
  }
}

/** The strategies and seeds an experiment runs (the defaults filled in), checked, and its cells in order. */
export function strategyGrid(options: StrategyExperimentOptions): {
  strategies: readonly StrategyName[];
  seeds: readonly number[];
  cells: StrategyCell[];
} {
  if (options.workloads.length === 0)
    throw new RangeError('strategies experiment: give at least one workload (scenario)');
  const strategies = options.strategies ?? STRATEGY_NAMES;
  const seeds = options.seeds ?? Array.from({ length: 10 }, (_, i) => i + 1);
  if (seeds.length === 0) throw new RangeError('strategies experiment: give at least one seed');
  const cells = options.workloads.flatMap((w) =>
    strategies.flatMap((strategy) => seeds.map((seed) => ({ w, strategy, seed }))),
  );
  return { strategies, seeds, cells };
}

export async function runStrategyExperiment(
  options: StrategyExperimentOptions,
  hooks: { readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<StrategyExperimentResult> {
  const { strategies, seeds, cells } = strategyGrid(options);
  let done = 0;
  const onDone = (): void => hooks.onProgress?.(++done, cells.length);
  const runs = await runStrategyCells(cells, options, onDone);
  return finishStrategyExperiment(
    { workloads: options.workloads.map((w) => w.name), strategies, seeds, runs },
    options,
  );
}

/**
 * The result of the experiment from all its runs' records in cell order
 * (workload, then strategy, then seed), however they were run (here, or in
 * shards: strategy-part.ts), its files written given `outDir`.
 */
export async function finishStrategyExperiment(
  grid: {
    readonly workloads: readonly string[];
    readonly strategies: readonly StrategyName[];
    readonly seeds: readonly number[];
    readonly runs: readonly StrategyRunRecord[];
  },
  options: Pick<StrategyExperimentOptions, 'outDir' | 'plots'> = {},
): Promise<StrategyExperimentResult> {
  const n = grid.seeds.length;
  const summaries: StrategySummary[] = [];
  for (let i = 0; i < grid.runs.length; i += n)
    summaries.push(summarizeStrategy(grid.runs.slice(i, i + n)));
  const result = {
    workloads: [...grid.workloads],
    strategies: [...grid.strategies],
    seeds: [...grid.seeds],
    summaries,
    runs: [...grid.runs],
  };
  const files =
    options.outDir === undefined
      ? []
      : await writeStrategyResults(result, options.outDir, { plots: options.plots ?? true });
  return { ...result, files };
}
