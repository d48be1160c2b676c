/**
 * summarizePoint: one sweep point's figures from its runs' records:
 * quiescence latency and lag behind the oracle (median, p99, max over every
 * reached request of every seed, nearest rank), how many requests were not
 * reached, runs that did not pass, and throughput in threads completed per
 * 1000 simulated ticks (total threads / total ticks of the point's runs).
 *
 * Invariant: a pure function of (point, records in seed order); wall time is
 * not in it.
 */
import type { DetectorName } from '../quiescence/index.ts';
import type { QuiescenceRunRecord } from './quiescence-run.ts';
import type { SweepPoint } from './quiescence-sweep-grid.ts';
import { tickStats } from './tick-stats.ts';

export interface QuiescencePointSummary {
  readonly point: number;
  readonly series: string;
  readonly detector: DetectorName;
  readonly pollTicks: number | null;
  readonly cpus: number;
  readonly gapPerCpuTicks: number;
  readonly lifetime: string;
  readonly lifetimeMeanTicks: number;
  readonly runs: number;
  readonly runsFailed: number;
  readonly requests: number;
  readonly unreached: number;
  readonly latencyMedianTicks: number | null;
  readonly latencyP99Ticks: number | null;
  readonly latencyMaxTicks: number | null;
  readonly lagMedianTicks: number | null;
  readonly lagP99Ticks: number | null;
  readonly lagMaxTicks: number | null;
  readonly threadsCompleted: number;
  readonly simulatedTicks: number;
  /** Threads completed per 1000 simulated ticks, rounded to 3 decimals. */
  readonly throughputThreadsPerKtick: number;
}

export function summarizePoint(
  p: SweepPoint,
  records: readonly QuiescenceRunRecord[],
): QuiescencePointSummary {
  const latency = tickStats(records.flatMap((r) => r.latenciesTicks));
  const lag = tickStats(records.flatMap((r) => r.lagsTicks));
  const threadsCompleted = sum(records.map((r) => r.threadsCompleted));
  const simulatedTicks = sum(records.map((r) => r.ticks));
  const requests = sum(records.map((r) => r.requests));
  return {
    point: p.point,
    series: p.series,
    detector: p.detector,
    pollTicks: p.pollTicks,
    cpus: p.cpus,
    gapPerCpuTicks: p.gapPerCpuTicks,
    lifetime: p.lifetimeText,
    lifetimeMeanTicks: p.lifetimeMeanTicks,
    runs: records.length,
    runsFailed: records.filter((r) => r.outcome !== 'passed').length,
    requests,
    unreached: requests - sum(records.map((r) => r.reached)),
    latencyMedianTicks: latency.median,
    latencyP99Ticks: latency.p99,
    latencyMaxTicks: latency.max,
    lagMedianTicks: lag.median,
    lagP99Ticks: lag.p99,
    lagMaxTicks: lag.max,
    threadsCompleted,
    simulatedTicks,
    throughputThreadsPerKtick:
      simulatedTicks === 0 ? 0 : Math.round((threadsCompleted / simulatedTicks) * 1e6) / 1e3,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
