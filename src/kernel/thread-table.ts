/**
 * ThreadTable: the kernel's live threads by id, a dense array instead of a
 * Map (the kernel's `threads`).
 *
 * Interface: a ReadonlyMap<ThreadId, Thread> (get, has, size, keys, values,
 * entries, forEach, iteration in id order, which is spawn order, as the Map's
 * insertion order was) plus `add(thread)` and `delete(id)` for the kernel.
 *
 * Why: the dispatcher turns the id the policy picked into its Thread on
 * every dispatch; with 10^5 live threads a Map probe is a hash and, mostly,
 * a cache miss into a 3 MB table, where the slot of a dense array is one
 * load, and consecutive ids (the order round robin runs them in) sit side
 * by side. Ids are handed out in increasing order, so the array is a window
 * from the oldest live id to the newest: `base` is the id of slot 0, and
 * the slots of exited threads at the front are dropped (copied down) once
 * they are many and half the array. A long-lived thread would hold the
 * window open behind it (one slot per id spawned since): when the window is
 * large and under a quarter full, the live threads of its older half move
 * to `overflow`, a Map below the window, and the window's front is dropped.
 * So the slots stay within about 4x the live threads (plus 8,192), each
 * thread moves at most once, and a dispatch of a moved thread is a Map probe.
 *
 * Invariants: ids are added in increasing order (panic otherwise); a live
 * thread is in exactly one of its window slot and `overflow`, whose ids are
 * all below the window's and were inserted in increasing order; `size`
 * counts both.
 */
import type { Thread, ThreadId } from './thread.ts';
import { panic } from './panic.ts';

/** The empty prefix is dropped once it is this many slots and half the array. */
const COMPACT_SLOTS = 1024;
/** A window at least this long and under a quarter full moves its older half's threads to the overflow. */
const SPARSE_SLOTS = 8192;

export class ThreadTable implements ReadonlyMap<ThreadId, Thread> {
  private slots: (Thread | undefined)[] = [];
  /** The id of slots[0]. */
  private base = 1;
  /** Leading empty slots (exited threads not yet dropped). */
  private head = 0;
  private count = 0;
  /** Live threads moved out of the window's front (older ids), or null. */
  private overflow: Map<ThreadId, Thread> | null = null;

  get size(): number {
    return this.count;
  }

  get(id: ThreadId): Thread | undefined {
    const i = id - this.base;
    if (i >= this.head && i < this.slots.length) return this.slots[i];
    return this.overflow === null ? undefined : this.overflow.get(id);
  }

  /** Slots the window holds (for tests and memory reports). */
  get windowSlots(): number {
    return this.slots.length - this.head;
  }

  has(id: ThreadId): boolean {
    return this.get(id) !== undefined;
  }

  /** Add a new thread; its id is above every id added before. */
  add(t: Thread): void {
    if (this.count === 0) {
      // Empty: restart the window at this id (no slots to keep).
      this.slots.length = 0;
      this.overflow = null;
      this.base = t.id;
      this.head = 0;
    }
    const i = t.id - this.base;
    if (i < this.slots.length)
      panic(
        'ThreadTable.add',
        `thread ${t.id} is not above the newest id ${this.base + this.slots.length - 1}`,
      );
    while (this.slots.length < i) this.slots.push(undefined);
    this.slots.push(t);
    this.count++;
  }

  delete(id: ThreadId): boolean {
    const i = id - this.base;
    if (i < this.head || i >= this.slots.length || this.slots[i] === undefined)
      return this.deleteOverflow(id);
    this.slots[i] = undefined;
    this.count--;
    if (i === this.head) this.dropFront();
    const window = this.slots.length - this.head;
    if (window >= SPARSE_SLOTS && (this.count - (this.overflow?.size ?? 0)) * 4 < window)
      this.evictFront();
    return true;
  }

  private deleteOverflow(id: ThreadId): boolean {
    if (this.overflow === null || !this.overflow.delete(id)) return false;
    this.count--;
    if (this.overflow.size === 0) this.overflow = null;
    return true;
  }

  /** Move the live threads of the window's older half to the overflow, then drop that half. */
  private evictFront(): void {
    const s = this.slots;
    const mid = this.head + ((s.length - this.head) >> 1);
    this.overflow ??= new Map();
    for (let i = this.head; i < mid; i++) {
      const t = s[i];
      if (t === undefined) continue;
      this.overflow.set(t.id, t);
      s[i] = undefined;
    }
    this.head = mid;
    this.dropFront();
  }

  private dropFront(): void {
    const s = this.slots;
    let h = this.head;
    while (h < s.length && s[h] === undefined) h++;
    this.head = h;
    if (h >= COMPACT_SLOTS && h * 2 >= s.length) {
      const n = s.length - h;
      for (let i = 0; i < n; i++) s[i] = s[h + i]; // copyWithin is V8's generic per-element path
      s.length = n;
      this.base += h;
      this.head = 0;
    }
  }

  /** In id order; by id, not slot, so a thread added or dropped while iterating is handled as a Map would. */
  *entries(): MapIterator<[ThreadId, Thread]> {
    // The overflow's ids are below the window's; one moved there while the
    // loop below runs is still found by get(id).
    if (this.overflow !== null) yield* this.overflow.entries();
    for (let id = this.base + this.head; id < this.base + this.slots.length; id++) {
      const t = this.get(id);
      if (t !== undefined) yield [id, t];
    }
  }

  *keys(): MapIterator<ThreadId> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<Thread> {
    for (const [, t] of this.entries()) yield t;
  }

  [Symbol.iterator](): MapIterator<[ThreadId, Thread]> {
    return this.entries();
  }

  forEach(fn: (t: Thread, id: ThreadId, table: ReadonlyMap<ThreadId, Thread>) => void): void {
    for (const [id, t] of this.entries()) fn(t, id, this);
  }
}
