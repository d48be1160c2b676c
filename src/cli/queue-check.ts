/**
 * queueCheck: `kernel-sim check X --queue redis://HOST:PORT`: the sweep cut
 * into jobs of --job-seeds seeds (default 1000), enqueued on BullMQ over
 * Redis, run by any number of `kernel-sim worker --queue ...` processes on
 * any machines, and joined by seed with mergeCheckParts into the summary the
 * serial check prints (same bytes, same --json, same exit code).
 *
 * Progress (seeds done, as the workers report them) goes to stderr: a bar on
 * a terminal, lines when piped. Redis unreachable, a worker refusing a job
 * (the scenario file differs on its machine), or no progress for
 * --queue-wait-s: an input error (exit 2) saying what to do. A job whose
 * worker stalled more than the workers' limit counts its seeds as lost
 * crashes (exit 3), each with its reproduce line.
 */
import { randomUUID } from 'node:crypto';
import {
  mergeCheckParts,
  scenarioHash,
  summarize,
  type CheckPart,
  type CheckSummary,
} from '../check/index.ts';
import { sweepJobId } from '../queue/index.ts';
import { CHECK_JOB_KIND, checkJobs, lostCheckPart, type CheckJobSweep } from './check-job.ts';
import type { CliIo } from './cli-io.ts';
import { checkQueueUrl, cliQueueSweep } from './cli-queue-sweep.ts';
import { printCheckSummary } from './print-check-summary.ts';

export interface QueueCheckOptions {
  readonly url: string;
  readonly sweep: CheckJobSweep;
  readonly file: string;
  readonly seedCount: number;
  readonly jobSeeds: number;
  readonly waitMs?: number;
  readonly json: boolean;
}

export async function queueCheck(o: QueueCheckOptions, io: CliIo): Promise<CheckSummary> {
  checkQueueUrl(o.url);
  const sweep = randomUUID().slice(0, 13);
  const data = checkJobs(
    { ...o.sweep, scenarioHash: scenarioHash(o.file) },
    o.seedCount,
    o.jobSeeds,
  );
  const jobs = data.map((d) => ({ id: sweepJobId(sweep, d.shard.index), data: d }));
  const parts = await cliQueueSweep<(typeof data)[number], CheckPart>(
    {
      url: o.url,
      kind: CHECK_JOB_KIND,
      jobs,
      total: o.seedCount,
      label: 'check',
      unit: 'seeds',
      ...(o.waitMs === undefined ? {} : { waitMs: o.waitMs }),
      lost: (job, reason) => lostCheckPart(job.data, reason),
    },
    io,
  );
  const merged = mergeCheckParts(
    parts,
    jobs.map((j) => `job ${j.id}`),
  );
  const summary = summarize(merged.results, merged.context);
  printCheckSummary(summary, o.json, io);
  return summary;
}
