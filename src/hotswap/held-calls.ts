/**
 * HeldCalls: the calls a swap holds in block and transfer, in arrival order,
 * and the wait queue their threads sleep on (K42: the mediator's blocked
 * list).
 *
 * Interface: `hold(call, object, tick)` records one (the caller then blocks
 * on `queue`); `release(tick, onRelease)` reports each, oldest first, with
 * how long it was held, and wakes every thread in that same order;
 * `threads()` lists the held threads (for the wait-for graph).
 *
 * Invariant: release order is arrival order (the wait queue is FIFO and a
 * thread blocks in the same step it is recorded).
 */
import { WaitQueue } from '../kernel/index.ts';
import type { Call } from '../translation-table/index.ts';

export interface HeldCall {
  readonly call: Call;
  /** Object id the call was held on. */
  readonly object: number;
  readonly tick: number;
}

export class HeldCalls {
  readonly queue: WaitQueue;
  private held: HeldCall[] = [];

  constructor(name: string) {
    this.queue = new WaitQueue(name);
  }

  hold(call: Call, object: number, tick: number): void {
    this.held.push({ call, object, tick });
  }

  threads(): number[] {
    return this.held.map((h) => h.call.thread);
  }

  /** Wake every held thread, oldest first, after telling `onRelease` about each. */
  release(tick: number, onRelease: (h: HeldCall, heldTicks: number) => void): void {
    for (const h of this.held) onRelease(h, tick - h.tick);
    this.held = [];
    this.queue.wakeAll();
  }
}
