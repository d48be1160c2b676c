/**
 * runCheck: the logic of `kernel-sim check`: run a scenario over many seeds
 * with every checker on, optionally with seeded faults, serially or on
 * worker threads, and summarise (runs, passes, failures by kind, and for
 * each failing seed its first violation and the lines that replay it).
 *
 *   const summary = await runCheck({ scenario: 'scenarios/hello.ts', seeds: 200, faults: true, workers: 4 });
 *   formatSummary(summary).forEach((l) => console.log(l));
 *   process.exitCode = summary.exitCode;   // 3 on any correctness failure
 *
 * The first `rerun` seeds run twice to check determinism. Results come back
 * in seed order whatever order the workers finish in. No output of its own:
 * `onSeed` reports progress.
 */
import { overrideArgs, type Scenario } from '../scenario/index.ts';
import { checkSchedule, resolveSeeds, type CheckOptions } from './check-options.ts';
import { shardRange } from './check-shard.ts';
import type { CheckSeedInput } from './check-seed-task.ts';
import { checkSeed, type CheckSeedOptions } from './check-seed.ts';
import { summarize, type CheckContext, type CheckSummary } from './check-summary.ts';
import { DEFAULT_LOADER, loadScenarioWith, resolveScenarioFile } from './import-scenario.ts';
import { lostSeedResult } from './lost-seed.ts';
import { SHRINK_RUNS_MAX } from './shrink-failure.ts';
import type { SeedResult } from './seed-result.ts';

const RERUN_DEFAULT = 3;

function seedOptions(o: CheckOptions, index: number, rerun: number): CheckSeedOptions {
  const source = o.source ?? (typeof o.scenario === 'string' ? o.scenario : undefined);
  return {
    faults: o.faults ?? false,
    ...(o.checkers === undefined ? {} : { checkers: o.checkers }),
    overrides: { ...o.overrides, schedule: checkSchedule(o) },
    ...(source === undefined ? {} : { source }),
    ...(o.watchdogMs === undefined ? {} : { watchdogMs: o.watchdogMs }),
    ...(o.onFailedThread === undefined ? {} : { onFailedThread: o.onFailedThread }),
    rerun: index < rerun,
    shrinkRuns: o.shrinkRuns ?? SHRINK_RUNS_MAX,
  };
}

function checkCloneable(o: CheckOptions): void {
  try {
    structuredClone({ checkers: o.checkers, faults: o.faults, overrides: o.overrides });
  } catch {
    throw new TypeError(
      'check: options with functions (e.g. checkers.transfer.formats mappings) cannot be sent to worker threads; put them in the scenario as `checkers: {...}`, or use workers: 1',
    );
  }
}

/**
 * A pool of worker threads that check seeds, kept by the caller across
 * checks (a queue worker keeps one for its life, so each job pays no thread
 * start or scenario load). runCheckSeeds neither starts nor closes it.
 */
export interface CheckPool {
  map(
    inputs: readonly CheckSeedInput[],
    onResult?: (index: number, output: SeedResult) => void,
  ): Promise<SeedResult[]>;
  close(): Promise<void>;
}

export async function openCheckPool(threads: number): Promise<CheckPool> {
  // loaded on demand: the experiments folder brings vega, which a serial check never needs
  const { WorkerPool, taskModule } = await import('../experiments/index.ts');
  return new WorkerPool<CheckSeedInput, SeedResult>({
    workers: threads,
    task: taskModule(import.meta.url, 'check-seed-task', 'checkSeedTask'),
    onWorkerLost: (input, why) => lostSeedResult(input as CheckSeedInput, why),
  });
}

async function runParallel(
  file: string,
  seeds: readonly number[],
  first: number,
  o: CheckOptions,
  rerun: number,
): Promise<SeedResult[]> {
  checkCloneable(o);
  const pool = o.pool ?? (await openCheckPool(Math.min(o.workers!, seeds.length)));
  const inputs = seeds.map((seed, i) => ({
    file,
    load: o.load ?? DEFAULT_LOADER,
    seed,
    options: seedOptions(o, first + i, rerun),
  }));
  try {
    return await pool.map(inputs, (_i, r) => o.onSeed?.(r));
  } finally {
    if (o.pool === undefined) await pool.close();
  }
}

/** One seed after another in this thread, back to the event loop between seeds (map-serial.ts says why). */
async function runSerial(
  scenario: Scenario<unknown>,
  seeds: readonly number[],
  first: number,
  o: CheckOptions,
  rerun: number,
): Promise<SeedResult[]> {
  const { mapSerial } = await import('../experiments/index.ts');
  return await mapSerial(seeds, (seed, i) => {
    const r = checkSeed(scenario, seed, seedOptions(o, first + i, rerun));
    o.onSeed?.(r);
    return r;
  });
}

/** What a check (or one shard of it) ran: enough to summarise, or to merge with other shards. */
export interface CheckRun {
  /** The whole sweep's seeds, in order (a shard ran a contiguous slice of them). */
  readonly seeds: readonly number[];
  /** The results of the seeds this run ran, in seed-list order. */
  readonly results: readonly SeedResult[];
  readonly context: CheckContext;
  /** The scenario's file, when it has one. */
  readonly file: string | undefined;
}

export async function runCheckSeeds(options: CheckOptions): Promise<CheckRun> {
  const all = resolveSeeds(options);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1)
    throw new RangeError(`check: workers must be an integer >= 1, got ${workers}`);
  const rerun = Math.min(options.rerun ?? RERUN_DEFAULT, all.length);
  const [first, end] =
    options.shard === undefined ? [0, all.length] : shardRange(all.length, options.shard);
  const seeds = all.slice(first, end);
  const given = options.scenario;
  const file = typeof given === 'string' ? resolveScenarioFile(given) : given.file;
  let results: SeedResult[];
  let name: string;
  const threaded = options.pool !== undefined || (workers > 1 && seeds.length > 1);
  if (threaded && file !== undefined && seeds.length > 0) {
    results = await runParallel(file, seeds, first, options, rerun);
    name = typeof given === 'string' ? given : given.name;
  } else {
    const scenario =
      typeof given === 'string'
        ? await loadScenarioWith(options.load ?? DEFAULT_LOADER, file!)
        : given;
    results = await runSerial(scenario, seeds, first, options, rerun);
    name = scenario.name;
  }
  return { seeds: all, results, context: checkContext(options, all.length, name), file };
}

/** The summary context of a check of these options over seedCount seeds (its scenario named `name` without a source or file). */
export function checkContext(options: CheckOptions, seedCount: number, name = ''): CheckContext {
  const given = options.scenario;
  return {
    scenario: options.source ?? (typeof given === 'string' ? given : (given.file ?? name)),
    faults: options.faults !== undefined && options.faults !== false,
    schedule: checkSchedule(options),
    rerun: Math.min(options.rerun ?? RERUN_DEFAULT, seedCount),
    ...runArgsOf(options),
  };
}

/** The overrides other than the schedule (which has its own field), as sorted-param flags. */
function runArgsOf(options: CheckOptions): { runArgs?: readonly string[] } {
  const { schedule: _schedule, params, ...rest } = options.overrides ?? {};
  const sorted =
    params && Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
  const args = overrideArgs({ ...rest, ...(sorted ? { params: sorted } : {}) });
  return args.length === 0 ? {} : { runArgs: args };
}

export async function runCheck(options: CheckOptions): Promise<CheckSummary> {
  if (options.shard !== undefined)
    throw new RangeError(
      'check: runCheck summarises a whole sweep; run a shard with runCheckSeeds and join the shards with mergeCheckParts',
    );
  const run = await runCheckSeeds(options);
  return summarize(run.results, run.context);
}
