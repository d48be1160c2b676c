/**
 * queueStrategies: `kernel-sim experiment strategies --queue
 * redis://HOST:PORT --out DIR`: the experiment's run list cut into jobs of
 * --job-runs runs (default 100), enqueued on BullMQ over Redis, run by any
 * number of `kernel-sim worker --queue ...` processes, and joined with
 * mergeStrategyParts into the serial experiment's files (same bytes) and
 * stdout table.
 *
 * Progress (runs done, as the workers report them) goes to stderr. Redis
 * unreachable, a job failed for good (a worker's scenario file differs), or
 * no progress for --queue-wait-s: an input error (exit 2) saying what to do.
 */
import { randomUUID } from 'node:crypto';
import {
  finishStrategyExperiment,
  mergeStrategyParts,
  type StrategyExperimentResult,
  type StrategyPart,
} from '../experiments/index.ts';
import { sweepJobId } from '../queue/index.ts';
import type { CliIo } from './cli-io.ts';
import { checkQueueUrl, cliQueueSweep } from './cli-queue-sweep.ts';
import {
  STRATEGY_JOB_KIND,
  strategyJobs,
  type StrategyJobData,
  type StrategyJobSweep,
} from './strategy-job.ts';

export interface QueueStrategiesOptions {
  readonly url: string;
  readonly sweep: StrategyJobSweep;
  readonly runsTotal: number;
  readonly jobRuns: number;
  readonly waitMs?: number;
  readonly outDir: string;
  readonly plots: boolean;
}

export async function queueStrategies(
  o: QueueStrategiesOptions,
  io: CliIo,
): Promise<StrategyExperimentResult> {
  checkQueueUrl(o.url);
  const sweepId = randomUUID().slice(0, 13);
  const data = strategyJobs(o.sweep, o.runsTotal, o.jobRuns);
  const jobs = data.map((d) => ({ id: sweepJobId(sweepId, d.shard.index), data: d }));
  const parts = await cliQueueSweep<StrategyJobData, StrategyPart>(
    {
      url: o.url,
      kind: STRATEGY_JOB_KIND,
      jobs,
      total: o.runsTotal,
      label: 'progress',
      unit: 'runs',
      ...(o.waitMs === undefined ? {} : { waitMs: o.waitMs }),
    },
    io,
  );
  const grid = mergeStrategyParts(
    parts,
    jobs.map((j) => `job ${j.id}`),
  );
  return finishStrategyExperiment(grid, { outDir: o.outDir, plots: o.plots });
}
