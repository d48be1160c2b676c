/**
 * RunQueueState: the 'run-queue' transfer format every scheduling policy
 * exports and imports: each CPU's ready threads, in the order they would run.
 */
import type { ThreadId } from '../kernel/index.ts';

export interface RunQueueState {
  readonly queues: readonly (readonly ThreadId[])[];
}
