/**
 * SchedulingPolicy: the port through which the dispatcher decides who runs.
 *
 * The kernel never keeps a ready queue of its own: ready threads live in the
 * policy, so the policy's state is the run queue, and swapping the policy
 * (scenario swap-scheduler.ts) transfers the run queue. The composition root
 * plugs an ObjectRef from the translation table in here, so every dispatcher
 * decision is a table call and the scheduler can be hot-swapped.
 *
 * Interface (all called from kernel context, synchronous, never blocking):
 *   enqueue(thread, cpuHint, reason)  thread became ready; cpuHint is its last
 *                                     CPU, the spawner's CPU, or -1
 *   pickNext(cpu)                     the next thread id for `cpu`, removed
 *                                     from the policy, or undefined
 *   forget(threadId)                  thread exited: drop per-thread state
 *   readyCount()                      threads waiting, for reports
 */
import type { ThreadId, ThreadView } from './thread.ts';

export type EnqueueReason = 'spawned' | 'preempted' | 'yielded' | 'woken';

export interface SchedulingPolicy {
  enqueue(thread: ThreadView, cpuHint: number, reason: EnqueueReason): void;
  pickNext(cpu: number): ThreadId | undefined;
  forget(threadId: ThreadId): void;
  readyCount(): number;
}
