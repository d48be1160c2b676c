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
 * they are many and half the array. Memory: one 8-byte slot per id between
 * the oldest live thread and the newest (a long-lived thread among
 * millions of short ones keeps their slots: 8 B each, against about 30 B
 * per live entry in a Map).
 *
 * Invariants: ids are added in increasing order (panic otherwise); a slot
 * holds its thread exactly while it is live; `size` counts the filled slots.
 */
import type { Thread, ThreadId } from './thread.ts';
import { panic } from './panic.ts';

/** The empty prefix is dropped once it is this many slots and half the array. */
const COMPACT_SLOTS = 1024;

export class ThreadTable implements ReadonlyMap<ThreadId, Thread> {
  private slots: (Thread | undefined)[] = [];
  /** The id of slots[0]. */
  private base = 1;
  /** Leading empty slots (exited threads not yet dropped). */
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: ThreadId): Thread | undefined {
    const i = id - this.base;
    return i >= this.head && i < this.slots.length ? this.slots[i] : undefined;
  }

  has(id: ThreadId): boolean {
    return this.get(id) !== undefined;
  }

  /** Add a new thread; its id is above every id added before. */
  add(t: Thread): void {
    if (this.count === 0) {
      // Empty: restart the window at this id (no slots to keep).
      this.slots.length = 0;
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
    if (i < this.head || i >= this.slots.length || this.slots[i] === undefined) return false;
    this.slots[i] = undefined;
    this.count--;
    if (i === this.head) this.dropFront();
    return true;
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
