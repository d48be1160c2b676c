/**
 * LazyImport: the lazy strategy's conversion on first use (Baumann et al.,
 * "Providing dynamic update in an operating system", USENIX 2005/2007: state
 * converted lazily, after the switch). The swap exports the old object's
 * state at the switch and points the entry at the new implementation
 * without importing it; this mediator, installed in front of the entry in
 * that same step, imports the saved state when the first call arrives, then
 * removes itself.
 *
 * Interface: `new LazyImport(convert(thread, ticks), ticks)`, then `attach(handle)` with
 * its interposer handle. A generator call that finds the state unconverted
 * pays the conversion: it computes `ticks` (the swap's transferTicks) and
 * runs `convert()`; generator calls arriving meanwhile block until it is
 * done. A plain (atomic) call cannot wait, so it converts at once, free.
 * Every call before the conversion pays the check; none after it (the
 * mediator is gone).
 *
 * Invariant: `convert()` runs once, before any call reaches the new
 * object; it handles its own failure (defer-import.ts points the entry back
 * at the old object). Should it throw anyway, the caller gets the error and
 * the next call tries again.
 */
import { block, compute, wake, WaitQueue, type Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator } from '../translation-table/index.ts';

export interface LazyImportHandle {
  remove(): void;
}

export class LazyImport implements Mediator {
  readonly name = 'lazy-import';
  private converting = false;
  private converted = false;
  private handle: LazyImportHandle | null = null;
  private readonly queue = new WaitQueue('lazy import');

  constructor(
    private readonly convert: (thread: number, ticks: number) => void,
    private readonly ticks: number,
  ) {}

  attach(handle: LazyImportHandle): void {
    this.handle = handle;
  }

  get done(): boolean {
    return this.converted;
  }

  call(call: Call, forward: Forward): unknown {
    this.convertNow(call.thread, 0);
    return forward(call);
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    while (!this.converted) {
      if (this.converting) {
        yield* block(this.queue);
        continue;
      }
      yield* this.pay(call.thread);
    }
    return yield* forward(call);
  }

  /**
   * This call converts: compute the ticks, import, wake the waiters. On a
   * failed import the waiters are woken too (one of them retries) and the
   * error goes to this caller.
   */
  private *pay(thread: number): Op<void> {
    this.converting = true;
    let failed = false;
    let failure: unknown;
    let ended = false;
    try {
      if (this.ticks > 0) yield* compute(this.ticks);
      try {
        this.convertNow(thread, this.ticks);
      } catch (err) {
        failed = true;
        failure = err;
      }
      ended = true;
    } finally {
      this.converting = false;
      // killed while computing: let a waiter convert instead
      if (!ended) for (let n = this.queue.size; n > 0 && this.queue.wakeOne(); n--);
    }
    if (this.queue.size > 0) yield* wake(this.queue);
    if (failed) throw failure;
  }

  private convertNow(thread: number, ticks: number): void {
    if (this.converted) return;
    this.convert(thread, ticks);
    this.converted = true;
    this.handle?.remove();
    this.handle = null;
  }
}
