/**
 * EventQueue: the kernel's one queue of future work, ordered by (tick,
 * key, seq): a binary min-heap plus an in-order run.
 *
 * Interface: `push(tick, item, key = 0)` returns nothing; `peekTick()` is the tick of
 * the earliest entry (Infinity when empty); `pop()` removes and returns it;
 * `peek()` returns it; `size`.
 * `seq` is assigned at push, so entries at the same tick come out in the
 * order they were pushed: the order is a pure function of the pushes, which
 * is what makes runs replay exactly. A `key` (0 .. 2^20-1, drawn by a
 * schedule, src/kernel/schedule.ts) orders same-tick entries before the push
 * order does; with every key 0 the order is the push order.
 *
 * Two parts: an entry that sorts after the last entry of the run (or finds
 * the run empty) is appended to the run, a FIFO that is sorted by
 * construction; any other goes to the heap. Entries never move between the
 * parts, and pop takes the lesser of the run's first entry and the heap's
 * top, so the order is exactly the one a single heap gives
 * (test/kernel/event-queue.test.ts compares it with a brute-force order).
 * Why: a workload that queues 10^5 arrivals up front (in tick order) put
 * them all in the heap, so every CPU turn at now + 1 paid a sift through
 * log(10^5) levels; now the arrivals sit in the run and the heap holds the
 * few near entries. (A calendar ring for the near entries was tried and
 * cost more instructions in situ: docs/BENCHMARKS.md.)
 *
 * Invariants: ticks never go backwards: pushing a tick earlier than the last
 * popped one is a bug (panic). The run is sorted by (tick, key*2^32 + seq);
 * its slots before `runHead` are empty (undefined items), so a popped item
 * is not kept reachable.
 */
import { panic } from './panic.ts';

function less(t1: number, s1: number, t2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && s1 < s2);
}

/** The run's consumed prefix is dropped (copied down) once it is this long and half the run. */
const RUN_COMPACT = 4096;
/** A compacted run's arrays are cut to its live entries only above this many slots (see runCompact). */
const RUN_SHRINK = 65536;

export class EventQueue<T> {
  private ticks: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  /** The run: entries in (tick, seq) order, live from runHead to runTail. */
  private runTicks: number[] = [];
  private runSeqs: number[] = [];
  private runItems: (T | undefined)[] = [];
  private runHead = 0;
  private runTail = 0;
  private seq = 0;
  private lastPopped = 0;

  get size(): number {
    return this.items.length + this.runTail - this.runHead;
  }

  peekTick(): number {
    const h = this.items.length === 0 ? Infinity : this.ticks[0];
    const r = this.runHead === this.runTail ? Infinity : this.runTicks[this.runHead];
    return r < h ? r : h;
  }

  peek(): T | undefined {
    return this.runFirst() ? this.runItems[this.runHead] : this.items[0];
  }

  push(tick: number, item: T, key = 0): void {
    if (tick < this.lastPopped)
      panic('EventQueue.push', `tick ${tick} is before ${this.lastPopped}`);
    const seq = key * 2 ** 32 + this.seq++;
    const last = this.runTail - 1;
    if (last < this.runHead || !less(tick, seq, this.runTicks[last], this.runSeqs[last]))
      this.runAppend(tick, seq, item);
    else this.heapPush(tick, seq, item);
  }

  pop(): T | undefined {
    if (this.runFirst()) return this.runShift();
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

  /** Whether the earliest entry is the run's first (the run is not empty and its head sorts first). */
  private runFirst(): boolean {
    const h = this.runHead;
    if (h === this.runTail) return false;
    return (
      this.items.length === 0 ||
      less(this.runTicks[h], this.runSeqs[h], this.ticks[0], this.seqs[0])
    );
  }

  private runAppend(tick: number, seq: number, item: T): void {
    const i = this.runTail++;
    if (i < this.runTicks.length) {
      this.runTicks[i] = tick;
      this.runSeqs[i] = seq;
      this.runItems[i] = item;
    } else {
      this.runTicks.push(tick);
      this.runSeqs.push(seq);
      this.runItems.push(item);
    }
  }

  private runShift(): T {
    const h = this.runHead;
    const item = this.runItems[h]!;
    this.lastPopped = this.runTicks[h];
    this.runItems[h] = undefined;
    this.runHead = h + 1;
    if (this.runHead === this.runTail) this.runHead = this.runTail = 0;
    else if (this.runHead >= RUN_COMPACT && this.runHead * 2 >= this.runTail) this.runCompact();
    return item;
  }

  /**
   * Drop the consumed prefix: the live entries move to the front. The
   * arrays keep their length (the slots past the live entries are reused by
   * later appends, their items cleared), unless they hold over RUN_SHRINK
   * slots, 4 for each live entry: a run that works as a short FIFO of CPU
   * turns compacts every RUN_COMPACT pops, and cutting the arrays then made
   * V8 grow them again from a few slots, about 230 B of copies per call of
   * the peer workload.
   */
  private runCompact(): void {
    const h = this.runHead;
    const tail = this.runTail;
    const n = tail - h;
    // A plain loop: Array.prototype.copyWithin takes V8's generic per-element path.
    for (let i = 0; i < n; i++) {
      this.runTicks[i] = this.runTicks[h + i];
      this.runSeqs[i] = this.runSeqs[h + i];
      this.runItems[i] = this.runItems[h + i];
    }
    if (this.runItems.length > RUN_SHRINK && n * 4 < this.runItems.length)
      this.runTicks.length = this.runSeqs.length = this.runItems.length = n;
    else for (let i = n; i < tail; i++) this.runItems[i] = undefined;
    this.runHead = 0;
    this.runTail = n;
  }

  private heapPush(tick: number, seq: number, item: T): void {
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
