/**
 * WaitQueue: threads blocked until someone wakes them (xv6 sleep/wakeup).
 *
 * Interface: threads `yield* block(q)`; a thread `yield* wake(q, n)` or kernel
 * context `q.wakeOne()` / `q.wakeAll()` makes waiters ready in FIFO order.
 * `waiters` lists the blocked thread ids, oldest first.
 *
 * Invariant: a thread is on at most one wait queue, and only while blocked.
 * The queue itself holds no kernel reference: waking goes through the
 * kernel's `wakeThread` port, installed when the first thread blocks.
 */
export interface Waker {
  wakeThread(threadId: number, queue: WaitQueue): void;
}

export class WaitQueue {
  private readonly ids: number[] = [];
  private head = 0;
  /** @internal set by the kernel the first time a thread blocks here. */
  waker: Waker | undefined;
  constructor(readonly name = 'wait-queue') {}

  get size(): number {
    return this.ids.length - this.head;
  }

  get waiters(): readonly number[] {
    return this.ids.slice(this.head);
  }

  /** @internal the kernel parks a thread here. */
  add(threadId: number): void {
    this.ids.push(threadId);
  }

  /** Wake the oldest waiter. Returns false if there was none. */
  wakeOne(): boolean {
    if (this.head === this.ids.length) return false;
    const id = this.ids[this.head++];
    if (this.head > 64 && this.head * 2 > this.ids.length) {
      this.ids.splice(0, this.head);
      this.head = 0;
    }
    this.waker!.wakeThread(id, this);
    return true;
  }

  /** Wake up to `count` waiters, oldest first; returns how many woke. */
  wake(count = Infinity): number {
    let n = 0;
    while (n < count && this.wakeOne()) n++;
    return n;
  }

  wakeAll(): number {
    return this.wake(Infinity);
  }
}
