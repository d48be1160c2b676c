/**
 * Ready: the event-queue item that hands a thread to the scheduling policy
 * at a later tick (a sleep's end, or a wake-up that must wait until the
 * thread's last step has ended). Internal to the kernel.
 */
import type { Thread } from './thread.ts';
import type { EnqueueReason } from './scheduling-policy.ts';

export class Ready {
  readonly kind = 'ready';
  constructor(
    readonly thread: Thread,
    readonly reason: EnqueueReason,
  ) {}
}
