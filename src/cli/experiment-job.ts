/**
 * ExperimentJob: one piece of a `kernel-sim experiment quiescence --queue`
 * sweep, as the plain data a BullMQ job carries, and `runExperimentJob`,
 * which a `kernel-sim worker` runs for it. A piece is shard k of N of the
 * sweep's run list (the `--shard k/N` slices of src/check/check-shard.ts),
 * so its answer is a quiescence part (src/experiments/quiescence-part.ts)
 * and the coordinator joins the N parts with the same mergeQuiescenceParts
 * as `kernel-sim merge`: the queue writes exactly the serial files.
 *
 *   experimentJobs(sweep, runsTotal, jobRuns)      the sweep's jobs, data only
 *   runExperimentJob(data, threads, report) -> QuiescencePart   (worker side)
 *
 * The sweep travels resolved (lifetimes in text notation), so a worker runs
 * exactly the coordinator's grid whatever its own defaults.
 */
import { shardRange, type CheckShard } from '../check/index.ts';
import {
  runQuiescencePart,
  type QuiescencePart,
  type QuiescenceSweepOptions,
} from '../experiments/index.ts';

export const EXPERIMENT_JOB_KIND = 'experiment-quiescence';
/** Runs per job by default (a quiescence run is far longer than a check seed). */
export const JOB_RUNS_DEFAULT = 100;

export interface ExperimentJobData {
  readonly sweep: QuiescenceSweepOptions;
  readonly shard: CheckShard;
}

/** The sweep's runs cut into ceil(runsTotal / jobRuns) shards, one job each. */
export function experimentJobs(
  sweep: QuiescenceSweepOptions,
  runsTotal: number,
  jobRuns: number,
): ExperimentJobData[] {
  const count = Math.max(1, Math.ceil(runsTotal / jobRuns));
  return Array.from({ length: count }, (_, i) => ({ sweep, shard: { index: i + 1, count } }));
}

/** Runs the job's slice on `threads` worker threads (at least one: the event loop stays free to renew the job's lock). */
export function runExperimentJob(
  d: ExperimentJobData,
  threads: number,
  report: (runsDone: number) => void,
): Promise<QuiescencePart> {
  return runQuiescencePart(
    { ...d.sweep, workers: Math.max(1, threads) },
    d.shard,
    shardRange,
    (n) => report(n),
  );
}
