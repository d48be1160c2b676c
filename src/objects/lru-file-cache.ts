/**
 * LruFileCache: a write-back FileCache that evicts the least recently used
 * block (a read hit or a write makes a block most recent).
 *
 * Construction (through the table, so the composition root injects it):
 *   sim.provide(BLOCK_DEVICE, sim.objects.create(BlockDevice));
 *   const cache = sim.objects.create(LruFileCache, { capacityBlocks: 8 });
 * The device ref comes from BLOCK_DEVICE, the options (FileCacheOptions)
 * from OBJECT_ARGS, i.e. the create() arguments.
 *
 * State: the resident blocks in a Map kept in recency order (first = least
 * recent = next victim). Reads, writes, eviction with write-back of dirty
 * victims, flush and the 'blocks' transfer are BlockCache's.
 *
 * K42 counterpart: the FCM (file cache manager) of a file, here with one
 * shared structure; ClockFileCache is its swappable alternative.
 */
import { inject, injectable, optional } from 'inversify';
import type { ObjectRef } from '../translation-table/index.ts';
import { BlockCache } from './block-cache.ts';
import type { BlockDevice } from './block-device.ts';
import type { CachedBlock } from './cached-block.ts';
import { BLOCK_DEVICE, OBJECT_ARGS } from './tokens.ts';

@injectable()
export class LruFileCache extends BlockCache {
  /** Resident blocks, least recently used first. */
  private readonly lru = new Map<string, CachedBlock>();

  constructor(
    @inject(BLOCK_DEVICE) @optional() device: ObjectRef<BlockDevice> | undefined,
    @inject(OBJECT_ARGS) args: readonly unknown[],
  ) {
    super('LruFileCache', device, args);
  }

  protected _admit(b: CachedBlock): void {
    this.lru.set(b.key, b);
  }

  protected _touch(b: CachedBlock): void {
    this.lru.delete(b.key);
    this.lru.set(b.key, b);
  }

  protected _victim(): CachedBlock | undefined {
    for (const b of this.lru.values()) {
      this.lru.delete(b.key);
      return b;
    }
    return undefined;
  }

  protected _remove(b: CachedBlock): void {
    this.lru.delete(b.key);
  }

  protected _ordered(): CachedBlock[] {
    return [...this.lru.values()];
  }
}
