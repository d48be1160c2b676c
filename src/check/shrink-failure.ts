/**
 * shrinkFailure: the smallest failing run of a failing seed that check can
 * find, like fast-check's shrinking (docs/CHECKING.md, "The smallest
 * failing run"). Three passes, each keeping only runs that were run and
 * failed the same way (the same verdict):
 *
 *   0. sizes: each param the scenario declares with a `min`
 *      (src/scenario/scenario-params.ts), in declaration order, is tried
 *      smaller under the seed's own schedule, fast-check's integer way:
 *      the min first, then halving the distance from the current value
 *      (cur - d/2, cur - d/4, ..., cur - 1); the first that still fails
 *      becomes the current value and the candidates start again; it stops
 *      when none fails. Params without a min are never changed. This pass
 *      takes at most half of runsMax (the schedule passes get the rest).
 *   1. cut from the end: a seed-driven schedule deviates from fifo's
 *      choices D times in the (size-shrunk) failing run; the budget
 *      `+deviations=K` (src/kernel/schedule.ts) replays the run up to its
 *      K+1-th deviation and runs fifo's choices from there; K = 0 first
 *      (fifo itself: the bug needs no deviation), then a bisection over
 *      0..D keeps the smallest K found to fail;
 *   2. drop early ones (ddmin-style): `+drop=LIST` refuses the listed
 *      deviating choices (by their order in the run, 1..K) and lets the
 *      others happen. Chunks of the still-kept choices are tried dropped,
 *      halves first, then quarters, ... down to single ones; a drop is kept
 *      when the run still fails the same way with strictly fewer
 *      deviations than the best run so far.
 *
 *   shrinkFailure(failing, schedule, (schedule, params) => run, runsMax, sizes)
 *
 * Invariant: what it returns was run and failed with the failing seed's
 * verdict, its params and `schedule` replay it exactly, and it is smaller:
 * some param smaller (every param no larger), or the same params and
 * strictly fewer deviations. A smaller size is a different run, so its
 * deviations may exceed the original's (sizes come first). null when
 * nothing smaller was confirmed within runsMax runs.
 */
import { parseSchedule, withDeviationsMax, withDrops } from '../kernel/index.ts';
import type { ScenarioParams } from '../scenario/index.ts';
import type { SeedResult } from './seed-result.ts';

export interface ShrunkRun {
  /** The schedule that replays it: the seed's own, with `+drop=LIST` and `+deviations=K` when those passes shrank it. */
  readonly schedule?: string;
  /** The params the shrunk run sets (--param): the failing run's, with the shrunk sizes. */
  readonly params: ScenarioParams;
  /** Each param the size pass made smaller: its value in the failing run and in the shrunk one. */
  readonly resized: Readonly<Record<string, { readonly from: number; readonly to: number }>>;
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
  /** The shrunk run's event hash (its reproduce line replays it). */
  readonly eventsHash: string;
  readonly reproduce: string;
  readonly recheck: string;
}

/** Runs one shrink may take by default (sizes, the bisection, then chunk drops). */
export const SHRINK_RUNS_MAX = 48;

/** What the size pass needs: the failing run's params and the shrinkable ones' minimums. */
export interface ShrinkSizes {
  /** The params the failing run set (its --param overrides). */
  readonly given: ScenarioParams;
  /** Every declared param's value in the failing run. */
  readonly values: ScenarioParams;
  /** The params that may shrink (declared with a min): name to min. */
  readonly mins: ScenarioParams;
}

export type ShrinkRun = (schedule: string | undefined, params: ScenarioParams) => SeedResult;

interface Best {
  readonly k: number;
  readonly drops: readonly number[];
  readonly r: SeedResult;
}

type Attempt = (k: number, drops: readonly number[]) => SeedResult | null;

export function shrinkFailure(
  failing: SeedResult,
  schedule: string | undefined,
  run: ShrinkRun,
  runsMax = SHRINK_RUNS_MAX,
  sizes: ShrinkSizes = { given: {}, values: {}, mins: {} },
): ShrunkRun | null {
  if (runsMax < 1) return null;
  let runs = 0;
  const counted: ShrinkRun = (s, p) => {
    runs++;
    return run(s, p);
  };
  const sized = shrinkSizes(failing, schedule, sizes, counted, () =>
    Math.min(runsMax - runs, Math.ceil(runsMax / 2) - runs),
  );
  const resized = Object.fromEntries(
    Object.entries(sized.values)
      .filter(([n, v]) => v < sizes.values[n])
      .map(([n, v]) => [n, { from: sizes.values[n], to: v }]),
  );
  const params = sized.params;
  const from = failing.deviations ?? 0;
  const start = sized.r.deviations ?? 0;
  let best: Best = { k: 0, drops: [], r: sized.r };
  let shrunkSchedule = schedule;
  if (schedule !== undefined && !schedule.startsWith('fifo') && start > 0) {
    const spec = parseSchedule(schedule);
    const drops0 = [...spec.drops].sort((a, b) => a - b);
    // the run to shrink: its choices number at most its deviations plus its drops
    const k0 = Math.min(spec.deviationsMax, start + drops0.length);
    const scheduleOf = (k: number, drops: readonly number[]) =>
      withDeviationsMax(withDrops(schedule, drops), k);
    const attempt: Attempt = (k, drops) => {
      const r = counted(scheduleOf(k, drops), params);
      return r.verdict === failing.verdict ? r : null;
    };
    const left = () => runsMax - runs;
    best = cutFromEnd({ k: k0, drops: drops0, r: sized.r }, attempt, left);
    best = dropChunks(best, attempt, left);
    if ((best.r.deviations ?? 0) < start) shrunkSchedule = scheduleOf(best.k, best.drops);
    else best = { k: k0, drops: drops0, r: sized.r };
  }
  const deviations = best.r.deviations ?? 0;
  if (Object.keys(resized).length === 0 && deviations >= from) return null;
  return {
    ...(shrunkSchedule === undefined ? {} : { schedule: shrunkSchedule }),
    params,
    resized,
    deviationsMax: shrunkSchedule === schedule ? deviations : best.k,
    dropped: shrunkSchedule === schedule ? [] : best.drops,
    deviations,
    from,
    runs,
    eventsHash: best.r.eventsHash,
    reproduce: best.r.reproduce,
    recheck: best.r.recheck,
  };
}

interface Sized {
  /** The declared values of the best run so far. */
  readonly values: ScenarioParams;
  /** Its --param overrides. */
  readonly params: ScenarioParams;
  readonly r: SeedResult;
}

/** Pass 0: each shrinkable param toward its min, while the run still fails the same way. */
function shrinkSizes(
  failing: SeedResult,
  schedule: string | undefined,
  sizes: ShrinkSizes,
  run: ShrinkRun,
  left: () => number,
): Sized {
  let best: Sized = { values: sizes.values, params: sizes.given, r: failing };
  for (const [name, min] of Object.entries(sizes.mins)) {
    let progressed = true;
    while (progressed && left() > 0) {
      progressed = false;
      for (const v of smallerValues(best.values[name], min)) {
        if (left() <= 0) break;
        const params = { ...best.params, [name]: v };
        const r = run(schedule, params);
        if (r.verdict !== failing.verdict) continue;
        best = { values: { ...best.values, [name]: v }, params, r };
        progressed = true;
        break;
      }
    }
  }
  return best;
}

/** fast-check's integer candidates toward min: min, then cur - d/2, cur - d/4, ..., cur - 1. */
export function smallerValues(cur: number, min: number): number[] {
  const out: number[] = [];
  if (cur <= min) return out;
  out.push(min);
  for (let d = Math.floor((cur - min) / 2); d >= 1; d = Math.floor(d / 2)) {
    const v = cur - d;
    if (v > out[out.length - 1]) out.push(v);
  }
  if (out[out.length - 1] !== cur - 1) out.push(cur - 1);
  return out;
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
