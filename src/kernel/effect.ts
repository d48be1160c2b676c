/**
 * Effect: what a thread body hands the kernel at each `yield`. Every yield is
 * a preemption point: the kernel, not the thread, decides who runs next.
 *
 * Interface: the `Op<T>` helpers below, used as `yield* sleep(5)`:
 *   compute(ticks)   burn CPU for `ticks` (preemptible at quantum expiry)
 *   sleep(ticks)     leave the CPU, become ready again `ticks` later
 *   yieldCpu()       go to the back of the ready queue
 *   spawn(name, fn)  start a thread; returns its ThreadId
 *   block(queue)     wait on a WaitQueue until woken
 *   wake(queue, n)   wake up to n waiters (default all); returns how many
 *   deactivateSelf() stop being counted by quiescence (K42 DeactivateSelf)
 *   quiescentPoint() declare "I hold no calls now" (RCU QSBR)
 *   updatePoint()    a Ginseng update point: a pending update-points swap
 *                    may apply here (kernel.updatePoints, update-point-port.ts)
 *
 * Cost model (docs/ARCHITECTURE.md): the step of thread code that ends in a
 * yield takes one tick of its CPU, a `compute(n)` step takes n ticks.
 */
import type { WaitQueue } from './wait-queue.ts';
import type { ThreadBody, SpawnOptions } from './thread.ts';
import { ComputeOp } from './compute-op.ts';

export type Effect =
  | { readonly kind: 'compute'; readonly ticks: number }
  | { readonly kind: 'sleep'; readonly ticks: number }
  | { readonly kind: 'yield' }
  | { readonly kind: 'boundary' }
  | {
      readonly kind: 'spawn';
      readonly name: string;
      readonly body: ThreadBody;
      readonly options: SpawnOptions | undefined;
    }
  | { readonly kind: 'block'; readonly queue: WaitQueue }
  | { readonly kind: 'wake'; readonly queue: WaitQueue; readonly count: number }
  | { readonly kind: 'deactivate' }
  | { readonly kind: 'quiescent' }
  | { readonly kind: 'update-point' };

/** A generator of effects that returns T: what `yield*` runs. */
export type Op<T> = Generator<Effect, T, unknown>;

function checkTicks(where: string, ticks: number, min: number): void {
  if (!Number.isInteger(ticks) || ticks < min) {
    throw new RangeError(`${where}: ticks must be an integer >= ${min}, got ${ticks}`);
  }
}

/** One compute effect, then done: a ComputeOp (compute-op.ts), not a generator, so the call allocates one small object. */
export function compute(ticks: number): Op<void> {
  return new ComputeOp(ticks);
}

export function* sleep(ticks: number): Op<void> {
  checkTicks('sleep', ticks, 0);
  yield { kind: 'sleep', ticks };
}

const YIELD: Effect = Object.freeze({ kind: 'yield' });
const DEACTIVATE: Effect = Object.freeze({ kind: 'deactivate' });
const QUIESCENT: Effect = Object.freeze({ kind: 'quiescent' });
const UPDATE_POINT: Effect = Object.freeze({ kind: 'update-point' });
/** The call-boundary preemption point a table call yields at entry and exit. */
export const BOUNDARY: Effect = Object.freeze({ kind: 'boundary' });

export function* yieldCpu(): Op<void> {
  yield YIELD;
}

export function* spawn(name: string, body: ThreadBody, options?: SpawnOptions): Op<number> {
  return (yield { kind: 'spawn', name, body, options }) as number;
}

export function* block(queue: WaitQueue): Op<void> {
  yield { kind: 'block', queue };
}

export function* wake(queue: WaitQueue, count = Infinity): Op<number> {
  return (yield { kind: 'wake', queue, count }) as number;
}

export function* deactivateSelf(): Op<void> {
  yield DEACTIVATE;
}

export function* quiescentPoint(): Op<void> {
  yield QUIESCENT;
}

export function* updatePoint(): Op<void> {
  yield UPDATE_POINT;
}
