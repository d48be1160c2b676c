/**
 * EventRun: a FIFO of event-queue entries that arrive already in (tick,
 * order) order, the common case for far entries (a workload's arrivals
 * queued up front, one per tick): O(1) where a heap of 10^5 entries costs a
 * log(10^5) sift per pop. Part of EventQueue (event-queue.ts).
 *
 * Interface: `accepts(tick, order)` (true when the run is empty or the
 * entry is after its last); `append(tick, order, item)`; `topTick()`
 * (Infinity when empty), `topOrder()`, `top()`, `shift()`; `size`.
 *
 * Invariant: entries from head to tail are increasing in (tick, order).
 */
const COMPACT_MIN = 4096;

export class EventRun<T> {
  private ticks: number[] = [];
  private orders: number[] = [];
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  accepts(tick: number, order: number): boolean {
    const n = this.items.length;
    if (n === this.head) return true;
    const t = this.ticks[n - 1];
    return tick > t || (tick === t && order > this.orders[n - 1]);
  }

  append(tick: number, order: number, item: T): void {
    if (this.head === this.items.length && this.head > 0) this.clear();
    this.ticks.push(tick);
    this.orders.push(order);
    this.items.push(item);
  }

  topTick(): number {
    return this.head === this.items.length ? Infinity : this.ticks[this.head];
  }

  topOrder(): number {
    return this.head === this.items.length ? Infinity : this.orders[this.head];
  }

  top(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) this.clear();
    else if (this.head >= COMPACT_MIN && this.head * 2 >= this.items.length) this.compact();
    return item;
  }

  /** Drop the taken head (a run fed and drained at once never empties). */
  private compact(): void {
    const h = this.head;
    this.ticks.splice(0, h);
    this.orders.splice(0, h);
    this.items.splice(0, h);
    this.head = 0;
  }

  private clear(): void {
    this.ticks.length = 0;
    this.orders.length = 0;
    this.items.length = 0;
    this.head = 0;
  }
}
