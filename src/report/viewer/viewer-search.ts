/**
 * Binary searches over a row's span indexes, and the axis step. Within one
 * row spans are sorted by start and do not overlap, so their ends are sorted
 * too: the first visible span is found in O(log n).
 */

/** First k in idx with endArr[idx[k]] >= t. */
export function firstEndingFrom(
  idx: readonly number[],
  endArr: readonly number[],
  t: number,
): number {
  let lo = 0;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endArr[idx[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First k >= from in idx with startArr[idx[k]] >= t. */
export function firstStartingFrom(
  idx: readonly number[],
  startArr: readonly number[],
  t: number,
  from: number,
): number {
  let lo = from;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startArr[idx[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The span of idx covering tick t (within tol), or -1. */
export function findIn(
  idx: readonly number[],
  startArr: readonly number[],
  endArr: readonly number[],
  t: number,
  tol: number,
): number {
  const k = firstEndingFrom(idx, endArr, t - tol);
  if (k < idx.length && startArr[idx[k]] <= t + tol) return idx[k];
  return -1;
}

/** A round axis step (1, 2 or 5 times a power of ten, at least 1) near `raw`. */
export function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
  const m = raw / p;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  return Math.max(1, step);
}
