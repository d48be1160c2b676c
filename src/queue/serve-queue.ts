/**
 * serveQueue: the worker side of a sweep on BullMQ over Redis. It takes jobs
 * from the sweeps queue one at a time (`concurrency` at once) and answers
 * each with `run(kind, data, report)`; `report(n)` publishes the job's
 * progress. Returns a handle whose `close()` finishes the running job and
 * stops, and whose `closed` resolves when the worker has stopped.
 *
 * Engine faults: the job's lock is renewed every lockMs/2 while `run` works,
 * so `run` must leave the event loop free (a check runs its seeds on worker
 * threads). A worker killed or frozen (SIGSTOP) mid-job stops renewing; after
 * lockMs the live workers' stalled-job check (every lockMs) moves the job
 * back to the queue, up to stalledMax times, and BullMQ refuses the late
 * result of the frozen one (its lock is gone). Redis going away pauses the
 * worker; it reconnects by itself. A job `run` refuses with an error whose
 * message starts 'refused:' fails at once, without retries.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { QUEUE_NAME } from './queue-names.ts';
import { openRedis, parseRedisUrl, reachRedis } from './redis-url.ts';

export type QueueJobRunner = (
  kind: string,
  data: unknown,
  report: (progress: number) => void,
) => Promise<unknown>;

export interface ServeQueueOptions {
  readonly url: string;
  readonly run: QueueJobRunner;
  /** Jobs run at once by this process (default 1). */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal (default 30 000 ms). */
  readonly lockMs?: number;
  /** Times a job may stall (its worker killed or frozen) before it fails (default 3). */
  readonly stalledMax?: number;
  /** Called when a job starts here, and when it is done or failed (with why). */
  readonly onJob?: (id: string, event: 'started' | 'done' | 'failed', why: string) => void;
}

export interface QueueServer {
  close(): Promise<void>;
  readonly closed: Promise<void>;
}

export const LOCK_MS_DEFAULT = 30_000;
const PROGRESS_EVERY_MS = 500;

function reporter(job: Job): (progress: number) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    void job.updateProgress(progress).catch(() => {});
  };
}

export async function serveQueue(o: ServeQueueOptions): Promise<QueueServer> {
  const url = parseRedisUrl(o.url);
  const redis = openRedis(url);
  await reachRedis(redis, url);
  const lockMs = o.lockMs ?? LOCK_MS_DEFAULT;
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      try {
        return await o.run(job.name, job.data, reporter(job));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (message.startsWith('refused:')) throw new UnrecoverableError(message);
        throw e;
      }
    },
    {
      connection: redis,
      concurrency: o.concurrency ?? 1,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: o.stalledMax ?? 3,
    },
  );
  worker.on('error', () => {}); // connection errors: ioredis reconnects
  worker.on('active', (job) => o.onJob?.(job.id ?? '?', 'started', ''));
  worker.on('completed', (job) => o.onJob?.(job.id ?? '?', 'done', ''));
  worker.on('failed', (job, e) => o.onJob?.(job?.id ?? '?', 'failed', e.message));
  let closing: Promise<void> | undefined;
  let stopped!: () => void;
  const closed = new Promise<void>((r) => (stopped = r));
  return {
    close: () =>
      (closing ??= worker
        .close()
        .catch(() => {})
        .then(() => redis.disconnect())
        .then(stopped)),
    closed,
  };
}
