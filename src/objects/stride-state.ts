/**
 * StrideState: the 'stride-state' transfer format of StridePolicy, richer
 * than 'run-queue': every client's pass and tickets survive the swap.
 *
 *   virtualPass  the pass of the last dispatched client (global virtual time)
 *   ready        ready clients in run order (ascending pass, arrival order on ties)
 *   idle         known clients not in the queue (running, sleeping, blocked)
 *
 * A client's `cpu` is the CPU hint it was last enqueued with (-1 if none).
 */
import type { ThreadId } from '../kernel/index.ts';

export interface StrideClientState {
  readonly thread: ThreadId;
  readonly pass: number;
  readonly tickets: number;
  readonly cpu: number;
}

export interface StrideState {
  readonly virtualPass: number;
  readonly ready: readonly StrideClientState[];
  readonly idle: readonly StrideClientState[];
}
