/**
 * CachedBlocksState: the 'blocks' transfer format every FileCache exports
 * and imports: the cached blocks with their dirty flags, in eviction order
 * (the block the cache would evict next first, its most valued last; for an
 * LRU cache that is least recently used first).
 *
 * A dirty block's data is on no device yet: an importer must keep every
 * dirty block (even beyond its capacity) until it is written back.
 */
export interface CachedBlockState {
  readonly file: string;
  readonly block: number;
  readonly data: string;
  readonly dirty: boolean;
}

export interface CachedBlocksState {
  readonly blocks: readonly CachedBlockState[];
}
