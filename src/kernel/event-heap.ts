/**
 * EventHeap: a binary min-heap over parallel arrays, ordered by (tick,
 * order). It is the far part of the kernel's EventQueue (event-queue.ts),
 * which assigns each entry its `order` (schedule key, then push sequence);
 * the heap itself assigns nothing, so the same entries pop in the same order
 * wherever they are kept.
 *
 * Interface: `insert(tick, order, item)`; `topTick()` (Infinity when empty)
 * and `topOrder()` of the least entry; `pop()` removes and returns its item;
 * `top()` returns it; `size`.
 *
 * Invariant: every parent is <= its children by (tick, order); `order` values
 * are distinct, so the order of pops is a pure function of the inserts.
 */
function less(t1: number, s1: number, t2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && s1 < s2);
}

export class EventHeap<T> {
  private ticks: number[] = [];
  private orders: number[] = [];
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  topTick(): number {
    return this.items.length === 0 ? Infinity : this.ticks[0];
  }

  topOrder(): number {
    return this.items.length === 0 ? Infinity : this.orders[0];
  }

  top(): T | undefined {
    return this.items[0];
  }

  insert(tick: number, order: number, item: T): void {
    let i = this.items.length;
    this.ticks.push(tick);
    this.orders.push(order);
    this.items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(tick, order, this.ticks[p], this.orders[p])) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, tick, order, item);
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    const tick = this.ticks.pop()!;
    const order = this.orders.pop()!;
    const item = this.items.pop()!;
    if (n > 1) this.siftDown(tick, order, item);
    return top;
  }

  private siftDown(tick: number, order: number, item: T): void {
    const n = this.items.length;
    const ticks = this.ticks;
    const orders = this.orders;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(ticks[r], orders[r], ticks[l], orders[l]) ? r : l;
      if (!less(ticks[c], orders[c], tick, order)) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, tick, order, item);
  }

  private move(from: number, to: number): void {
    this.ticks[to] = this.ticks[from]!;
    this.orders[to] = this.orders[from]!;
    this.items[to] = this.items[from]!;
  }

  private set(i: number, tick: number, order: number, item: T): void {
    this.ticks[i] = tick;
    this.orders[i] = order;
    this.items[i] = item;
  }
}
