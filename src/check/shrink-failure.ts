/**
 * shrinkFailure: the smallest failing run of a failing seed that check can
 * find, like fast-check's shrinking (docs/CHECKING.md, "The smallest
 * failing run"). A seed-driven schedule deviates from fifo's choices D
 * times in the failing run. Two passes, each keeping only runs that were
 * run and failed the same way (the same verdict):
 *
 *   1. cut from the end: the budget `+deviations=K` (src/kernel/schedule.ts)
 *      replays the run up to its K+1-th deviation and runs fifo's choices
 *      from there; K = 0 first (fifo itself: the bug needs no deviation),
 *      then a bisection over 0..D keeps the smallest K found to fail;
 *   2. drop early ones (ddmin-style): `+drop=LIST` refuses the listed
 *      deviating choices (by their order in the run, 1..K) and lets the
 *      others happen. Chunks of the still-kept choices are tried dropped,
 *      halves first, then quarters, ... down to single ones; a drop is kept
 *      when the run still fails the same way with strictly fewer
 *      deviations than the best run so far.
 *
 *   shrinkFailure(failing, schedule, (schedule) => run(schedule), runsMax)
 *
 * Invariant: what it returns was run and failed with the failing seed's
 * verdict, made strictly fewer deviations than the original, and its
 * `schedule` replays it exactly; null when there is nothing to shrink
 * (fifo, no deviation) or no smaller run was confirmed within runsMax runs.
 */
import { parseSchedule, withDeviationsMax, withDrops } from '../kernel/index.ts';
import type { SeedResult } from './seed-result.ts';

export interface ShrunkRun {
  /** The schedule that replays it: the seed's own with `+drop=LIST` and `+deviations=K`. */
  readonly schedule: string;
  /** K: the deviations budget of the shrunk run (deviating choices, dropped ones included). */
  readonly deviationsMax: number;
  /** The deviating choices it refuses (their order in the run), ascending; empty: none. */
  readonly dropped: readonly number[];
  /** The deviations the shrunk run made (<= K - dropped). */
  readonly deviations: number;
  /** The deviations of the original failing run. */
  readonly from: number;
  /** Runs the search took. */
  readonly runs: number;
  readonly reproduce: string;
  readonly recheck: string;
}

/** Runs one shrink may take by default (the bisection, then chunk drops). */
export const SHRINK_RUNS_MAX = 48;

interface Best {
  readonly k: number;
  readonly drops: readonly number[];
  readonly r: SeedResult;
}

type Attempt = (k: number, drops: readonly number[]) => SeedResult | null;

export function shrinkFailure(
  failing: SeedResult,
  schedule: string | undefined,
  run: (schedule: string) => SeedResult,
  runsMax = SHRINK_RUNS_MAX,
): ShrunkRun | null {
  const from = failing.deviations ?? 0;
  if (schedule === undefined || schedule.startsWith('fifo') || from === 0 || runsMax < 1)
    return null;
  const spec = parseSchedule(schedule);
  const drops0 = [...spec.drops].sort((a, b) => a - b);
  // the original run: its choices number at most its deviations plus its drops
  const k0 = Math.min(spec.deviationsMax, from + drops0.length);
  const scheduleOf = (k: number, drops: readonly number[]) =>
    withDeviationsMax(withDrops(schedule, drops), k);
  let runs = 0;
  const attempt: Attempt = (k, drops) => {
    runs++;
    const r = run(scheduleOf(k, drops));
    return r.verdict === failing.verdict ? r : null;
  };
  const left = () => runsMax - runs;
  let best = cutFromEnd({ k: k0, drops: drops0, r: failing }, attempt, left);
  best = dropChunks(best, attempt, left);
  if ((best.r.deviations ?? 0) >= from) return null;
  return {
    schedule: scheduleOf(best.k, best.drops),
    deviationsMax: best.k,
    dropped: best.drops,
    deviations: best.r.deviations ?? 0,
    from,
    runs,
    reproduce: best.r.reproduce,
    recheck: best.r.recheck,
  };
}

/** Pass 1: K = 0, then bisect 0..K for the smallest budget that fails. */
function cutFromEnd(start: Best, attempt: Attempt, left: () => number): Best {
  let best = start;
  const fails = (k: number): boolean => {
    const r = attempt(k, k === 0 ? [] : start.drops);
    if (r !== null && k < best.k) best = { k, drops: k === 0 ? [] : start.drops, r };
    return r !== null;
  };
  if (fails(0)) return best;
  let lo = 0;
  let hi = start.k;
  while (hi - lo > 1 && left() > 0) {
    const mid = Math.floor((lo + hi) / 2);
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  return best;
}

/** Pass 2: drop chunks of the kept choices 1..K, halving the chunk size. */
function dropChunks(start: Best, attempt: Attempt, left: () => number): Best {
  let best = start;
  const keptOf = (b: Best) => {
    const dropped = new Set(b.drops);
    return Array.from({ length: b.k }, (_, i) => i + 1).filter((n) => !dropped.has(n));
  };
  let size = Math.ceil(keptOf(best).length / 2);
  while (size >= 1 && left() > 0) {
    const kept = keptOf(best);
    if (kept.length === 0) break;
    size = Math.min(size, kept.length);
    let progressed = false;
    for (let i = 0; i < kept.length && left() > 0; i += size) {
      const drops = [...best.drops, ...kept.slice(i, i + size)].sort((a, b) => a - b);
      const r = attempt(best.k, drops);
      if (r !== null && (r.deviations ?? 0) < (best.r.deviations ?? 0)) {
        best = { k: best.k, drops, r };
        progressed = true;
      }
    }
    if (!progressed) {
      if (size === 1) break;
      size = Math.ceil(size / 2);
    }
  }
  return best;
}
