/**
 * StrategyJob: one piece of a `kernel-sim experiment strategies --queue`
 * sweep, as the plain data a BullMQ job carries, and `runStrategyJob`, which
 * a `kernel-sim worker` runs for it. A piece is shard k of N of the
 * experiment's run list (workload by workload, strategy by strategy, seed by
 * seed), so its answer is a strategy part (src/experiments/strategy-part.ts)
 * and the coordinator joins the parts with the same mergeStrategyParts as
 * `kernel-sim merge`: the queue writes exactly the serial files.
 *
 *   strategyJobs(sweep, runsTotal, jobRuns)            the sweep's jobs, data only
 *   runStrategyJob(data, cwd, threads, report) -> StrategyPart   (worker side)
 *
 * Workloads travel as the user named them (paths or bundled names) with the
 * SHA-256 of each file: a worker whose copy differs refuses the job, naming
 * both hashes, as a check job does.
 */
import { shardRange, type CheckShard } from '../check/index.ts';
import { runStrategyPart, type StrategyPart } from '../experiments/index.ts';
import type { StrategyName } from '../hotswap/index.ts';
import { loadScenario, SCENARIO_LOADER } from './load-scenario.ts';
import { workerScenarioFile } from './check-job.ts';

export const STRATEGY_JOB_KIND = 'experiment-strategies';

export interface StrategyJobData {
  /** The workloads as the user named them (paths or bundled names). */
  readonly targets: readonly string[];
  readonly scenarioHashes: readonly (string | null)[];
  readonly strategies?: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly shard: CheckShard;
}

export type StrategyJobSweep = Omit<StrategyJobData, 'shard'>;

/** The sweep's runs cut into ceil(runsTotal / jobRuns) shards, one job each. */
export function strategyJobs(
  sweep: StrategyJobSweep,
  runsTotal: number,
  jobRuns: number,
): StrategyJobData[] {
  const count = Math.max(1, Math.ceil(runsTotal / jobRuns));
  return Array.from({ length: count }, (_, i) => ({ ...sweep, shard: { index: i + 1, count } }));
}

/** Runs the job's slice on `threads` worker threads (at least one: the event loop stays free to renew the job's lock). */
export async function runStrategyJob(
  d: StrategyJobData,
  cwd: string,
  threads: number,
  report: (runsDone: number) => void,
): Promise<StrategyPart> {
  const workloads = [];
  for (const [i, target] of d.targets.entries()) {
    const file = workerScenarioFile(target, d.scenarioHashes[i], cwd);
    workloads.push({
      name: target.replace(/\.ts$/, ''),
      file,
      scenario: await loadScenario(file),
    });
  }
  return runStrategyPart(
    {
      workloads,
      ...(d.strategies === undefined ? {} : { strategies: d.strategies }),
      seeds: d.seeds,
      workers: Math.max(1, threads),
      load: SCENARIO_LOADER,
    },
    d.shard,
    shardRange,
    d.scenarioHashes,
    (done) => report(done),
  );
}
