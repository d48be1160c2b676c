/**
 * experimentQuiescenceCommand: `kernel-sim experiment quiescence [sweep
 * options] --out DIR`, a thin wrapper round runQuiescenceExperiment
 * (src/experiments): the flags become sweep options (lists are
 * comma-separated), checked before anything runs (a bad value is exit 2,
 * naming the option); progress goes to stderr (progress-reporter.ts: a bar
 * on a terminal, plain `progress: N/M runs` lines when not);
 * the result is a table of points on stdout and the files written.
 */
import { resolve } from 'node:path';
import pc from 'picocolors';
import {
  resolveQuiescenceSweep,
  runQuiescenceExperiment,
  type QuiescenceExperimentOptions,
} from '../experiments/index.ts';
import type { DetectorName, MarkerMode } from '../quiescence/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { progressReporter } from './progress-reporter.ts';

export interface ExperimentCommandResult {
  readonly exitCode: number;
  readonly files: readonly string[];
}

export async function experimentQuiescenceCommand(
  flags: Record<string, unknown>,
  io: CliIo,
): Promise<ExperimentCommandResult> {
  const options = sweepOptionsOf(flags, io.cwd);
  try {
    resolveQuiescenceSweep(options);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e), undefined, { cause: e });
  }
  const progress = progressReporter(io, 'progress', 'runs');
  let result;
  try {
    result = await runQuiescenceExperiment(options, {
      onProgress: (p) => progress.update(p.done, p.total),
    });
  } finally {
    progress.stop();
  }
  const c = pc.createColors(io.color);
  io.out(
    c.bold(
      'detector     poll  cpus  gap  lifetime              runs  latency p50/p99/max   lag p50/p99/max   unreached',
    ),
  );
  for (const p of result.points) {
    const cell = (a: number | null, b: number | null, m: number | null) =>
      `${a ?? '-'}/${b ?? '-'}/${m ?? '-'}`;
    io.out(
      `${p.series.split('/')[0].padEnd(11)}  ${String(p.pollTicks ?? '-').padStart(4)}  ${String(p.cpus).padStart(4)}  ${String(p.gapPerCpuTicks).padStart(3)}  ${p.lifetime.padEnd(20)}  ${String(p.runs).padStart(4)}  ` +
        `${cell(p.latencyMedianTicks, p.latencyP99Ticks, p.latencyMaxTicks).padEnd(20)}  ${cell(p.lagMedianTicks, p.lagP99Ticks, p.lagMaxTicks).padEnd(16)}  ${p.unreached}`,
    );
  }
  io.out(
    `${result.timing.runs} runs on ${result.timing.workers} worker(s) in ${(result.timing.wallMs / 1000).toFixed(1)} s`,
  );
  for (const f of result.files) io.out(`${c.bold('wrote:')} ${f}`);
  const failed = result.points.reduce((n, p) => n + p.runsFailed, 0);
  if (failed > 0) io.out(c.yellow(`${failed} run(s) did not pass; see quiescence.json`));
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
