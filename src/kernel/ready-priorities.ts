/**
 * ReadyPriorities: the ready threads' PCT priorities, answering "the
 * highest priority among the ready threads" in O(log n) amortized per
 * change instead of a scan per dispatch (src/kernel/schedule.ts).
 *
 *   add(id, priority)     id is ready (again) with this priority
 *   update(id, priority)  id's priority changed (a no-op unless it is ready)
 *   delete(id)            id is no longer ready
 *   has(id), size, ids()
 *   new ReadyPriorities(false)  the set alone, no heap (random): top() panics
 *   top()                 the highest priority among the ready ids, -1 when none
 *
 * A binary max-heap of (priority, id, stamp) entries with lazy deletion: an
 * entry is live while its id is ready and its stamp is the id's current one
 * (every add and update gives the id a new stamp, so older entries go
 * stale). top() pops stale entries off the root; when stale entries
 * outnumber live ones the heap is rebuilt from the live ones, so its size
 * stays within a constant factor of the ready set.
 *
 * Invariant: top() equals the maximum of the current priorities of the
 * ready ids, exactly what a scan over them gives (test/kernel/
 * ready-priorities.test.ts compares both over seeded runs). Only the value
 * is returned, never an id, so ties need no order. No K42 counterpart (a
 * testing scheduler's bookkeeping).
 */
import { panic } from './panic.ts';

export class ReadyPriorities {
  /** id -> the stamp of its live entry (present exactly while the id is ready). */
  private readonly stamps = new Map<number, number>();
  private prio: number[] = [];
  private idOf: number[] = [];
  private stampOf: number[] = [];
  private nextStamp = 0;

  /** ranked false: only the set (size, has, ids); top() is then never asked (random keeps no priorities). */
  constructor(private readonly ranked = true) {}

  get size(): number {
    return this.stamps.size;
  }

  /** The ready ids (for a reference scan in tests). */
  ids(): IterableIterator<number> {
    return this.stamps.keys();
  }

  has(id: number): boolean {
    return this.stamps.has(id);
  }

  add(id: number, priority: number): void {
    const stamp = this.nextStamp++;
    this.stamps.set(id, stamp);
    if (!this.ranked) return;
    this.push(priority, id, stamp);
    if (this.prio.length > 2 * this.stamps.size + 32) this.rebuild();
  }

  update(id: number, priority: number): void {
    if (this.stamps.has(id)) this.add(id, priority);
  }

  delete(id: number): void {
    this.stamps.delete(id);
  }

  top(): number {
    if (!this.ranked) panic('ReadyPriorities.top', 'this set keeps no priorities (ranked false)');
    while (this.prio.length > 0 && this.stamps.get(this.idOf[0]) !== this.stampOf[0]) this.pop();
    return this.prio.length === 0 ? -1 : this.prio[0];
  }

  /** Keep only the live entries (each id's newest), re-heaped. */
  private rebuild(): void {
    const { prio, idOf, stampOf } = this;
    this.prio = [];
    this.idOf = [];
    this.stampOf = [];
    for (let i = 0; i < prio.length; i++)
      if (this.stamps.get(idOf[i]) === stampOf[i]) this.push(prio[i], idOf[i], stampOf[i]);
  }

  private push(priority: number, id: number, stamp: number): void {
    let i = this.prio.length;
    this.prio.push(priority);
    this.idOf.push(id);
    this.stampOf.push(stamp);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.prio[parent] >= this.prio[i]) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private pop(): void {
    const last = this.prio.length - 1;
    this.swap(0, last);
    this.prio.pop();
    this.idOf.pop();
    this.stampOf.pop();
    const n = this.prio.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let big = i;
      if (l < n && this.prio[l] > this.prio[big]) big = l;
      if (r < n && this.prio[r] > this.prio[big]) big = r;
      if (big === i) return;
      this.swap(i, big);
      i = big;
    }
  }

  private swap(a: number, b: number): void {
    const { prio, idOf, stampOf } = this;
    const p = prio[a];
    prio[a] = prio[b];
    prio[b] = p;
    const id = idOf[a];
    idOf[a] = idOf[b];
    idOf[b] = id;
    const st = stampOf[a];
    stampOf[a] = stampOf[b];
    stampOf[b] = st;
  }
}
