/**
 * FileCacheOptions: what a file cache is created with, the first argument
 * of `objects.create(LruFileCache, { capacityBlocks: 8 })` (it reaches the
 * constructor through OBJECT_ARGS, so a swap's new cache gets the same
 * options unless the swap passes `args`).
 *
 *   capacityBlocks  resident blocks before eviction, an integer >= 1 (default 64)
 */
export interface FileCacheOptions {
  readonly capacityBlocks?: number;
}

export const DEFAULT_CAPACITY_BLOCKS = 64;

/** The options from OBJECT_ARGS, checked; the error names the class and the option. */
export function resolveFileCacheOptions(
  cls: string,
  args: readonly unknown[],
): Required<FileCacheOptions> {
  const o = (args[0] ?? {}) as FileCacheOptions;
  if (typeof o !== 'object' || o === null) {
    throw new TypeError(
      `${cls}: expected options { capacityBlocks }, got ${JSON.stringify(o)}; create it as objects.create(${cls}, { capacityBlocks: 8 })`,
    );
  }
  const capacityBlocks = o.capacityBlocks ?? DEFAULT_CAPACITY_BLOCKS;
  if (!Number.isInteger(capacityBlocks) || capacityBlocks < 1) {
    throw new RangeError(
      `${cls}: option capacityBlocks must be an integer >= 1, got ${String(capacityBlocks)}`,
    );
  }
  return { capacityBlocks };
}
