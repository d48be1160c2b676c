/**
 * ThreadLifecycle: the port the quiescence detector plugs into (Effect's
 * Supervisor analogue; K42 Thread::activate / deactivate).
 *
 * The kernel calls `activate(thread, cpu)` when a thread starts (its first
 * dispatch) and when a self-deactivated thread enters a table call, and
 * `deactivate(thread)` when it exits, deactivates itself, or leaves its
 * outermost call again. A quiescent point is a deactivate then activate.
 *
 * Invariant: the kernel never activates a thread twice without a deactivate
 * in between, and never deactivates one it has not activated.
 */
import type { Thread } from './thread.ts';

export interface ThreadLifecycle {
  activate(thread: Thread, cpu: number): void;
  deactivate(thread: Thread): void;
}

export const NO_LIFECYCLE: ThreadLifecycle = {
  activate() {},
  deactivate() {},
};
