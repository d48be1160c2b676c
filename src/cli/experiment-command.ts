/**
 * experimentQuiescenceCommand: `kernel-sim experiment quiescence [sweep
 * options] --out DIR`, a thin wrapper round runQuiescenceExperiment
 * (src/experiments): the flags become sweep options (lists are
 * comma-separated), checked before anything runs (a bad value is exit 2,
 * naming the option); progress goes to stderr (progress-reporter.ts: a bar
 * on a terminal, plain `progress: N/M runs` lines when not);
 * the result is a table of points on stdout and the files written.
 *
 * Beyond one machine (docs/SCALE.md):
 *   --shard k/N --out FILE   runs slice k of N of the run list and writes
 *                            it as a part (src/experiments/quiescence-part.ts);
 *                            `kernel-sim merge PARTS --out DIR` writes the
 *                            serial files;
 *   --queue URL --out DIR    runs the sweep as jobs of --job-runs runs on
 *                            `kernel-sim worker` processes (queue-experiment.ts).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseShard, shardRange } from '../check/index.ts';
import {
  resolveQuiescenceSweep,
  runQuiescenceExperiment,
  runQuiescencePart,
  sweepPoints,
  sweepRuns,
  type QuiescenceExperimentOptions,
  type ResolvedSweep,
} from '../experiments/index.ts';
import type { DetectorName, MarkerMode } from '../quiescence/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { refuseLocalFlags } from './cli-queue-sweep.ts';
import { EXIT } from './exit-codes.ts';
import { JOB_RUNS_DEFAULT } from './experiment-job.ts';
import { printQuiescenceResult } from './print-quiescence-result.ts';
import { progressReporter } from './progress-reporter.ts';

export interface ExperimentCommandResult {
  readonly exitCode: number;
  readonly files: readonly string[];
}

export async function experimentQuiescenceCommand(
  flags: Record<string, unknown>,
  io: CliIo,
): Promise<ExperimentCommandResult> {
  if (flags.mediations !== undefined) {
    const { experimentMediationCommand } = await import('./experiment-mediation-command.ts');
    return experimentMediationCommand(flags, io);
  }
  const options = sweepOptionsOf(flags, io.cwd);
  let sweep: ResolvedSweep;
  try {
    sweep = resolveQuiescenceSweep(options);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e), undefined, { cause: e });
  }
  if (flags.queue !== undefined) return onQueue(flags, sweep, options, io);
  if (flags.jobRuns !== undefined || flags.queueWaitS !== undefined)
    throw new CliError(
      '--job-runs and --queue-wait-s apply to a queued experiment; add --queue redis://HOST:PORT',
    );
  if (flags.shard !== undefined) return onShard(flags, options, io);
  const progress = progressReporter(io, 'progress', 'runs');
  let result;
  try {
    result = await runQuiescenceExperiment(options, {
      onProgress: (p) => progress.update(p.done, p.total),
    });
  } finally {
    progress.stop();
  }
  printQuiescenceResult(result, io);
  return { exitCode: EXIT.passed, files: result.files };
}

async function onShard(
  flags: Record<string, unknown>,
  options: QuiescenceExperimentOptions,
  io: CliIo,
): Promise<ExperimentCommandResult> {
  let shard;
  try {
    shard = parseShard(String(flags.shard));
  } catch (e) {
    throw new CliError((e as Error).message.replace(/^shard: /, '--shard: '), undefined, {
      cause: e,
    });
  }
  const out = options.outDir!;
  if (existsSync(out) && statSync(out).isDirectory())
    throw new CliError(
      `--out: with --shard, --out names the part file, but ${out} is a folder; write e.g. --out ${join(out, `part-${shard.index}-of-${shard.count}.json`)}`,
    );
  const progress = progressReporter(io, 'progress', 'runs');
  let part;
  try {
    part = await runQuiescencePart(options, shard, shardRange, (done, total) =>
      progress.update(done, total),
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
  return { exitCode: EXIT.passed, files: [out] };
}

async function onQueue(
  flags: Record<string, unknown>,
  sweep: ResolvedSweep,
  options: QuiescenceExperimentOptions,
  io: CliIo,
): Promise<ExperimentCommandResult> {
  refuseLocalFlags(flags);
  const { queueExperiment } = await import('./queue-experiment.ts');
  const result = await queueExperiment(
    {
      url: String(flags.queue),
      sweep,
      runsTotal: sweepRuns(sweep, sweepPoints(sweep)).length,
      jobRuns: (flags.jobRuns as number | undefined) ?? JOB_RUNS_DEFAULT,
      ...(flags.queueWaitS === undefined ? {} : { waitMs: (flags.queueWaitS as number) * 1000 }),
      outDir: options.outDir!,
      plots: options.plots ?? true,
    },
    io,
  );
  printQuiescenceResult(result, io);
  return { exitCode: EXIT.passed, files: result.files };
}

function sweepOptionsOf(f: Record<string, unknown>, cwd: string): QuiescenceExperimentOptions {
  const list = (name: string): string[] | undefined =>
    typeof f[name] === 'string'
      ? f[name]
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : undefined;
  const ints = (name: string, flag: string): number[] | undefined =>
    list(name)?.map((s) => {
      const n = Number(s);
      if (!/^\d+$/.test(s) || !Number.isSafeInteger(n))
        throw new CliError(
          `${flag}: '${s}' is not a whole number; write a comma-separated list such as 1,2,4`,
        );
      return n;
    });
  const sleepFraction = f.sleepFraction === undefined ? undefined : Number(f.sleepFraction);
  if (sleepFraction !== undefined && !(sleepFraction >= 0 && sleepFraction <= 1)) {
    throw new CliError(
      `--sleep-fraction must be a number from 0 to 1, got '${String(f.sleepFraction)}'`,
    );
  }
  const all: QuiescenceExperimentOptions = {
    gapsPerCpuTicks: ints('gaps', '--gaps'),
    lifetimes: list('lifetimes'),
    cpus: ints('cpus', '--cpus'),
    detectors: list('detectors') as DetectorName[] | undefined,
    pollsTicks: ints('polls', '--polls'),
    waits: list('waits') as MarkerMode[] | undefined,
    seeds: f.seeds as number | undefined,
    seedFirst: f.seedFirst as number | undefined,
    threadsPerCpu: f.threadsPerCpu as number | undefined,
    requests: f.requests as number | undefined,
    sleepFraction,
    quantumTicks: f.quantum as number | undefined,
    ticksMax: f.ticksMax as number | undefined,
    workers: f.workers as number | undefined,
    outDir: typeof f.out === 'string' ? resolve(cwd, f.out) : undefined,
    plots: f.plots === false ? false : undefined,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}
