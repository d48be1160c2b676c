/**
 * CheckJob: one piece of a `kernel-sim check --queue` sweep, as the plain
 * data a BullMQ job carries, and `runCheckJob`, which a `kernel-sim worker`
 * runs for it. A piece is shard k of N of the sweep's seeds
 * (src/check/check-shard.ts), so its answer is a check part
 * (src/check/check-part.ts) and the coordinator joins the N parts with the
 * same mergeCheckParts as `kernel-sim merge`: the queue prints exactly what
 * the serial check prints.
 *
 *   checkJobs(options, hash, jobSeeds)   the sweep's jobs, data only
 *   runCheckJob(data, cwd, pool, report) -> CheckPart   (worker side)
 *   lostCheckPart(data, reason)          the part of a job lost for good
 *
 * The job names the scenario as the user gave it (a path, or a bundled
 * name), resolved on the worker against its own working directory, and
 * carries the SHA-256 of the coordinator's file: a worker whose file differs
 * refuses the job ('refused: ...'), which fails the sweep with that reason.
 */
import { hostname } from 'node:os';
import type { StrategyName } from '../hotswap/index.ts';
import {
  checkContext,
  checkSchedule,
  compactSeeds,
  lostSeedResult,
  runCheckSeeds,
  scenarioHash,
  shardRange,
  toCheckPart,
  expandSeeds,
  CHECK_PART_FORMAT,
  CHECK_PART_VERSION,
  type CheckPart,
  type CheckPool,
  type CheckShard,
  type SeedList,
} from '../check/index.ts';
import { SCENARIO_LOADER } from './load-scenario.ts';
import { resolveScenarioPath } from './scenario-path.ts';

export const CHECK_JOB_KIND = 'check';
/** Seeds per job by default: the unit of per-job overhead. */
export const JOB_SEEDS_DEFAULT = 1000;

export interface CheckJobData {
  /** The scenario as the user named it (a path or a bundled name). */
  readonly target: string;
  readonly scenarioHash: string | null;
  readonly seeds: SeedList;
  readonly faults: boolean;
  readonly schedule?: string;
  readonly strategy?: StrategyName;
  /** --swap-mediation: global or per-cpu. */
  readonly swapMediation?: 'global' | 'per-cpu';
  /** --param name=value: the scenario's own params. */
  readonly params?: Readonly<Record<string, number>>;
  readonly watchdogMs?: number;
  /** --shrink-runs: runs a failing seed's shrink may take (default the check's). */
  readonly shrinkRuns?: number;
  readonly shard: CheckShard;
}

export type CheckJobSweep = Omit<CheckJobData, 'shard'>;

/** The sweep cut into ceil(seeds / jobSeeds) shards, one job each. */
export function checkJobs(
  sweep: CheckJobSweep,
  seedCount: number,
  jobSeeds: number,
): CheckJobData[] {
  const count = Math.max(1, Math.ceil(seedCount / jobSeeds));
  return Array.from({ length: count }, (_, i) => ({ ...sweep, shard: { index: i + 1, count } }));
}

/** The run overrides a job carries: --strategy, --swap-mediation and --param. */
function jobOverrides(d: CheckJobData) {
  return {
    ...(d.strategy === undefined ? {} : { swapStrategy: d.strategy }),
    ...(d.swapMediation === undefined ? {} : { swapMediation: d.swapMediation }),
    ...(d.params === undefined ? {} : { params: d.params }),
  };
}

function checkOptions(d: CheckJobData, file: string) {
  return {
    scenario: file,
    seeds: expandSeeds(d.seeds),
    faults: d.faults,
    ...(d.schedule === undefined ? {} : { schedule: d.schedule }),
    overrides: jobOverrides(d),
    ...(d.watchdogMs === undefined ? {} : { watchdogMs: d.watchdogMs }),
    ...(d.shrinkRuns === undefined ? {} : { shrinkRuns: d.shrinkRuns }),
    load: SCENARIO_LOADER,
    source: d.target,
    shard: d.shard,
  };
}

/**
 * The scenario a job names, as this worker's file: refused (the job fails for
 * good, naming this machine) when it cannot be found or its SHA-256 differs
 * from the sweep's. Check and strategy jobs both go through it.
 */
export function workerScenarioFile(target: string, hash: string | null, cwd: string): string {
  let file: string;
  try {
    file = resolveScenarioPath(target, cwd);
  } catch (e) {
    throw new Error(`refused: worker ${hostname()}: ${(e as Error).message}`, { cause: e });
  }
  const mine = scenarioHash(file);
  if (mine !== hash)
    throw new Error(
      `refused: the scenario ${target} differs on worker ${hostname()} (${file} has sha256 ${mine?.slice(0, 12)}, the sweep's is ${hash?.slice(0, 12)}); give every machine the same file`,
    );
  return file;
}

export async function runCheckJob(
  d: CheckJobData,
  cwd: string,
  pool: CheckPool,
  report: (seedsDone: number) => void,
): Promise<CheckPart> {
  const file = workerScenarioFile(d.target, d.scenarioHash, cwd);
  let done = 0;
  const run = await runCheckSeeds({ ...checkOptions(d, file), pool, onSeed: () => report(++done) });
  return toCheckPart(run, d.shard);
}

/** A job that failed for good (stalled too often): its seeds count as lost crashes. */
export function lostCheckPart(d: CheckJobData, reason: string): CheckPart {
  const all = expandSeeds(d.seeds);
  const [start, end] = shardRange(all.length, d.shard);
  const options = checkOptions(d, d.target);
  const why = `was lost with its queue job (${reason})`;
  return {
    format: CHECK_PART_FORMAT,
    version: CHECK_PART_VERSION,
    shard: d.shard,
    context: checkContext(options, all.length),
    scenarioHash: d.scenarioHash,
    seeds: compactSeeds(all),
    results: all.slice(start, end).map((seed) =>
      lostSeedResult(
        {
          file: d.target,
          load: SCENARIO_LOADER,
          seed,
          options: {
            faults: d.faults,
            overrides: { schedule: checkSchedule(options), ...jobOverrides(d) },
            source: d.target,
          },
        },
        why,
      ),
    ),
  };
}
