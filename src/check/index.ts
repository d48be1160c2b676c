/**
 * check/: the logic of `kernel-sim check`: a scenario over many seeds with
 * every checker on, optionally with seeded faults, serially or on worker
 * threads, summarised with a reproduce line per failing seed; or one shard
 * of the seeds, written as a part that mergeCheckParts joins with the rest.
 */
export {
  runCheck,
  runCheckSeeds,
  openCheckPool,
  checkContext,
  type CheckRun,
  type CheckPool,
} from './run-check.ts';
export { parseShard, shardRange, SHARD_COUNT_MAX, type CheckShard } from './check-shard.ts';
export {
  toCheckPart,
  parseCheckPart,
  mergeCheckParts,
  scenarioHash,
  compactSeeds,
  expandSeeds,
  CHECK_PART_FORMAT,
  CHECK_PART_VERSION,
  type CheckPart,
  type SeedList,
} from './check-part.ts';
export { checkSeed, type CheckSeedOptions } from './check-seed.ts';
export {
  shrinkFailure,
  smallerValues,
  SHRINK_RUNS_MAX,
  type ShrunkRun,
  type ShrinkRun,
  type ShrinkSizes,
} from './shrink-failure.ts';
export { withExitGuard, ScenarioExitError } from './exit-guard.ts';
export { lostSeedResult } from './lost-seed.ts';
export type { CheckSeedInput } from './check-seed-task.ts';
export {
  resolveSeeds,
  DEFAULT_SEEDS,
  CHECK_SCHEDULE_DEFAULT,
  checkSchedule,
  type CheckOptions,
  type LoaderModule,
} from './check-options.ts';
export {
  summarize,
  formatSummary,
  coverageOf,
  CHECK_EXIT,
  type CheckSummary,
  type CheckCoverage,
  type CheckContext,
} from './check-summary.ts';
export {
  InterleavingObserver,
  observeInterleavings,
  interleavingCoverageOf,
  interleavingCellCount,
  formatInterleavings,
  INTERLEAVING_PHASES,
  CALL_STATES,
  type InterleavingCells,
  type InterleavingCoverage,
} from './interleavings.ts';
export {
  FAILURE_KINDS,
  type FailureKind,
  type Verdict,
  type SeedResult,
  type ViolationSummary,
} from './seed-result.ts';
export {
  importScenario,
  loadScenarioWith,
  resolveScenarioFile,
  DEFAULT_LOADER,
} from './import-scenario.ts';
