/**
 * queueExperiment: `kernel-sim experiment quiescence --queue
 * redis://HOST:PORT --out DIR`: the sweep's run list cut into jobs of
 * --job-runs runs (default 100), enqueued on BullMQ over Redis, run by any
 * number of `kernel-sim worker --queue ...` processes, and joined with
 * mergeQuiescenceParts into the serial experiment's files (same bytes, all
 * but quiescence-timing.json) and stdout table.
 *
 * Progress (runs done, as the workers report them) goes to stderr. Redis
 * unreachable, a job failed for good, or no progress for --queue-wait-s: an
 * input error (exit 2) saying what to do.
 */
import { randomUUID } from 'node:crypto';
import {
  finishQuiescenceExperiment,
  mergeQuiescenceParts,
  type QuiescenceExperimentResult,
  type QuiescencePart,
  type ResolvedSweep,
} from '../experiments/index.ts';
import { formatLifetime } from '../experiments/index.ts';
import { sweepJobId } from '../queue/index.ts';
import type { CliIo } from './cli-io.ts';
import { checkQueueUrl, cliQueueSweep } from './cli-queue-sweep.ts';
import { EXPERIMENT_JOB_KIND, experimentJobs, type ExperimentJobData } from './experiment-job.ts';

export interface QueueExperimentOptions {
  readonly url: string;
  readonly sweep: ResolvedSweep;
  readonly runsTotal: number;
  readonly jobRuns: number;
  readonly waitMs?: number;
  readonly outDir: string;
  readonly plots: boolean;
}

export async function queueExperiment(
  o: QueueExperimentOptions,
  io: CliIo,
): Promise<QuiescenceExperimentResult> {
  checkQueueUrl(o.url);
  const sweepId = randomUUID().slice(0, 13);
  const sweep = { ...o.sweep, lifetimes: o.sweep.lifetimes.map(formatLifetime) };
  const data = experimentJobs(sweep, o.runsTotal, o.jobRuns);
  const jobs = data.map((d) => ({ id: sweepJobId(sweepId, d.shard.index), data: d }));
  const started = performance.now();
  const parts = await cliQueueSweep<ExperimentJobData, QuiescencePart>(
    {
      url: o.url,
      kind: EXPERIMENT_JOB_KIND,
      jobs,
      total: o.runsTotal,
      label: 'progress',
      unit: 'runs',
      ...(o.waitMs === undefined ? {} : { waitMs: o.waitMs }),
    },
    io,
  );
  const merged = mergeQuiescenceParts(
    parts,
    jobs.map((j) => `job ${j.id}`),
  );
  return finishQuiescenceExperiment(
    merged.sweep,
    merged.outputs,
    { workers: merged.workers, wallMs: performance.now() - started },
    { outDir: o.outDir, plots: o.plots },
  );
}
