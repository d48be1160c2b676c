/**
 * summarizeStrategy: the runs of one (workload, strategy) pair reduced to
 * the row the strategies experiment reports: how many runs passed with no
 * checker violation, how many seeds the checkers caught something on, and
 * the means of the swap costs (strategy-run.ts defines each figure).
 *
 * Interface: `summarizeStrategy(runs)` -> StrategySummary (runs must be
 * non-empty and of one pair; a RangeError otherwise).
 */
import type { StrategyName } from '../hotswap/index.ts';
import type { StrategyRunRecord } from './strategy-run.ts';

export interface StrategySummary {
  readonly workload: string;
  readonly strategy: StrategyName;
  readonly runs: number;
  /** Runs that passed their expectation with no checker violation. */
  readonly passed: number;
  /** Runs with at least one checker violation. */
  readonly violationRuns: number;
  readonly swapsCompleted: number;
  readonly swapsAborted: number;
  /** Mean ticks from request to completion, per completed swap. */
  readonly updateTicksMean: number;
  readonly heldCallsMean: number;
  readonly heldTicksMean: number;
  readonly heldTicksMax: number;
  /** Mean per run of the ticks summed over every held call. */
  readonly pauseTicksMean: number;
  readonly dipMean: number;
  readonly refusedPointsMean: number;
  /** Mean per run of the transactions rolled back and of the ticks of work they lost. */
  readonly rolledBackMean: number;
  readonly rolledBackTicksMean: number;
  /** Mean per run of the per-call cost after the switch over before (strategy-run.ts). */
  readonly steadyOverheadMean: number;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number): number => Math.round(x * 1000) / 1000;

export function summarizeStrategy(runs: readonly StrategyRunRecord[]): StrategySummary {
  const first = runs[0];
  if (first === undefined) throw new RangeError('summarizeStrategy: no runs');
  if (runs.some((r) => r.workload !== first.workload || r.strategy !== first.strategy))
    throw new RangeError('summarizeStrategy: runs of more than one workload and strategy');
  const completed = runs.reduce((n, r) => n + r.completed, 0);
  const held = runs.reduce((n, r) => n + r.heldCalls, 0);
  return {
    workload: first.workload,
    strategy: first.strategy,
    runs: runs.length,
    passed: runs.filter((r) => r.outcome === 'passed' && r.violations === 0).length,
    violationRuns: runs.filter((r) => r.violations > 0).length,
    swapsCompleted: completed,
    swapsAborted: runs.reduce((n, r) => n + r.aborted, 0),
    updateTicksMean: round(
      completed === 0 ? 0 : runs.reduce((n, r) => n + r.updateTicks, 0) / completed,
    ),
    heldCallsMean: round(mean(runs.map((r) => r.heldCalls))),
    heldTicksMean: round(held === 0 ? 0 : runs.reduce((n, r) => n + r.pauseTicks, 0) / held),
    heldTicksMax: Math.max(...runs.map((r) => r.heldTicksMax)),
    pauseTicksMean: round(mean(runs.map((r) => r.pauseTicks))),
    dipMean: round(mean(runs.map((r) => r.dip))),
    refusedPointsMean: round(mean(runs.map((r) => r.refusedPoints))),
    rolledBackMean: round(mean(runs.map((r) => r.rolledBack))),
    rolledBackTicksMean: round(mean(runs.map((r) => r.rolledBackTicks))),
    steadyOverheadMean: round(mean(runs.map((r) => r.steadyOverhead))),
  };
}
