/**
 * shrinkFailure: the smallest failing run of a failing seed that check can
 * find, like fast-check's shrinking (docs/CHECKING.md, "The smallest
 * failing run"). A seed-driven schedule deviates from fifo's choices D
 * times in the failing run; the schedule's budget (`+deviations=K`,
 * src/kernel/schedule.ts) replays the same run up to its K+1-th deviation
 * and runs fifo's choices from there. So the search is over K in 0..D:
 * K = 0 first (the bug needs no deviation at all), then a bisection that
 * keeps the smallest K found to fail the same way (the same verdict).
 *
 *   shrinkFailure(failing, schedule, (k, schedule) => run(schedule), runsMax)
 *
 * Invariant: what it returns was run and failed with the failing seed's
 * verdict, with a budget K <= D, so it is never larger than the original;
 * null when there is nothing to shrink (fifo, no deviation) or no smaller
 * run was confirmed within runsMax runs.
 */
import { withDeviationsMax } from '../kernel/index.ts';
import type { SeedResult } from './seed-result.ts';

export interface ShrunkRun {
  /** The schedule that replays it: the seed's own with `+deviations=K`. */
  readonly schedule: string;
  /** K: the deviations budget of the shrunk run. */
  readonly deviationsMax: number;
  /** The deviations the shrunk run made (<= K). */
  readonly deviations: number;
  /** The deviations of the original failing run. */
  readonly from: number;
  /** Runs the search took. */
  readonly runs: number;
  readonly reproduce: string;
  readonly recheck: string;
}

/** Runs one shrink may take by default (bisection over 2^14 deviations). */
export const SHRINK_RUNS_MAX = 16;

export function shrinkFailure(
  failing: SeedResult,
  schedule: string | undefined,
  run: (schedule: string) => SeedResult,
  runsMax = SHRINK_RUNS_MAX,
): ShrunkRun | null {
  const from = failing.deviations ?? 0;
  if (schedule === undefined || schedule.startsWith('fifo') || from === 0 || runsMax < 1)
    return null;
  let runs = 0;
  let best: { k: number; r: SeedResult } | null = null;
  const fails = (k: number): boolean => {
    runs++;
    const r = run(withDeviationsMax(schedule, k));
    const failed = r.verdict === failing.verdict;
    if (failed && (best === null || k < best.k)) best = { k, r };
    return failed;
  };
  if (!fails(0)) {
    let lo = 0;
    let hi = from;
    while (hi - lo > 1 && runs < runsMax) {
      const mid = Math.floor((lo + hi) / 2);
      if (fails(mid)) hi = mid;
      else lo = mid;
    }
  }
  const found = best as { k: number; r: SeedResult } | null;
  if (found === null || found.k >= from) return null;
  return {
    schedule: withDeviationsMax(schedule, found.k),
    deviationsMax: found.k,
    deviations: found.r.deviations ?? 0,
    from,
    runs,
    reproduce: found.r.reproduce,
    recheck: found.r.recheck,
  };
}
