/**
 * cliQueueSweep: a sweep's jobs run on the queue (runQueueSweep) the way the
 * CLI's queued commands (`check --queue`, `experiment quiescence --queue`)
 * run them: the URL checked first (an input error naming --queue), progress
 * on stderr (a bar on a terminal, lines when piped) summed from each job's
 * size and its worker's reports, notes on stderr, and the queue's failures
 * as input errors (exit 2).
 *
 * Interface: `cliQueueSweep({ url, kind, jobs, total, label, unit, waitMs?,
 * lost? }, io)` -> the jobs' results, in job order; each job is shard k of N
 * of `total` units (seeds, runs), which sizes its share of the progress.
 * `refuseLocalFlags(flags)`: the input error of --queue with --shard or
 * --workers, which the experiments share.
 */
import { shardRange, type CheckShard } from '../check/index.ts';
import { parseRedisUrl, runQueueSweep, type QueueSweepJob } from '../queue/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { progressReporter } from './progress-reporter.ts';

export interface CliQueueSweepOptions<D extends { readonly shard: CheckShard }, R> {
  readonly url: string;
  readonly kind: string;
  readonly jobs: readonly QueueSweepJob<D>[];
  /** Units of work (seeds, runs) in the whole sweep; job k/N has slice k of them. */
  readonly total: number;
  /** The progress line's label and unit, e.g. 'check' and 'seeds'. */
  readonly label: string;
  readonly unit: string;
  readonly waitMs?: number;
  readonly lost?: (job: QueueSweepJob<D>, reason: string) => R;
}

/** An input error naming --queue when the URL is not redis://HOST:PORT. */
export function checkQueueUrl(url: string): void {
  try {
    parseRedisUrl(url);
  } catch (e) {
    throw new CliError((e as Error).message.replace(/^queue: /, '--queue: '), undefined, {
      cause: e,
    });
  }
}

/** The input error of --queue with flags that only mean something in this process. */
export function refuseLocalFlags(flags: Record<string, unknown>): void {
  if (flags.shard !== undefined || flags.workers !== undefined)
    throw new CliError(
      '--queue runs the sweep on `kernel-sim worker` processes: drop --shard and --workers (give a worker --threads instead)',
    );
}

export async function cliQueueSweep<D extends { readonly shard: CheckShard }, R>(
  o: CliQueueSweepOptions<D, R>,
  io: CliIo,
): Promise<R[]> {
  const sizes = new Map(
    o.jobs.map((j) => {
      const [start, end] = shardRange(o.total, j.data.shard);
      return [j.id, end - start];
    }),
  );
  const progress = progressReporter(io, o.label, o.unit);
  try {
    return await runQueueSweep<D, R>({
      url: o.url,
      kind: o.kind,
      jobs: o.jobs,
      ...(o.waitMs === undefined ? {} : { waitMs: o.waitMs }),
      ...(o.lost === undefined ? {} : { lost: o.lost }),
      onNote: (line) => io.err(line),
      onProgress: (running, finished) => {
        let done = 0;
        for (const id of finished) done += sizes.get(id)!;
        for (const n of running.values()) done += n;
        progress.update(Math.min(done, o.total), o.total);
      },
    });
  } catch (e) {
    throw new CliError((e as Error).message, undefined, { cause: e });
  } finally {
    progress.stop();
  }
}
