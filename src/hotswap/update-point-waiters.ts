/**
 * UpdatePointWaiters: the swaps waiting for a safe update point (strategy
 * update-points, Ginseng), and the kernel's UpdatePointPort. At each update
 * point a thread reaches (`yield* updatePoint()`, or its exit) every waiting
 * swap runs the safety check (update-point-safety.ts) over every live call
 * stack: while a frame uses a type the swap changes concretely, the point is
 * refused (event `swap.update-point`, safe false, naming the frames and the
 * types); at the first safe point the swap applies there, in the same
 * kernel-context step, before any other thread runs.
 *
 * Interface: `add(swap, then)` (applies at once when no thread is alive:
 * nothing could ever reach a point, and nothing holds a frame);
 * `reached(thread, cpu, kind)` (the port).
 * Invariant: a swap leaves the list when it applies or is no longer
 * pending in forward (aborted, cancelled, timed out). Waiters are served in
 * swap id order.
 */
import type {
  EventSink,
  Kernel,
  Thread,
  UpdatePointKind,
  UpdatePointPort,
} from '../kernel/index.ts';
import { describeError } from '../kernel/index.ts';
import type { SwapBookkeeping } from './swap-bookkeeping.ts';
import type { SwapEvent } from './swap-events.ts';
import { describeUnsafeFrame, unsafeFrames, type UnsafeFrame } from './update-point-safety.ts';

interface Waiter {
  readonly swap: SwapBookkeeping;
  readonly then: () => void;
}

/** The class names a swap changes: its members' old classes. */
export function changedTypes(swap: SwapBookkeeping): Set<string> {
  return new Set(swap.members.map((m) => m.oldCls.name));
}

export class UpdatePointWaiters implements UpdatePointPort {
  private waiters: Waiter[] = [];

  constructor(
    private readonly kernel: Kernel,
    private readonly bus: EventSink<SwapEvent>,
  ) {}

  add(swap: SwapBookkeeping, then: () => void): void {
    // an idle machine is at an update point: no thread is alive to reach one, and none holds a frame
    if (this.kernel.aliveCount === 0) {
      then();
      return;
    }
    this.waiters.push({ swap, then });
    this.waiters.sort((a, b) => a.swap.id - b.swap.id);
  }

  /** The frames that make an update point unsafe for `swap` now. */
  unsafeFor(swap: SwapBookkeeping): UnsafeFrame[] {
    return unsafeFrames(this.kernel, changedTypes(swap));
  }

  reached(thread: Thread, _cpu: number, kind: UpdatePointKind): void {
    if (this.waiters.length === 0) return;
    for (const w of [...this.waiters]) {
      if (!this.waiters.includes(w)) continue;
      if (w.swap.phase !== 'forward' || w.swap.outcome !== 'pending') {
        this.drop(w);
        continue;
      }
      this.check(w, thread, kind);
    }
  }

  private check(w: Waiter, thread: Thread, kind: UpdatePointKind): void {
    let unsafe: UnsafeFrame[];
    try {
      unsafe = this.unsafeFor(w.swap);
    } catch (err) {
      this.drop(w);
      w.swap.abort(`update-point safety check failed: ${describeError(err)}`);
      return;
    }
    const safe = unsafe.length === 0;
    if (this.bus.on)
      this.bus.emit({
        type: 'swap.update-point',
        swap: w.swap.id,
        thread: thread.id,
        point: kind,
        safe,
        unsafe: unsafe.map((f) => ({
          thread: f.thread,
          call: f.call,
          object: f.object,
          method: f.method,
          type: f.type,
        })),
        reason: safe ? null : unsafe.map(describeUnsafeFrame).join('; '),
      });
    if (!safe) {
      w.swap.updatePointsRefused++;
      return;
    }
    this.drop(w);
    w.swap.updatePointThread = thread.id;
    w.then();
  }

  private drop(w: Waiter): void {
    this.waiters = this.waiters.filter((x) => x !== w);
  }
}
