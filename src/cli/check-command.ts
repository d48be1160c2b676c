/**
 * checkCommand: `kernel-sim check <scenario> [--seeds N | --seed-from A
 * --seed-to B] [--faults] [--schedule S] [--workers N] [--json] [--shard k/N [--out FILE]]`, a thin wrapper round
 * runCheck (src/check): every checker on, optionally seeded faults, on
 * worker threads (default: one per available CPU) that load the scenario
 * with the CLI's own loader. The file is loaded here first, so a bad file is
 * reported once, as an input error (exit 2), before any worker starts.
 * Progress goes to stderr; the summary (or, with --json, the summary as one
 * JSON document) to stdout. Exit code: the summary's (0 passed, 3 any
 * correctness failure, 4 liveness, 1 crash).
 *
 * With --shard k/N it runs slice k of the seeds only and writes them as a
 * part (src/check/check-part.ts) to --out (default check-part-K-of-N.json);
 * stdout gets one line naming the file, the exit code is the slice's own;
 * `kernel-sim merge` joins the N parts into the serial run's output.
 */
import type { StrategyName } from '../hotswap/index.ts';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { JOB_SEEDS_DEFAULT } from './check-job.ts';
import {
  compactSeeds,
  parseShard,
  resolveSeeds,
  runCheckSeeds,
  shardRange,
  summarize,
  toCheckPart,
  type CheckRun,
  type CheckShard,
  type CheckSummary,
} from '../check/index.ts';
import {
  resolveScenarioParams,
  type OnFailedThread,
  type ScenarioOverrides,
} from '../scenario/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { printCheckSummary } from './print-check-summary.ts';
import { loadScenario, SCENARIO_LOADER } from './load-scenario.ts';
import { progressReporter } from './progress-reporter.ts';
import { resolveScenarioPath } from './scenario-path.ts';
import { refuseTypeErrors } from './typecheck-scenario.ts';

export interface CheckCommandOptions {
  readonly target: string;
  readonly seeds?: number;
  readonly seedFrom?: number;
  readonly seedTo?: number;
  readonly faults?: boolean;
  /** --schedule: fifo, random or pct[:depth] (default CHECK_SCHEDULE_DEFAULT). */
  readonly schedule?: string;

  /** --param name=value: the scenario's own params (src/scenario/scenario-params.ts). */
  readonly params?: Readonly<Record<string, number>>;
  /** Hot-swap strategy of swaps that name none (SimulationOptions.swapStrategy). */
  readonly strategy?: StrategyName;
  /** --swap-mediation: global (default) or per-cpu (SimulationOptions.swapMediation). */
  readonly swapMediation?: 'global' | 'per-cpu';
  readonly workers?: number;
  readonly json?: boolean;
  readonly watchdogMs?: number;
  /** Runs the search for a failing seed's smallest failing run may take (0: off). */
  readonly shrinkRuns?: number;
  /** --typecheck: type-check the file first (typecheck-scenario.ts); type errors exit 2. */
  readonly typecheck?: boolean;
  /** --on-failed-thread: wins over the scenario's onFailedThread (default 'fail'). */
  readonly onFailedThread?: OnFailedThread;
  /** 'k/N': run slice k of N of the seeds and write a part file. */
  readonly shard?: string;
  /** Where the part goes (with shard). */
  readonly out?: string;
  /** redis://HOST:PORT: run the sweep as BullMQ jobs for `kernel-sim worker` processes. */
  readonly queue?: string;
  /** Seeds per queue job (default JOB_SEEDS_DEFAULT). */
  readonly jobSeeds?: number;
  /** With queue: give up after this long without progress (seconds). */
  readonly queueWaitS?: number;
}

export interface CheckCommandResult {
  readonly exitCode: number;
  readonly summary: CheckSummary;
}

export async function checkCommand(
  options: CheckCommandOptions,
  io: CliIo,
): Promise<CheckCommandResult> {
  if (options.queue !== undefined) return checkOnQueue(options, io);
  if (options.jobSeeds !== undefined || options.queueWaitS !== undefined)
    throw new CliError(
      '--job-seeds and --queue-wait-s apply to a queued check; add --queue redis://HOST:PORT',
    );
  const shard = shardOf(options);
  const out = shard === undefined ? undefined : partPath(shard, options, io);
  const file = resolveScenarioPath(options.target, io.cwd);
  if (options.typecheck === true) await refuseTypeErrors(file, io.cwd);
  const scenario = await loadScenario(file);
  resolveScenarioParams(scenario, options.params); // a bad --param: exit 2 before any seed
  const seeds = seedsOf(options);
  const [first, end] = shard === undefined ? [0, seeds.length] : shardRange(seeds.length, shard);
  const count = end - first;
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), count));
  const progress = progressReporter(io, 'check', 'seeds');
  let done = 0;
  let run: CheckRun;
  try {
    run = await runCheckSeeds({
      scenario: workers > 1 ? file : scenario,
      seeds,
      faults: options.faults === true,
      ...(options.schedule === undefined ? {} : { schedule: options.schedule }),

      overrides: overridesOf(options),
      workers,
      load: SCENARIO_LOADER,
      source: options.target,
      ...(options.watchdogMs === undefined ? {} : { watchdogMs: options.watchdogMs }),
      ...(options.shrinkRuns === undefined ? {} : { shrinkRuns: options.shrinkRuns }),
      ...(options.onFailedThread === undefined ? {} : { onFailedThread: options.onFailedThread }),
      ...(shard === undefined ? {} : { shard }),
      onSeed: () => progress.update(++done, count),
    });
  } finally {
    progress.stop();
  }
  const summary = summarize(run.results, run.context);
  if (shard === undefined) printCheckSummary(summary, options.json === true, io);
  else writePart(run, shard, summary, out!, io);
  return { exitCode: summary.exitCode, summary };
}

async function checkOnQueue(o: CheckCommandOptions, io: CliIo): Promise<CheckCommandResult> {
  if (o.shard !== undefined || o.out !== undefined || o.workers !== undefined)
    throw new CliError(
      '--queue runs the sweep on `kernel-sim worker` processes: drop --shard, --out and --workers (give a worker --threads instead)',
    );
  const file = resolveScenarioPath(o.target, io.cwd);
  if (o.typecheck === true) await refuseTypeErrors(file, io.cwd);
  // a bad file or --param is reported here, once, before any job is enqueued
  resolveScenarioParams(await loadScenario(file), o.params);
  const seeds = seedsOf(o);
  const { queueCheck } = await import('./queue-check.ts');
  const summary = await queueCheck(
    {
      url: o.queue!,
      file,
      seedCount: seeds.length,
      jobSeeds: o.jobSeeds ?? JOB_SEEDS_DEFAULT,
      ...(o.queueWaitS === undefined ? {} : { waitMs: o.queueWaitS * 1000 }),
      json: o.json === true,
      sweep: {
        target: o.target,
        scenarioHash: null,
        seeds: compactSeeds(seeds),
        faults: o.faults === true,
        ...(o.schedule === undefined ? {} : { schedule: o.schedule }),
        ...(o.strategy === undefined ? {} : { strategy: o.strategy }),
        ...(o.swapMediation === undefined ? {} : { swapMediation: o.swapMediation }),
        ...(hasParams(o) ? { params: o.params } : {}),
        ...(o.watchdogMs === undefined ? {} : { watchdogMs: o.watchdogMs }),
        ...(o.shrinkRuns === undefined ? {} : { shrinkRuns: o.shrinkRuns }),
      },
    },
    io,
  );
  return { exitCode: summary.exitCode, summary };
}

function shardOf(o: CheckCommandOptions): CheckShard | undefined {
  if (o.shard === undefined) {
    if (o.out !== undefined)
      throw new CliError('--out names the part file of a shard; add --shard k/N');
    return undefined;
  }
  try {
    return parseShard(o.shard);
  } catch (e) {
    throw new CliError((e as Error).message.replace(/^shard: /, '--shard: '), undefined, {
      cause: e,
    });
  }
}

/** Where the part goes, checked before the run: its folder must exist. */
function partPath(shard: CheckShard, o: CheckCommandOptions, io: CliIo): string {
  const out = resolve(io.cwd, o.out ?? `check-part-${shard.index}-of-${shard.count}.json`);
  const dir = dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`--out: the folder ${dir} does not exist; create it or name another file`);
  return out;
}

function writePart(
  run: CheckRun,
  shard: CheckShard,
  summary: CheckSummary,
  out: string,
  io: CliIo,
): void {
  // written whole or not at all: a part on disk is always a complete slice
  writeFileSync(`${out}.partial`, `${JSON.stringify(toCheckPart(run, shard))}\n`);
  renameSync(`${out}.partial`, out);
  const seeds = run.results.map((r) => r.seed);
  const slice =
    seeds.length === 0
      ? 'no seeds'
      : `${seeds.length} seed(s) ${seeds[0]}..${seeds[seeds.length - 1]}`;
  io.out(
    `check ${summary.scenario}: shard ${shard.index}/${shard.count}, ${slice} of ${run.seeds.length}: passed ${summary.passes}, failed ${summary.runs - summary.passes}; wrote ${out}`,
  );
}

function seedsOf(o: CheckCommandOptions): number[] {
  try {
    return resolveSeeds({ seeds: o.seeds, seedFrom: o.seedFrom, seedTo: o.seedTo });
  } catch (e) {
    throw new CliError(
      (e instanceof Error ? e.message : String(e)).replace(/^check: /, ''),
      undefined,
      { cause: e },
    );
  }
}

function hasParams(o: CheckCommandOptions): o is CheckCommandOptions & { params: object } {
  return o.params !== undefined && Object.keys(o.params).length > 0;
}

/** The run overrides of the flags: --strategy and --param. */
function overridesOf(o: CheckCommandOptions): ScenarioOverrides {
  return {
    ...(o.strategy === undefined ? {} : { swapStrategy: o.strategy }),
    ...(o.swapMediation === undefined ? {} : { swapMediation: o.swapMediation }),
    ...(hasParams(o) ? { params: o.params } : {}),
  };
}
