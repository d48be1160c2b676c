/**
 * tickStats: the distribution summary the quiescence experiment reports for
 * a list of tick counts: median, p99 and max, by the nearest-rank method (the
 * value at rank ceil(p * n) of the sorted list), so every figure is a value
 * that actually occurred and stays an integer.
 *
 * Interface: `percentile(sortedAscending, p)`; `tickStats(values)`. An empty
 * list gives nulls (JSON null, an empty CSV cell): "no request reached".
 */
export interface TickStats {
  readonly median: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** Nearest-rank percentile (0 < p <= 1) of an ascending list; null when empty. */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 1)) throw new RangeError(`percentile: p must be in (0, 1], got ${p}`);
  const n = sortedAscending.length;
  if (n === 0) return null;
  return sortedAscending[Math.max(0, Math.ceil(p * n) - 1)];
}

export function tickStats(values: readonly number[]): TickStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: percentile(sorted, 1),
  };
}
