/**
 * activation: when a thread is counted by the quiescence detector, the K42
 * rules in one place (K42 Thread::activate / deactivate, DeactivateSelf).
 *
 *   start          counted at its first dispatch, on that CPU
 *   exit           uncounted
 *   deactivateSelf not counted outside table calls from now on
 *   forCall        a self-deactivated thread is counted again while inside
 *                  its outermost table call (K42 activates on system entry)
 *   afterCall      ... and uncounted when it leaves it
 *   quiescentPoint uncounted then counted again in the current generation
 *                  (RCU QSBR); refused inside a call
 *
 * Invariant: `thread.counted` mirrors exactly whether the lifecycle port has
 * the thread counted; each function keeps it so.
 */
import type { Thread } from './thread.ts';
import type { ThreadLifecycle } from './thread-lifecycle.ts';

export function activateAtStart(t: Thread, lifecycle: ThreadLifecycle, cpu: number): void {
  t.started = true;
  t.counted = true;
  lifecycle.activate(t, cpu);
}

export function deactivateAtExit(t: Thread, lifecycle: ThreadLifecycle): void {
  if (!t.counted) return;
  t.counted = false;
  lifecycle.deactivate(t);
}

export function deactivateSelf(t: Thread, lifecycle: ThreadLifecycle): void {
  t.selfDeactivated = true;
  if (t.frames.length === 0) deactivateAtExit(t, lifecycle);
}

export function activateForCall(t: Thread, lifecycle: ThreadLifecycle, cpu: number): void {
  if (t.counted) return;
  t.counted = true;
  lifecycle.activate(t, cpu);
}

export function deactivateAfterCall(t: Thread, lifecycle: ThreadLifecycle): void {
  if (t.selfDeactivated && t.frames.length === 0) deactivateAtExit(t, lifecycle);
}

/** Re-count the thread in the current generation; an Error for the thread if it is inside a call. */
export function quiescentPoint(t: Thread, lifecycle: ThreadLifecycle, cpu: number): Error | null {
  if (t.frames.length > 0) {
    const c = t.frames[t.frames.length - 1];
    return new Error(
      `quiescentPoint: thread '${t.name}' is inside ${c.objectName}.${c.method} (call ${c.id}); a quiescent point must be outside every call`,
    );
  }
  if (t.counted) {
    lifecycle.deactivate(t);
    lifecycle.activate(t, cpu);
  }
  return null;
}
