/**
 * CheckOptions: what `runCheck` takes, and `resolveSeeds`, which turns the
 * seed flags into the list of seeds (errors name the flag and what it
 * accepts).
 *
 *   scenario    a Scenario object, or a file path (loaded by `load`)
 *   seeds       a count N (seeds 1..N) or an explicit list
 *   seedFrom / seedTo   an inclusive range instead
 *   faults      seeded fault injection: false (default), true, or FaultOptions
 *   workers     worker threads (default 1: serial, in this thread); a
 *               scenario given as an object without a file runs serially
 *   checkers    checker options (merged over the scenario's own `checkers`);
 *               with workers they must be plain data (no functions): put
 *               mapping functions in the scenario's `checkers` instead
 *   schedule    how the seed perturbs scheduling (src/kernel/schedule.ts):
 *               default CHECK_SCHEDULE_DEFAULT ('random'), so every seed runs
 *               its own interleaving; it wins over the scenario's own and
 *               over overrides.schedule
 *   rerun       how many of the first seeds to run twice and compare event
 *               logs (determinism). Default 3.
 *   load        where to find the function that loads a scenario file (a
 *               module URL and export name, so workers can load it too);
 *               default: a plain dynamic import of the file's default export
 *   shrinkRuns  on a failing seed, runs the search for its smallest failing
 *               run may take (shrink-failure.ts); default SHRINK_RUNS_MAX, 0 off
 *   onFailedThread  'fail' (default under check: a seed in which a thread
 *               threw fails as an expectation) or 'report'; wins over the
 *               scenario's own onFailedThread
 *   onSeed      progress: called with each seed's result as it finishes
 *   shard       run only slice k of N of the seeds (runCheckSeeds only)
 *   pool        run the seeds on this pool of worker threads (openCheckPool),
 *               kept open by the caller; needs a scenario file
 */
import type { CheckerOptions } from '../checkers/index.ts';
import type { FaultOptions } from '../faults/index.ts';
import type { OnFailedThread, Scenario, ScenarioOverrides } from '../scenario/index.ts';
import type { CheckShard } from './check-shard.ts';
import type { CheckPool } from './run-check.ts';
import type { SeedResult } from './seed-result.ts';

export interface LoaderModule {
  readonly url: string;
  readonly exportName: string;
}

export interface CheckOptions {
  readonly scenario: Scenario<any> | string;
  readonly seeds?: number | readonly number[];
  readonly seedFrom?: number;
  readonly seedTo?: number;
  readonly faults?: boolean | FaultOptions;
  readonly workers?: number;
  readonly checkers?: CheckerOptions;
  readonly overrides?: ScenarioOverrides;
  readonly schedule?: string;
  readonly rerun?: number;
  readonly load?: LoaderModule;
  /** How the scenario is named in reproduce lines (default: its file, else its name). */
  readonly source?: string;
  /** The watchdog's limit per step of user code, per seed, in ms (0 = off; default 5000). */
  readonly watchdogMs?: number;
  /** --on-failed-thread: wins over the scenario's own; default: the scenario's, else 'fail'. */
  readonly onFailedThread?: OnFailedThread;
  readonly onSeed?: (result: SeedResult) => void;
  /** Runs a failing seed's shrink may take (0: no shrinking). Default SHRINK_RUNS_MAX. */
  readonly shrinkRuns?: number;
  /** Run only slice k of N of the seed list (runCheckSeeds; see check-shard.ts). */
  readonly shard?: CheckShard;
  /** Worker threads to run the seeds on, opened and closed by the caller (see openCheckPool). */
  readonly pool?: CheckPool;
}

export const DEFAULT_SEEDS = 100;
/** The schedule a check runs when none is given: a seed-driven one. */
export const CHECK_SCHEDULE_DEFAULT = 'random';

/** The schedule a check of these options runs. */
export function checkSchedule(o: Pick<CheckOptions, 'schedule' | 'overrides'>): string {
  return o.schedule ?? o.overrides?.schedule ?? CHECK_SCHEDULE_DEFAULT;
}
const SEED_MAX = Number.MAX_SAFE_INTEGER;
/** Seeds one check may run (its results are kept in memory). */
export const SEEDS_PER_CHECK_MAX = 10_000_000;

function checkSeed(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > SEED_MAX)
    throw new RangeError(`check: ${name} must be an integer from 0 to ${SEED_MAX}, got ${v}`);
}

export function resolveSeeds(o: Pick<CheckOptions, 'seeds' | 'seedFrom' | 'seedTo'>): number[] {
  const range = o.seedFrom !== undefined || o.seedTo !== undefined;
  if (range && o.seeds !== undefined)
    throw new RangeError(
      'check: give either seeds (--seeds N) or a range (--seed-from A --seed-to B), not both',
    );
  if (range) {
    if (o.seedFrom === undefined || o.seedTo === undefined)
      throw new RangeError(
        'check: a seed range needs both seedFrom and seedTo (--seed-from A --seed-to B)',
      );
    checkSeed('seedFrom', o.seedFrom);
    checkSeed('seedTo', o.seedTo);
    if (o.seedTo < o.seedFrom)
      throw new RangeError(`check: seedTo (${o.seedTo}) is below seedFrom (${o.seedFrom})`);
    const count = o.seedTo - o.seedFrom + 1;
    if (count > SEEDS_PER_CHECK_MAX)
      throw new RangeError(
        `check: the range ${o.seedFrom}..${o.seedTo} holds ${count} seeds; one check runs at most ${SEEDS_PER_CHECK_MAX}: split the range into several checks`,
      );
    return Array.from({ length: o.seedTo - o.seedFrom + 1 }, (_, i) => o.seedFrom! + i);
  }
  if (Array.isArray(o.seeds)) {
    for (const s of o.seeds as readonly number[]) checkSeed('each seed', s);
    return [...(o.seeds as readonly number[])];
  }
  const n = (o.seeds as number | undefined) ?? DEFAULT_SEEDS;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`check: seeds (--seeds N) must be an integer >= 1, got ${n}`);
  return Array.from({ length: n }, (_, i) => i + 1);
}
