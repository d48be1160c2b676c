/**
 * CpuActivations: the activations counted on one CPU, oldest first, with the
 * oldest live one found in O(1) amortised. The oracle's exact view of a CPU:
 * a request with watermark w is met on this CPU once `oldestSeq() >= w`.
 *
 * Interface: `add(thread)` (its `countSeq` set, ascending), `retire()` (a
 * thread counted here was uncounted: its `countSeq` already cleared),
 * `oldestSeq()` (Infinity when none live), `live` (count), `aliveBelow(w)`
 * and `liveThreads()` (in counting order).
 *
 * Storage: two parallel arrays, the thread and the activation number it was
 * counted with; no object per activation. An entry is live exactly when its
 * thread's `countSeq` still equals the entry's number (a thread uncounted
 * and counted again gets a new number, so its old entry is dead).
 *
 * Invariants: `threads[head..]` holds every live activation of this CPU in
 * seq order, plus at most `dead` retired ones; retired entries are dropped as
 * the head passes them, and all at once (compaction) when they outnumber the
 * live ones by more than COMPACT_SLACK, so memory stays O(live) and each
 * entry is visited O(1) times amortised. `steps` counts every entry visited
 * (the work measure of test/quiescence/quiescence-scaling.test.ts).
 *
 * K42 counterpart: none; K42 keeps only counts. This is the oracle's part.
 */
import type { Thread } from '../kernel/index.ts';

const COMPACT_SLACK = 1024;

export class CpuActivations {
  private threads: Thread[] = [];
  private seqs: number[] = [];
  private head = 0;
  /** Retired entries still in `threads[head..]`. */
  private dead = 0;
  live = 0;
  steps = 0;

  add(thread: Thread): void {
    this.threads.push(thread);
    this.seqs.push(thread.countSeq);
    this.live++;
  }

  retire(): void {
    this.live--;
    this.dead++;
    this.skipDead();
    if (this.dead > COMPACT_SLACK && this.dead > this.live) this.compact();
  }

  /** Activation number of the oldest live entry; Infinity when none is live. */
  oldestSeq(): number {
    return this.head < this.seqs.length ? this.seqs[this.head] : Infinity;
  }

  /** Threads counted here before watermark `w` and still counted, oldest first. */
  *aliveBelow(w: number): Generator<Thread> {
    for (let i = this.head; i < this.seqs.length && this.seqs[i] < w; i++) {
      if (this.alive(i)) yield this.threads[i];
    }
  }

  *liveThreads(): Generator<Thread> {
    yield* this.aliveBelow(Infinity);
  }

  private alive(i: number): boolean {
    return this.threads[i].countSeq === this.seqs[i];
  }

  private skipDead(): void {
    while (this.head < this.seqs.length && !this.alive(this.head)) {
      this.head++;
      this.dead--;
      this.steps++;
    }
    if (this.head === this.seqs.length) {
      // empty: reuse the arrays (no allocation when a CPU drains and fills again)
      this.threads.length = 0;
      this.seqs.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_SLACK && this.head * 2 > this.seqs.length) {
      this.threads = this.threads.slice(this.head);
      this.seqs = this.seqs.slice(this.head);
      this.steps += this.seqs.length;
      this.head = 0;
    }
  }

  private compact(): void {
    const threads: Thread[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.seqs.length; i++) {
      if (!this.alive(i)) continue;
      threads.push(this.threads[i]);
      seqs.push(this.seqs[i]);
    }
    this.steps += this.seqs.length - this.head;
    this.threads = threads;
    this.seqs = seqs;
    this.head = 0;
    this.dead = 0;
  }
}
