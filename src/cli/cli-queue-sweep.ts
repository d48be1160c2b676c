/**
 * cliQueueSweep: a sweep's jobs run on the queue (runQueueSweep) the way the
 * CLI's queued commands (`check --queue`, `experiment quiescence --queue`)
 * run them: the URL checked first (an input error naming --queue), progress
 * on stderr (a bar on a terminal, lines when piped) summed from each job's
 * size and its worker's reports, notes on stderr, and the queue's failures
 * as input errors (exit 2).
 *
 * Interface: `cliQueueSweep({ url, kind, jobs, sizes, total, label, unit,
 * waitMs?, lost? }, io)` -> the jobs' results, in job order.
 */
import { parseRedisUrl, runQueueSweep, type QueueSweepJob } from '../queue/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { progressReporter } from './progress-reporter.ts';

export interface CliQueueSweepOptions<D, R> {
  readonly url: string;
  readonly kind: string;
  readonly jobs: readonly QueueSweepJob<D>[];
  /** Units of work (seeds, runs) in each job, by job id. */
  readonly sizes: ReadonlyMap<string, number>;
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

export async function cliQueueSweep<D, R>(o: CliQueueSweepOptions<D, R>, io: CliIo): Promise<R[]> {
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
        for (const id of finished) done += o.sizes.get(id)!;
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
