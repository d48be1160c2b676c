/**
 * CachedBlock: one block as a file cache holds it, with the state its
 * concurrent users coordinate on.
 *
 * Phases:
 *   loading   a miss is reading it from the device; readers wait on `queue`;
 *             a write may already replace its data (the loader then keeps it)
 *   resident  in the cache, in the replacement structure, counted against
 *             capacity
 *   evicting  chosen as a victim, out of the replacement structure, being
 *             written back; still readable, and a write rescues it (back to
 *             resident)
 *
 * `version` counts writes, so an I/O that began before a write can tell
 * its data is stale: a load keeps a newer write, a write-back of an older
 * version leaves the block dirty. `writing` serialises write-backs of the
 * block (one at a time, so the device sees its versions in order).
 * `referenced` is the CLOCK reference bit (unused by LRU).
 */
import { WaitQueue } from '../kernel/index.ts';
import type { CachedBlockState } from './cached-blocks-state.ts';

export type CachedBlockPhase = 'loading' | 'resident' | 'evicting';

export class CachedBlock {
  data = '';
  dirty = false;
  version = 0;
  writing = false;
  referenced = false;
  private waiters: WaitQueue | null = null;

  constructor(
    readonly key: string,
    readonly file: string,
    readonly block: number,
    public phase: CachedBlockPhase,
  ) {}

  /** Threads waiting for this block's load or write-back to finish. */
  get queue(): WaitQueue {
    return (this.waiters ??= new WaitQueue(`block ${this.file}:${this.block}`));
  }

  get hasWaiters(): boolean {
    return this.waiters !== null && this.waiters.size > 0;
  }

  toState(): CachedBlockState {
    return { file: this.file, block: this.block, data: this.data, dirty: this.dirty };
  }
}
