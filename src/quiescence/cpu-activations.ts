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
 * counted with, reused in place (an empty CPU starts again at index 0,
 * compaction moves entries down); no object and no array per activation. An entry is live exactly when its
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
  /** Entries are `[head, tail)`; slots outside it are free (threads cleared), reused in place. */
  private readonly threads: (Thread | undefined)[] = [];
  private readonly seqs: number[] = [];
  private head = 0;
  private tail = 0;
  /** Retired entries still in `[head, tail)`. */
  private dead = 0;
  live = 0;
  steps = 0;

  add(thread: Thread): void {
    const i = this.tail++;
    if (i < this.seqs.length) {
      this.threads[i] = thread;
      this.seqs[i] = thread.countSeq;
    } else {
      this.threads.push(thread);
      this.seqs.push(thread.countSeq);
    }
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
    return this.head < this.tail ? this.seqs[this.head] : Infinity;
  }

  /** Threads counted here before watermark `w` and still counted, oldest first. */
  *aliveBelow(w: number): Generator<Thread> {
    for (let i = this.head; i < this.tail && this.seqs[i] < w; i++) {
      if (this.alive(i)) yield this.threads[i]!;
    }
  }

  *liveThreads(): Generator<Thread> {
    yield* this.aliveBelow(Infinity);
  }

  private alive(i: number): boolean {
    return this.threads[i]!.countSeq === this.seqs[i];
  }

  private skipDead(): void {
    while (this.head < this.tail && !this.alive(this.head)) {
      this.threads[this.head++] = undefined; // an exited thread is not kept reachable from here
      this.dead--;
      this.steps++;
    }
    if (this.head === this.tail) {
      this.head = this.tail = 0; // empty: the arrays are reused from the start
    } else if (this.head > COMPACT_SLACK && this.head * 2 > this.tail) {
      this.steps += this.tail - this.head;
      this.moveTo(0, (i) => i >= this.head);
    }
  }

  private compact(): void {
    this.steps += this.tail - this.head;
    this.moveTo(0, (i) => this.alive(i));
    this.dead = 0;
  }

  /** Move the entries of `[head, tail)` that `keep` accepts to `at..`, in order, in place. */
  private moveTo(at: number, keep: (i: number) => boolean): void {
    let to = at;
    for (let i = this.head; i < this.tail; i++) {
      if (!keep(i)) continue;
      this.threads[to] = this.threads[i];
      this.seqs[to++] = this.seqs[i];
    }
    for (let i = to; i < this.tail; i++) this.threads[i] = undefined;
    this.head = at;
    this.tail = to;
  }
}
