/**
 * BlockCache: the mechanics every FileCache implementation shares (a
 * write-back block cache over a BlockDevice ref), leaving the replacement
 * policy to a subclass: LruFileCache, ClockFileCache.
 *
 * Interface: FileCache (read, write, flush, all generator methods: their
 * bodies run in the calling thread, and device I/O sleeps it); counters
 * (fields) hits, misses, evictions, writeBacks; getters residentBlocks,
 * dirtyBlocks, capacityBlocks.
 *
 * Replacement hooks a subclass implements (protected, '_'-prefixed so they
 * are not part of the swappable interface): _admit(b) a block became
 * resident; _touch(b) a hit on it; _victim() choose and remove the next
 * victim; _remove(b) take a given block out; _ordered() residents in
 * eviction order (next victim first).
 *
 * Concurrency (threads interleave at every yield; see CachedBlock):
 *   - a miss installs a 'loading' block first, so a second reader of the
 *     same block waits for the one device read instead of issuing another;
 *   - capacity counts resident blocks; after a block becomes resident the
 *     caller evicts until the count fits, writing back dirty victims itself
 *     (a victim being written back stays readable and a write rescues it);
 *   - write-backs of one block are serialised, so no older version can
 *     overwrite a newer one on the device, and flush() waits for any
 *     write-back already in flight.
 *
 * Transfer: exports and imports 'blocks' (CachedBlocksState) in eviction
 * order. Import keeps every dirty block even beyond capacity (they are
 * written back by later evictions or flush), and drops clean blocks from the
 * eviction end while over capacity. No write is lost across a swap.
 */
import { block as blockOn, wake, type Op } from '../kernel/index.ts';
import type { ObjectRef } from '../translation-table/index.ts';
import { blockKey, checkAddress } from './block-address.ts';
import type { BlockDevice } from './block-device.ts';
import { CachedBlock } from './cached-block.ts';
import type { CachedBlocksState } from './cached-blocks-state.ts';
import type { FileCache } from './file-cache.ts';
import { resolveFileCacheOptions } from './file-cache-options.ts';

const BLOCKS = 'blocks';

export abstract class BlockCache implements FileCache {
  readonly capacityBlocks: number;
  hits = 0;
  misses = 0;
  evictions = 0;
  writeBacks = 0;
  private readonly device: ObjectRef<BlockDevice>;
  /** Every block the cache knows, in any phase. */
  private readonly blocks = new Map<string, CachedBlock>();
  private resident = 0;

  constructor(
    private readonly cls: string,
    device: ObjectRef<BlockDevice> | undefined,
    args: readonly unknown[],
  ) {
    if (device === undefined) {
      throw new Error(
        `${cls}: no block device is bound; first do sim.provide(BLOCK_DEVICE, sim.objects.create(BlockDevice))`,
      );
    }
    this.device = device;
    this.capacityBlocks = resolveFileCacheOptions(cls, args).capacityBlocks;
  }

  protected abstract _admit(b: CachedBlock): void;
  protected abstract _touch(b: CachedBlock): void;
  protected abstract _victim(): CachedBlock | undefined;
  protected abstract _remove(b: CachedBlock): void;
  protected abstract _ordered(): CachedBlock[];

  get residentBlocks(): number {
    return this.resident;
  }

  get dirtyBlocks(): number {
    let n = 0;
    for (const b of this.blocks.values()) if (b.dirty) n++;
    return n;
  }

  *read(file: string, block: number): Op<string> {
    checkAddress(`${this.cls}.read`, file, block);
    const key = blockKey(file, block);
    for (;;) {
      const b = this.blocks.get(key);
      if (b === undefined) return yield* this.#load(key, file, block);
      if (b.phase === 'loading') {
        yield* blockOn(b.queue);
        continue;
      }
      this.hits++;
      if (b.phase === 'resident') this._touch(b);
      return b.data;
    }
  }

  *write(file: string, block: number, data: string): Op<void> {
    checkAddress(`${this.cls}.write`, file, block);
    if (typeof data !== 'string')
      throw new TypeError(`${this.cls}.write: data must be a string, got ${typeof data}`);
    const key = blockKey(file, block);
    let b = this.blocks.get(key);
    if (b === undefined) {
      b = new CachedBlock(key, file, block, 'loading');
      this.blocks.set(key, b);
      this.#admit(b);
    } else if (b.phase === 'evicting') this.#admit(b);
    else if (b.phase === 'resident') this._touch(b);
    b.data = data;
    b.dirty = true;
    b.version++;
    yield* this.#makeRoom();
  }

  *flush(): Op<number> {
    let written = 0;
    for (const b of [...this.blocks.values()]) {
      if (b.dirty && (yield* this.#writeBack(b))) written++;
    }
    return written;
  }

  // ---- mechanics -------------------------------------------------------------------

  #admit(b: CachedBlock): void {
    b.phase = 'resident';
    this.resident++;
    this._admit(b);
  }

  *#load(key: string, file: string, block: number): Op<string> {
    const b = new CachedBlock(key, file, block, 'loading');
    this.blocks.set(key, b);
    this.misses++;
    const version = b.version;
    let data: string;
    try {
      data = yield* this.device.read(file, block);
    } catch (err) {
      if (b.version === version) this.blocks.delete(key);
      else this.#admit(b);
      if (b.hasWaiters) yield* wake(b.queue);
      throw err;
    }
    if (b.version === version) b.data = data;
    this.#admit(b);
    const result = b.data;
    if (b.hasWaiters) yield* wake(b.queue);
    yield* this.#makeRoom();
    return result;
  }

  /** Evict until the resident blocks fit, writing dirty victims back. */
  *#makeRoom(): Op<void> {
    while (this.resident > this.capacityBlocks) {
      const v = this._victim();
      if (v === undefined) return;
      this.resident--;
      this.evictions++;
      v.phase = 'evicting';
      while (v.phase === 'evicting' && v.dirty) yield* this.#writeBack(v);
      if (v.phase === 'evicting' && this.blocks.get(v.key) === v) this.blocks.delete(v.key);
    }
  }

  /** Write the block's current version back, after any write-back in flight. False if it was already clean. */
  *#writeBack(b: CachedBlock): Op<boolean> {
    while (b.writing) yield* blockOn(b.queue);
    if (!b.dirty) return false;
    b.writing = true;
    const version = b.version;
    try {
      yield* this.device.write(b.file, b.block, b.data);
    } catch (err) {
      b.writing = false;
      if (b.hasWaiters) yield* wake(b.queue);
      throw err;
    }
    b.writing = false;
    this.writeBacks++;
    if (b.version === version) b.dirty = false;
    if (b.hasWaiters) yield* wake(b.queue);
    return true;
  }

  // ---- state transfer --------------------------------------------------------------

  exportFormats(): readonly string[] {
    return [BLOCKS];
  }

  exportState(_format: string): CachedBlocksState {
    const inTransit = [...this.blocks.values()].filter((b) => b.phase !== 'resident' && b.dirty);
    return { blocks: [...inTransit, ...this._ordered()].map((b) => b.toState()) };
  }

  importFormats(): readonly string[] {
    return [BLOCKS];
  }

  importState(format: string, state: unknown): void {
    if (format !== BLOCKS)
      throw new RangeError(
        `${this.cls}.importState: unknown format '${format}'; it imports '${BLOCKS}'`,
      );
    for (const s of (state as CachedBlocksState).blocks) {
      const key = blockKey(s.file, s.block);
      const old = this.blocks.get(key);
      if (old !== undefined && old.phase === 'resident') {
        this._remove(old);
        this.resident--;
      }
      const b = new CachedBlock(key, s.file, s.block, 'loading');
      b.data = s.data;
      b.dirty = s.dirty;
      this.blocks.set(key, b);
      this.#admit(b);
    }
    this.#trimClean();
  }

  /** Drop clean blocks, next victim first, while over capacity (no I/O: import is instantaneous). */
  #trimClean(): void {
    for (const b of this._ordered()) {
      if (this.resident <= this.capacityBlocks) return;
      if (b.dirty) continue;
      this._remove(b);
      this.resident--;
      this.blocks.delete(b.key);
    }
  }
}
