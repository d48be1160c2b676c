/**
 * experimentStrategiesCommand: `kernel-sim experiment strategies --out DIR
 * [--workloads a,b] [--strategies x,y] [--seeds N] [--no-plots]`, a thin
 * wrapper round runStrategyExperiment (src/experiments): workloads are
 * scenario names or files (as for `scenario` and `check`), strategies names
 * of STRATEGY_NAMES; a bad value is exit 2 naming the flag. Prints one row
 * per workload and strategy and the files written. Exit 0: violations
 * under naive are the expected result, not a failure of the command.
 *
 * With --shard k/N, --out names a part file: slice k of N of the run list
 * (src/experiments/strategy-part.ts); `kernel-sim merge PARTS --out DIR`
 * writes the serial files (docs/SCALE.md). With --queue redis://HOST:PORT
 * the run list goes out as jobs for `kernel-sim worker` processes
 * (queue-strategies.ts) and comes back as the same files.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pc from 'picocolors';
import { parseShard, scenarioHash, shardRange } from '../check/index.ts';
import {
  runStrategyExperiment,
  runStrategyPart,
  STRATEGY_WORKLOADS_DEFAULT,
  strategyGrid,
  type StrategyExperimentOptions,
  type StrategyExperimentResult,
} from '../experiments/index.ts';
import { STRATEGY_NAMES, type StrategyName } from '../hotswap/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { refuseLocalFlags } from './cli-queue-sweep.ts';
import { EXIT } from './exit-codes.ts';
import { availableParallelism } from 'node:os';
import { loadScenario, SCENARIO_LOADER } from './load-scenario.ts';
import { progressReporter } from './progress-reporter.ts';
import { resolveScenarioPath } from './scenario-path.ts';

function listOf(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function strategiesOf(value: unknown): StrategyName[] | undefined {
  const names = listOf(value);
  for (const n of names ?? [])
    if (!(STRATEGY_NAMES as readonly string[]).includes(n))
      throw new CliError(`--strategies: unknown strategy '${n}'; use ${STRATEGY_NAMES.join(', ')}`);
  return names as StrategyName[] | undefined;
}

export async function experimentStrategiesCommand(
  flags: Record<string, unknown>,
  io: CliIo,
): Promise<{ exitCode: number; result?: StrategyExperimentResult }> {
  const names = listOf(flags.workloads) ?? [...STRATEGY_WORKLOADS_DEFAULT];
  const strategies = strategiesOf(flags.strategies);
  const seedCount = (flags.seeds as number | undefined) ?? 10;
  const workloads = [];
  const files: string[] = [];
  for (const name of names) {
    const file = resolveScenarioPath(name, io.cwd);
    files.push(file);
    workloads.push({ name: name.replace(/\.ts$/, ''), file, scenario: await loadScenario(file) });
  }
  const options = {
    workloads,
    ...(strategies ? { strategies } : {}),
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
    workers: (flags.workers as number | undefined) ?? Math.max(1, availableParallelism() - 1),
    load: SCENARIO_LOADER,
    outDir: resolve(io.cwd, String(flags.out)),
    plots: flags.plots !== false,
  };
  if (flags.queue !== undefined) {
    refuseLocalFlags(flags);
    const { queueStrategies } = await import('./queue-strategies.ts');
    const result = await queueStrategies(
      {
        url: String(flags.queue),
        sweep: {
          targets: names,
          scenarioHashes: files.map((f) => scenarioHash(f)),
          ...(strategies ? { strategies } : {}),
          seeds: options.seeds,
        },
        runsTotal: strategyGrid(options).cells.length,
        jobRuns: (flags.jobRuns as number | undefined) ?? 100,
        ...(flags.queueWaitS === undefined ? {} : { waitMs: (flags.queueWaitS as number) * 1000 }),
        outDir: options.outDir,
        plots: options.plots,
      },
      io,
    );
    printStrategyResult(result, io);
    return { exitCode: EXIT.passed, result };
  }
  if (flags.shard !== undefined) return onShard(flags, options, files, io);
  const progress = progressReporter(io, 'progress', 'runs');
  let result: StrategyExperimentResult;
  try {
    result = await runStrategyExperiment(options, {
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
  printStrategyResult(result, io);
  return { exitCode: EXIT.passed, result };
}

async function onShard(
  flags: Record<string, unknown>,
  options: StrategyExperimentOptions & { readonly outDir: string },
  files: readonly string[],
  io: CliIo,
): Promise<{ exitCode: number }> {
  let shard;
  try {
    shard = parseShard(String(flags.shard));
  } catch (e) {
    throw new CliError((e as Error).message.replace(/^shard: /, '--shard: '), undefined, {
      cause: e,
    });
  }
  const out = options.outDir;
  if (existsSync(out) && statSync(out).isDirectory())
    throw new CliError(
      `--out: with --shard, --out names the part file, but ${out} is a folder; write e.g. --out ${join(out, `part-${shard.index}-of-${shard.count}.json`)}`,
    );
  const progress = progressReporter(io, 'progress', 'runs');
  let part;
  try {
    part = await runStrategyPart(
      options,
      shard,
      shardRange,
      files.map((f) => scenarioHash(f)),
      (done, total) => progress.update(done, total),
    );
  } finally {
    progress.stop();
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(part) + '\n');
  io.out(
    `shard ${shard.index}/${shard.count}: runs ${part.range[0]}..${part.range[1] - 1} of ${part.runsTotal} (none when the slice is empty)`,
  );
  io.out(`wrote part: ${out}; join the parts with kernel-sim merge PART... --out DIR`);
  return { exitCode: EXIT.passed };
}

/** The table `experiment strategies` prints: one row per workload and strategy, then the files. */
export function printStrategyResult(result: StrategyExperimentResult, io: CliIo): void {
  const c = pc.createColors(io.color);
  io.out(
    c.bold(
      'workload                  strategy       passed  violations  update  held  held-wait  pause  dip     refused  rolled-back  steady',
    ),
  );
  for (const s of result.summaries)
    io.out(
      `${s.workload.padEnd(24)}  ${s.strategy.padEnd(13)}  ${`${s.passed}/${s.runs}`.padStart(6)}  ${String(s.violationRuns).padStart(10)}  ${String(s.updateTicksMean).padStart(6)}  ${String(s.heldCallsMean).padStart(4)}  ${String(s.heldTicksMean).padStart(9)}  ${String(s.pauseTicksMean).padStart(5)}  ${String(s.dipMean).padEnd(6)}  ${String(s.refusedPointsMean).padStart(7)}  ${`${s.rolledBackMean} (${s.rolledBackTicksMean}t)`.padStart(11)}  ${s.steadyOverheadMean}`,
    );
  for (const f of result.files) io.out(`${c.bold('wrote:')} ${f}`);
}
