/**
 * SlotColumns: the TimelineRecorder's columnar store (one number array per
 * field) with reusable slots, so a recorder that hands closed items to a
 * TimelineRetention (a streaming trace writer, the report's budget) holds
 * only what is open or kept, never one element per item of the run.
 *
 * Interface: `new SlotColumns(fields)`; `cols` (the arrays; write item i as
 * `cols.field[i] = v`); `alloc()` -> a slot (a released one first, else a
 * new one at the end); `release(i)`; `slots` (array length: the memory held);
 * `kept` (slots in use); `isKept(i)`; `before(a, b)` (a was allocated
 * before b, both kept); `snapshot(endTick, share, own)` -> plain columns of
 * the kept items in allocation order with open ends (NO_END) closed at
 * endTick, and `remap` (slot -> index in the snapshot, -1 if released).
 *
 * Invariants: a recorder that never releases gets slot i = the i-th item,
 * and its snapshot is the plain copy it always was (byte for byte, `share`
 * included); once anything was released, the snapshot is compacted, in
 * allocation order, so the same events give the same model.
 */
import { NO_END } from './swap-track.ts';

/** Empty columns for `fields`. */
export function columns<T>(fields: readonly (keyof T)[]): T {
  return Object.fromEntries(fields.map((f) => [f, []])) as T;
}

export class SlotColumns<T extends object> {
  readonly cols: T;
  /** Allocation number of each slot, -1 when released. */
  private readonly seq: number[] = [];
  private readonly free: number[] = [];
  private allocated = 0;
  private released = false;

  constructor(fields: readonly (keyof T)[]) {
    this.cols = columns<T>(fields);
  }

  alloc(): number {
    const i = this.free.length > 0 ? this.free.pop()! : this.seq.length;
    this.seq[i] = this.allocated++;
    return i;
  }

  release(i: number): void {
    if (this.seq[i] < 0) throw new Error(`SlotColumns.release: slot ${i} is already released`);
    this.seq[i] = -1;
    this.free.push(i);
    this.released = true;
  }

  get slots(): number {
    return this.seq.length;
  }

  get kept(): number {
    return this.seq.length - this.free.length;
  }

  isKept(i: number): boolean {
    return i >= 0 && i < this.seq.length && this.seq[i] >= 0;
  }

  /** Slot a was allocated before slot b (and is still kept). */
  before(a: number, b: number): boolean {
    return this.isKept(a) && this.seq[a] < this.seq[b];
  }

  /** The kept items as plain columns, in allocation order; see the header. */
  snapshot(endTick: number, share = false, own = ''): { columns: T; remap: Int32Array | null } {
    if (!this.released)
      return { columns: copyColumns(this.cols, endTick, share, own), remap: null };
    const order: number[] = [];
    for (let i = 0; i < this.seq.length; i++) if (this.seq[i] >= 0) order.push(i);
    order.sort((a, b) => this.seq[a] - this.seq[b]);
    const remap = new Int32Array(this.seq.length).fill(-1);
    order.forEach((slot, k) => (remap[slot] = k));
    const picked = Object.entries(this.cols).map(([key, values]: [string, number[]]) => {
      const col = order.map((i) => values[i]);
      return [key, key === 'end' ? col.map((e) => (e === NO_END ? endTick : e)) : col];
    });
    return { columns: Object.fromEntries(picked) as T, remap };
  }
}

/** Columns with open ends (NO_END in `end`) closed at endTick; copied, or with `share` only `end` and `own`. */
export function copyColumns<T extends object>(
  columns: T,
  endTick: number,
  share = false,
  own = '',
): T {
  const copy = Object.entries(columns).map(([key, values]: [string, number[]]) => {
    if (key === 'end') return [key, values.map((e) => (e === NO_END ? endTick : e))];
    return [key, share && key !== own ? values : [...values]];
  });
  return Object.fromEntries(copy) as T;
}
