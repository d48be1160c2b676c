/**
 * CpuActivations: the activations counted on one CPU, oldest first, with the
 * oldest live one found in O(1) amortised. The oracle's exact view of a CPU:
 * a request with watermark w is met on this CPU once `oldestSeq() >= w`.
 *
 * Interface: `add(slot)` (seq ascending), `retire(slot)` (it was uncounted),
 * `oldestSeq()` (Infinity when none live), `live` (count), `aliveBelow(w)`
 * and `liveSlots()` (in counting order).
 *
 * Invariants: `slots[head..]` holds every live slot of this CPU in seq order,
 * plus at most `dead` retired ones; retired slots are dropped as the head
 * passes them, and all at once (compaction) when they outnumber the live
 * ones by more than COMPACT_SLACK, so memory stays O(live) and each slot is
 * visited O(1) times amortised. `steps` counts every slot visited (the work
 * measure of test/quiescence/quiescence-scaling.test.ts).
 *
 * K42 counterpart: none; K42 keeps only counts. This is the oracle's part.
 */
import type { CountSlot } from './count-slot.ts';

const COMPACT_SLACK = 1024;

export class CpuActivations {
  private slots: CountSlot[] = [];
  private head = 0;
  /** Retired slots still in `slots[head..]`. */
  private dead = 0;
  live = 0;
  steps = 0;

  add(slot: CountSlot): void {
    this.slots.push(slot);
    this.live++;
  }

  retire(slot: CountSlot): void {
    slot.alive = false;
    this.live--;
    this.dead++;
    this.skipDead();
    if (this.dead > COMPACT_SLACK && this.dead > this.live) this.compact();
  }

  /** Activation number of the oldest live slot; Infinity when none is live. */
  oldestSeq(): number {
    return this.head < this.slots.length ? this.slots[this.head].seq : Infinity;
  }

  /** Live slots counted before watermark `w`, oldest first. */
  *aliveBelow(w: number): Generator<CountSlot> {
    for (let i = this.head; i < this.slots.length && this.slots[i].seq < w; i++) {
      if (this.slots[i].alive) yield this.slots[i];
    }
  }

  *liveSlots(): Generator<CountSlot> {
    yield* this.aliveBelow(Infinity);
  }

  private skipDead(): void {
    const s = this.slots;
    while (this.head < s.length && !s[this.head].alive) {
      this.head++;
      this.dead--;
      this.steps++;
    }
    if (this.head === s.length) {
      this.slots = [];
      this.head = 0;
    } else if (this.head > COMPACT_SLACK && this.head * 2 > s.length) {
      this.slots = s.slice(this.head);
      this.steps += this.slots.length;
      this.head = 0;
    }
  }

  private compact(): void {
    const kept: CountSlot[] = [];
    for (let i = this.head; i < this.slots.length; i++) {
      if (this.slots[i].alive) kept.push(this.slots[i]);
    }
    this.steps += this.slots.length - this.head;
    this.slots = kept;
    this.head = 0;
    this.dead = 0;
  }
}
