/**
 * BenchScale: how big and how long each benchmark runs. 'full' is the real
 * suite (`npm run bench`, about three minutes on two cores); 'smoke' runs every
 * benchmark at tiny sizes with almost no time budget, so `npm test` can check
 * that none has rotted (it asserts only that each returns finite numbers).
 *
 * Interface: `pick(scale, full, smoke)` chooses a size; `timing(scale)` the
 * tinybench budget for micro-benchmarks.
 */
export type BenchScale = 'full' | 'smoke';

export function pick<T>(scale: BenchScale, full: T, smoke: T): T {
  return scale === 'full' ? full : smoke;
}

export interface Timing {
  /** Time budget per task, ms. */
  readonly timeMs: number;
  readonly warmupMs: number;
  /** Minimum iterations per task. */
  readonly iterations: number;
}

export function timing(scale: BenchScale): Timing {
  return scale === 'full'
    ? { timeMs: 400, warmupMs: 150, iterations: 20 }
    : { timeMs: 1, warmupMs: 0, iterations: 2 };
}
