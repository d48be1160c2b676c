/**
 * CheckShard: one of N slices of a sweep's seed list, the `--shard k/N`
 * convention of vitest and Playwright (k counts from 1).
 *
 *   parseShard('2/4')            -> { index: 2, count: 4 }
 *   shardRange(seedCount, shard) -> [start, end): the slice of the seed list
 *
 * Invariants: the N slices of a list are contiguous, disjoint, cover it
 * exactly, and differ in length by at most one (slice k is
 * [floor((k-1)L/N), floor(kL/N))). A slice keeps its seeds' positions in the
 * whole list, so per-position choices (which seeds re-run for determinism)
 * are the same as in the serial run.
 */
export interface CheckShard {
  readonly index: number;
  readonly count: number;
}

export const SHARD_COUNT_MAX = 1_000_000;

export function parseShard(text: string): CheckShard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(count >= 1 && count <= SHARD_COUNT_MAX && index >= 1 && index <= count))
    throw new RangeError(
      `shard: expected k/N with 1 <= k <= N <= ${SHARD_COUNT_MAX} (e.g. --shard 2/4), got '${text}'`,
    );
  return { index, count };
}

export function shardRange(seedCount: number, shard: CheckShard): [number, number] {
  return [
    Math.floor(((shard.index - 1) * seedCount) / shard.count),
    Math.floor((shard.index * seedCount) / shard.count),
  ];
}
