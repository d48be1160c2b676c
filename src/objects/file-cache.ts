/**
 * FileCache: the interface of a block cache over a BlockDevice (K42's FCM,
 * file cache manager, in spirit). Every method takes simulated time, so
 * every method is a generator: `yield* cache.read('f', 0)`.
 *
 *   read(file, block)         the block's data: from the cache (a hit) or
 *                             from the device (a miss, which caches it)
 *   write(file, block, data)  replace the whole block in the cache and mark
 *                             it dirty (write-back: the device sees it on
 *                             eviction or flush)
 *   flush()                   write every dirty block back; returns how many
 *                             it wrote. Every write that returned before
 *                             flush() began is on the device when it returns.
 *
 * Consistency: a read returns the data of the last write to that block that
 * took effect before it (writes take effect when write() places the data,
 * before any eviction it causes), or the device's data if none.
 *
 * Implementations: LruFileCache, ClockFileCache. Both transfer the 'blocks'
 * format (CachedBlocksState), so either can replace the other with its
 * cached and dirty blocks.
 */
import type { Op } from '../kernel/index.ts';

export interface FileCache {
  read(file: string, block: number): Op<string>;
  write(file: string, block: number, data: string): Op<void>;
  flush(): Op<number>;
}
