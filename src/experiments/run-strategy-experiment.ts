/**
 * runStrategyExperiment: the update-strategies experiment (issue 15,
 * docs/STRATEGIES.md): the same workloads (bundled scenarios) under every
 * swap strategy, over the same seeds, every checker on; per workload and
 * strategy the time to update, calls held and their wait, the callers'
 * total pause, the throughput dip, update points refused, transactions
 * rolled back and their ticks of work, the steady per-call overhead after
 * the switch, and checker violations (expected for naive). Serial and deterministic: the same
 * options give the same result, byte for byte.
 *
 * Interface: `runStrategyExperiment({ workloads, strategies?, seeds?,
 * outDir?, plots? }, { onProgress })` resolves to StrategyExperimentResult
 * (and, given outDir, the files written, strategy-results.ts). `workloads`
 * are loaded scenarios with their names; `seeds` defaults to 1..10.
 */
import { STRATEGY_NAMES, type StrategyName } from '../hotswap/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { runStrategyRun, type StrategyRunRecord } from './strategy-run.ts';
import { summarizeStrategy, type StrategySummary } from './strategy-summary.ts';
import { writeStrategyResults } from './strategy-results.ts';

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
  readonly workloads: readonly { readonly name: string; readonly scenario: Scenario<unknown> }[];
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

export async function runStrategyExperiment(
  options: StrategyExperimentOptions,
  hooks: { readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<StrategyExperimentResult> {
  if (options.workloads.length === 0)
    throw new RangeError('strategies experiment: give at least one workload (scenario)');
  const strategies = options.strategies ?? STRATEGY_NAMES;
  const seeds = options.seeds ?? Array.from({ length: 10 }, (_, i) => i + 1);
  if (seeds.length === 0) throw new RangeError('strategies experiment: give at least one seed');
  const total = options.workloads.length * strategies.length * seeds.length;
  const runs: StrategyRunRecord[] = [];
  const summaries: StrategySummary[] = [];
  for (const w of options.workloads) {
    for (const strategy of strategies) {
      const pair: StrategyRunRecord[] = [];
      for (const seed of seeds) {
        pair.push(runStrategyRun({ scenario: w.scenario, name: w.name, strategy, seed }));
        hooks.onProgress?.(runs.length + pair.length, total);
      }
      runs.push(...pair);
      summaries.push(summarizeStrategy(pair));
    }
  }
  const result = {
    workloads: options.workloads.map((w) => w.name),
    strategies: [...strategies],
    seeds: [...seeds],
    summaries,
    runs,
  };
  const files =
    options.outDir === undefined
      ? []
      : await writeStrategyResults(result, options.outDir, { plots: options.plots ?? true });
  return { ...result, files };
}
