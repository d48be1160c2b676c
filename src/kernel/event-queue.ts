/**
 * EventQueue: the kernel's one queue of future work, ordered by (tick,
 * key, seq): a calendar ring of per-tick buckets for the near future and a
 * binary heap (event-heap.ts) for the rest.
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
 * Why two parts: most pushes are for now + a few ticks (a CPU's next turn),
 * while a workload may queue 10^5 arrivals far ahead; in one heap every CPU
 * turn paid log(10^5). An entry whose tick is within WINDOW ticks of the
 * last popped tick goes to the ring (bucket tick mod WINDOW, a linked list
 * kept sorted by key*2^32+seq: an append when keys are 0), the others to the
 * far part. The far part is a FIFO run (event-run.ts) while far entries
 * come in (tick, order) order, as arrivals queued up front do, and a heap
 * for the others. Entries never move between the parts; pop takes the least
 * of the ring's first entry, the run's first and the heap's top by (tick,
 * key, seq), so the order is exactly the one a single heap gives
 * (test/kernel/event-queue.test.ts compares them on random pushes).
 *
 * Invariants: ticks never go backwards: pushing a tick earlier than the last
 * popped one is a bug (panic). Every ring entry's tick is in [lastPopped,
 * lastPopped + WINDOW), so a bucket holds one tick; no ring entry is before
 * `cursor` (the scan for the first entry starts at max(cursor, lastPopped)).
 */
import { panic } from './panic.ts';
import { EventHeap } from './event-heap.ts';
import { EventRun } from './event-run.ts';

const WINDOW = 1024;
const MASK = WINDOW - 1;
const NONE = -1;

export class EventQueue<T> {
  private readonly far = new EventHeap<T>();
  /** Far entries pushed in (tick, order) order, such as arrivals queued up front: a FIFO. */
  private readonly run = new EventRun<T>();
  /** First and last node of each bucket, NONE when empty. */
  private readonly first = new Int32Array(WINDOW).fill(NONE);
  private readonly last = new Int32Array(WINDOW).fill(NONE);
  /** Ring nodes, pooled: next node in the bucket (or in the free list), order, item. */
  private nodeNext = new Int32Array(64);
  private nodeOrder = new Float64Array(64);
  private nodeItem: (T | undefined)[] = new Array<T | undefined>(64).fill(undefined);
  private nodesMade = 0;
  private free = NONE;
  /** Entries in the ring. */
  private near = 0;
  /** No ring entry has a tick before this one. */
  private cursor = 0;
  private seq = 0;
  private lastPopped = 0;
  /** The tick of the first far entry (run or heap), Infinity when none: kept at every far push and pop. */
  private farNext = Infinity;

  get size(): number {
    return this.near + this.far.size + this.run.size;
  }

  peekTick(): number {
    const r = this.ringTick();
    const f = this.farNext;
    return r < f ? r : f;
  }

  peek(): T | undefined {
    const r = this.ringTick();
    if (this.ringFirst(r)) return this.nodeItem[this.first[r & MASK]];
    return this.runFirst() ? this.run.top() : this.far.top();
  }

  push(tick: number, item: T, key = 0): void {
    if (tick < this.lastPopped)
      panic('EventQueue.push', `tick ${tick} is before ${this.lastPopped}`);
    const order = key * 2 ** 32 + this.seq++;
    if (tick - this.lastPopped < WINDOW) this.ringInsert(tick, order, item);
    else {
      if (this.run.accepts(tick, order)) this.run.append(tick, order, item);
      else this.far.insert(tick, order, item);
      if (tick < this.farNext) this.farNext = tick;
    }
  }

  pop(): T | undefined {
    const r = this.ringTick();
    if (this.ringFirst(r)) {
      this.lastPopped = r;
      return this.ringTake(r & MASK);
    }
    const f = this.farNext;
    if (f === Infinity) return undefined;
    this.lastPopped = f;
    const item = this.runFirst() ? this.run.shift() : this.far.pop();
    const a = this.run.topTick();
    const b = this.far.topTick();
    this.farNext = a < b ? a : b;
    return item;
  }

  /** Is the run's first entry before the heap's top? */
  private runFirst(): boolean {
    const a = this.run.topTick();
    const b = this.far.topTick();
    return a < b || (a === b && a !== Infinity && this.run.topOrder() < this.far.topOrder());
  }

  /** The order of the first far entry. */
  private farOrder(): number {
    return this.runFirst() ? this.run.topOrder() : this.far.topOrder();
  }

  /** Is the ring's first entry (at tick r) before the heap's top? */
  private ringFirst(r: number): boolean {
    if (r === Infinity) return false;
    const f = this.farNext;
    return r < f || (r === f && this.nodeOrder[this.first[r & MASK]] < this.farOrder());
  }

  /** The tick of the ring's first entry (Infinity when the ring is empty); moves the cursor to it. */
  private ringTick(): number {
    if (this.near === 0) return Infinity;
    let c = this.cursor < this.lastPopped ? this.lastPopped : this.cursor;
    while (this.first[c & MASK] === NONE) c++;
    this.cursor = c;
    return c;
  }

  private ringInsert(tick: number, order: number, item: T): void {
    if (this.near === 0 || tick < this.cursor) this.cursor = tick;
    this.near++;
    const n = this.newNode(order, item);
    const slot = tick & MASK;
    const tail = this.last[slot];
    if (tail === NONE) {
      this.first[slot] = n;
      this.last[slot] = n;
    } else if (this.nodeOrder[tail] < order) {
      this.nodeNext[tail] = n;
      this.last[slot] = n;
    } else this.insertSorted(slot, n, order);
  }

  /** A node whose order is not the bucket's greatest (a schedule key): walk to its place. */
  private insertSorted(slot: number, n: number, order: number): void {
    let prev = NONE;
    let cur = this.first[slot];
    while (cur !== NONE && this.nodeOrder[cur] < order) {
      prev = cur;
      cur = this.nodeNext[cur]!;
    }
    this.nodeNext[n] = cur;
    if (prev === NONE) this.first[slot] = n;
    else this.nodeNext[prev] = n;
    if (cur === NONE) this.last[slot] = n;
  }

  private ringTake(slot: number): T {
    const n = this.first[slot];
    const next = this.nodeNext[n];
    this.first[slot] = next;
    if (next === NONE) this.last[slot] = NONE;
    const item = this.nodeItem[n] as T;
    this.nodeItem[n] = undefined;
    this.nodeNext[n] = this.free;
    this.free = n;
    this.near--;
    return item;
  }

  private newNode(order: number, item: T): number {
    let n = this.free;
    if (n !== NONE) this.free = this.nodeNext[n]!;
    else {
      n = this.nodesMade++;
      if (n === this.nodeNext.length) this.growNodes();
    }
    this.nodeNext[n] = NONE;
    this.nodeOrder[n] = order;
    this.nodeItem[n] = item;
    return n;
  }

  private growNodes(): void {
    const size = this.nodeNext.length * 2;
    const next = new Int32Array(size);
    next.set(this.nodeNext);
    const order = new Float64Array(size);
    order.set(this.nodeOrder);
    this.nodeNext = next;
    this.nodeOrder = order;
    for (let i = this.nodeItem.length; i < size; i++) this.nodeItem.push(undefined);
  }
}
