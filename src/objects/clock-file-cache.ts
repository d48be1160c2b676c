/**
 * ClockFileCache: a write-back FileCache with CLOCK (second-chance)
 * replacement: the resident blocks sit on a ring swept by a hand; a hit
 * sets a block's reference bit; the hand clears set bits as it passes and
 * evicts the first block whose bit is clear. Cheaper per hit than LRU (a
 * bit, no list move), close to it in effect. The swappable alternative to
 * LruFileCache: same interface, same 'blocks' transfer format.
 *
 * Construction: as LruFileCache (BLOCK_DEVICE injected, FileCacheOptions
 * from the create() arguments).
 *
 * State: `ring` (resident blocks) and `hand` (the next index examined). A
 * block is admitted with its bit clear just behind the hand, so it is
 * examined last. Eviction order for export: from the hand round the ring,
 * blocks with a clear bit first, then those with a set bit (the order the
 * hand would evict them if nothing were touched). Imported blocks keep the
 * exporter's order, bits clear, so the hand meets them least valued first.
 */
import { inject, injectable, optional } from 'inversify';
import type { ObjectRef } from '../translation-table/index.ts';
import { BlockCache } from './block-cache.ts';
import type { BlockDevice } from './block-device.ts';
import type { CachedBlock } from './cached-block.ts';
import { BLOCK_DEVICE, OBJECT_ARGS } from './tokens.ts';

@injectable()
export class ClockFileCache extends BlockCache {
  private readonly ring: CachedBlock[] = [];
  private hand = 0;

  constructor(
    @inject(BLOCK_DEVICE) @optional() device: ObjectRef<BlockDevice> | undefined,
    @inject(OBJECT_ARGS) args: readonly unknown[],
  ) {
    super('ClockFileCache', device, args);
  }

  protected _admit(b: CachedBlock): void {
    b.referenced = false;
    this.ring.splice(this.hand, 0, b);
    this.hand++;
  }

  protected _touch(b: CachedBlock): void {
    b.referenced = true;
  }

  protected _victim(): CachedBlock | undefined {
    const ring = this.ring;
    for (let swept = 0; ring.length > 0 && swept <= ring.length; swept++) {
      if (this.hand >= ring.length) this.hand = 0;
      const b = ring[this.hand];
      if (!b.referenced) return ring.splice(this.hand, 1)[0];
      b.referenced = false;
      this.hand++;
    }
    if (ring.length === 0) return undefined;
    if (this.hand >= ring.length) this.hand = 0;
    return ring.splice(this.hand, 1)[0];
  }

  protected _remove(b: CachedBlock): void {
    const i = this.ring.indexOf(b);
    if (i < 0) return;
    this.ring.splice(i, 1);
    if (i < this.hand) this.hand--;
  }

  protected _ordered(): CachedBlock[] {
    const fromHand = [...this.ring.slice(this.hand), ...this.ring.slice(0, this.hand)];
    return [...fromHand.filter((b) => !b.referenced), ...fromHand.filter((b) => b.referenced)];
  }
}
