/**
 * EventQueue: the kernel's one queue of future work, a binary min-heap
 * ordered by (tick, seq).
 *
 * Interface: `push(tick, item, key = 0)` returns nothing; `peekTick()` is the tick of
 * the earliest entry (Infinity when empty); `pop()` removes and returns it.
 * `seq` is assigned at push, so entries at the same tick come out in the
 * order they were pushed: the order is a pure function of the pushes, which
 * is what makes runs replay exactly. A `key` (0 .. 2^20-1, drawn by a
 * schedule, src/kernel/schedule.ts) orders same-tick entries before the push
 * order does; with every key 0 the order is the push order.
 *
 * Invariant: ticks never go backwards: pushing a tick earlier than the last
 * popped one is a bug (panic).
 */
import { panic } from './panic.ts';

function less(t1: number, s1: number, t2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && s1 < s2);
}

export class EventQueue<T> {
  private ticks: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;
  private lastPopped = 0;

  get size(): number {
    return this.items.length;
  }

  peekTick(): number {
    return this.items.length === 0 ? Infinity : this.ticks[0];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(tick: number, item: T, key = 0): void {
    if (tick < this.lastPopped)
      panic('EventQueue.push', `tick ${tick} is before ${this.lastPopped}`);
    const seq = key * 2 ** 32 + this.seq++;
    let i = this.items.length;
    this.ticks.push(tick);
    this.seqs.push(seq);
    this.items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(tick, seq, this.ticks[p], this.seqs[p])) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, tick, seq, item);
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    this.lastPopped = this.ticks[0]!;
    const tick = this.ticks.pop()!;
    const seq = this.seqs.pop()!;
    const item = this.items.pop()!;
    if (n > 1) this.siftDown(tick, seq, item);
    return top;
  }

  private siftDown(tick: number, seq: number, item: T): void {
    const n = this.items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(this.ticks[r], this.seqs[r], this.ticks[l], this.seqs[l]) ? r : l;
      if (!less(this.ticks[c], this.seqs[c], tick, seq)) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, tick, seq, item);
  }

  private move(from: number, to: number): void {
    this.ticks[to] = this.ticks[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from]!;
  }

  private set(i: number, tick: number, seq: number, item: T): void {
    this.ticks[i] = tick;
    this.seqs[i] = seq;
    this.items[i] = item;
  }
}
