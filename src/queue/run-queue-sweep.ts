/**
 * runQueueSweep: the coordinator side of a sweep on BullMQ over Redis. It
 * enqueues one job per piece of the sweep, waits while any number of
 * `kernel-sim worker` processes run them, and returns their results in job
 * order, whatever order and on whatever machines they finished.
 *
 *   const results = await runQueueSweep({ url, kind: 'check', jobs, onProgress });
 *
 * It polls each unfinished job (every pollMs) rather than trusting an event
 * stream, so nothing is lost across a Redis restart:
 *   - a job Redis no longer holds (restarted without persistence) is enqueued
 *     again under the same id; a result is taken once per job id, so no piece
 *     counts twice;
 *   - a job whose worker died or stalled is moved back to the queue by
 *     BullMQ's stalled-job check (in the live workers) and run elsewhere; one
 *     that stalled more than the workers' limit, or failed every attempt,
 *     is answered by `lost(job, reason)` (or rejects the sweep without it);
 *   - a job refused by a worker (UnrecoverableError, e.g. the scenario file
 *     differs between machines) rejects the sweep with the worker's reason.
 * Bounds: it gives up (rejects, naming the URL) when no job has started,
 * progressed or finished for waitMs, e.g. with no worker running or Redis
 * down. Jobs it took results of are removed from Redis.
 *
 * Wall clock: this file waits on real processes over a network, so it
 * polls with timers and measures its give-up bound with Date.now. That is
 * outside the simulation core (docs/ARCHITECTURE.md, "Where wall-clock time
 * is allowed"): time here decides only how long to wait and when to give
 * up, never a result; results come back in job order, and each job is a
 * seeded run that gives the same result on any worker.
 */
import { Queue, type Job } from 'bullmq';
import { QUEUE_NAME } from './queue-names.ts';
import { openRedis, parseRedisUrl, reachRedis } from './redis-url.ts';

export interface QueueSweepJob<D> {
  readonly id: string;
  readonly data: D;
}

export interface QueueSweepOptions<D, R> {
  readonly url: string;
  /** The job name workers dispatch on. */
  readonly kind: string;
  readonly jobs: readonly QueueSweepJob<D>[];
  /** Attempts of a job that throws (default 3). */
  readonly attempts?: number;
  readonly pollMs?: number;
  /** Give up after this long without any job starting, progressing or finishing (default 600 000). */
  readonly waitMs?: number;
  /** After each poll: the progress each unfinished job's worker last reported, and the finished jobs' ids. */
  readonly onProgress?: (
    progress: ReadonlyMap<string, number>,
    finished: ReadonlySet<string>,
  ) => void;
  /** Notes for the user (stderr): a job re-enqueued, a worker's failure retried. */
  readonly onNote?: (line: string) => void;
  /** The result of a job that failed for good; without it such a job rejects the sweep. */
  readonly lost?: (job: QueueSweepJob<D>, reason: string) => R;
}

export const QUEUE_POLL_MS = 200;
export const QUEUE_WAIT_MS = 600_000;

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runQueueSweep<D, R>(o: QueueSweepOptions<D, R>): Promise<R[]> {
  const url = parseRedisUrl(o.url);
  const redis = openRedis(url);
  try {
    // before the Queue exists: a refused connection must not leave its commands pending
    await reachRedis(redis, url);
  } catch (e) {
    redis.disconnect();
    throw e;
  }
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  queue.on('error', () => {}); // connection errors surface as the poll's timeouts
  try {
    return await collect(queue, o, url);
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

async function enqueue<D>(
  queue: Queue,
  o: QueueSweepOptions<D, unknown>,
  jobs: readonly QueueSweepJob<D>[],
): Promise<void> {
  await queue.addBulk(
    jobs.map((j) => ({
      name: o.kind,
      data: j.data,
      opts: {
        jobId: j.id,
        attempts: o.attempts ?? 3,
        removeOnComplete: false,
        removeOnFail: false,
      },
    })),
  );
}

type Seen =
  | { readonly state: 'missing' }
  | { readonly state: 'completed'; readonly value: unknown }
  | { readonly state: 'failed'; readonly reason: string; readonly refused: boolean }
  | { readonly state: 'pending'; readonly mark: string; readonly progress: number };

async function look(queue: Queue, id: string): Promise<Seen> {
  // the state first, then the job: a job read before it finished would lack its result
  const state = await queue.getJobState(id);
  if (state === 'unknown') return { state: 'missing' };
  const job: Job | undefined = await queue.getJob(id);
  if (job === undefined || job === null) return { state: 'missing' };
  if (state === 'completed') return { state, value: job.returnvalue };
  if (state === 'failed') {
    const reason = job.failedReason ?? 'failed';
    return { state, reason, refused: reason.startsWith('refused:') };
  }
  const progress = typeof job.progress === 'number' ? job.progress : 0;
  return {
    state: 'pending',
    mark: `${state}:${job.attemptsMade}:${job.processedOn ?? 0}:${progress}`,
    progress,
  };
}

async function lookAll(queue: Queue, ids: readonly string[], ms: number): Promise<Seen[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
  try {
    return await Promise.race([Promise.all(ids.map((id) => look(queue, id))), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function collect<D, R>(queue: Queue, o: QueueSweepOptions<D, R>, url: URL): Promise<R[]> {
  const results = new Map<string, R>();
  const progress = new Map<string, number>();
  const marks = new Map<string, string>();
  const byId = new Map(o.jobs.map((j) => [j.id, j]));
  const pollMs = o.pollMs ?? QUEUE_POLL_MS;
  const waitMs = o.waitMs ?? QUEUE_WAIT_MS;
  await enqueue(queue, o, o.jobs);
  let movedAt = Date.now();
  while (results.size < o.jobs.length) {
    if (Date.now() - movedAt > waitMs)
      throw new Error(
        `queue: no job started, progressed or finished for ${Math.round(waitMs / 1000)} s; start workers (kernel-sim worker --queue ${url.href}) and check that Redis at ${url.host} is up`,
      );
    await wait(pollMs);
    const open = o.jobs.filter((j) => !results.has(j.id)).map((j) => j.id);
    const seen = await lookAll(queue, open, Math.max(5000, pollMs * 10));
    if (seen === null) continue; // Redis unreachable this round: try again until waitMs
    const missing: QueueSweepJob<D>[] = [];
    for (const [i, s] of seen.entries()) {
      const id = open[i];
      const job = byId.get(id)!;
      if (s.state === 'missing') missing.push(job);
      else if (s.state === 'completed') results.set(id, s.value as R);
      else if (s.state === 'failed') {
        if (s.refused || o.lost === undefined)
          throw new Error(`queue: job ${id} failed: ${s.reason}`);
        o.onNote?.(`queue: job ${id} failed for good (${s.reason}); its seeds count as lost`);
        results.set(id, o.lost(job, s.reason));
      } else {
        progress.set(id, s.progress);
        if (marks.get(id) !== s.mark) movedAt = Date.now();
        marks.set(id, s.mark);
        continue;
      }
      movedAt = Date.now();
      if (s.state !== 'missing') {
        progress.delete(id);
        await queue.remove(id).catch(() => {});
      }
    }
    if (missing.length > 0) {
      o.onNote?.(`queue: Redis lost ${missing.length} job(s) (restarted?); enqueued them again`);
      await enqueue(queue, o, missing).catch(() => {});
    }
    o.onProgress?.(progress, new Set(results.keys()));
  }
  return o.jobs.map((j) => results.get(j.id)!);
}
