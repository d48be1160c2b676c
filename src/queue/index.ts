/**
 * queue/: sweeps on BullMQ over Redis, independent of what a job does. The
 * coordinator (runQueueSweep) enqueues a sweep's pieces as jobs and collects
 * their results by job id; any number of workers (serveQueue), on any
 * machines, run them. src/cli/queue-check.ts and worker-command.ts make a
 * `kernel-sim check` sweep of it.
 */
export {
  runQueueSweep,
  QUEUE_POLL_MS,
  QUEUE_WAIT_MS,
  type QueueSweepJob,
  type QueueSweepOptions,
} from './run-queue-sweep.ts';
export {
  serveQueue,
  LOCK_MS_DEFAULT,
  type QueueJobRunner,
  type QueueServer,
  type ServeQueueOptions,
} from './serve-queue.ts';
export { QUEUE_NAME, sweepJobId } from './queue-names.ts';
export { parseRedisUrl, openRedis, reachRedis, REDIS_REACH_MS } from './redis-url.ts';
