/**
 * heapProbe: heap in use after a full garbage collection, for bytes-per-entry
 * figures. With `node --expose-gc` (how `npm run bench` runs) it calls
 * `global.gc()`; without it (vitest) it turns the flag on at run time and
 * fetches `gc` from a fresh context, so the smoke tests measure the same way.
 *
 * Interface: `heapUsedAfterGc()` -> bytes (process.memoryUsage().heapUsed
 * after a full collection); `bytesPer(count, build)` -> the heap growth
 * per item while `build()`'s result is kept alive.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

function findGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let gc: (() => void) | null = null;

export function heapUsedAfterGc(): number {
  gc ??= findGc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Heap growth per item of what `build` returns, measured while it is still reachable. */
export function bytesPer(
  count: number,
  build: () => unknown,
): { bytesPerItem: number; kept: unknown } {
  const before = heapUsedAfterGc();
  const kept = build();
  const after = heapUsedAfterGc();
  return { bytesPerItem: (after - before) / count, kept };
}
