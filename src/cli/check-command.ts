/**
 * checkCommand: `kernel-sim check <scenario> [--seeds N | --seed-from A
 * --seed-to B] [--faults] [--schedule S] [--workers N] [--json]`, a thin wrapper round
 * runCheck (src/check): every checker on, optionally seeded faults, on
 * worker threads (default: one per available CPU) that load the scenario
 * with the CLI's own loader. The file is loaded here first, so a bad file is
 * reported once, as an input error (exit 2), before any worker starts.
 * Progress goes to stderr; the summary (or, with --json, the summary as one
 * JSON document) to stdout. Exit code: the summary's (0 passed, 3 any
 * correctness failure, 4 liveness, 1 crash).
 */
import { availableParallelism } from 'node:os';
import pc from 'picocolors';
import { formatSummary, resolveSeeds, runCheck, type CheckSummary } from '../check/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { terminalSafeData } from './terminal-text.ts';
import { loadScenario, SCENARIO_LOADER } from './load-scenario.ts';
import { progressReporter } from './progress-reporter.ts';
import { resolveScenarioPath } from './scenario-path.ts';

export interface CheckCommandOptions {
  readonly target: string;
  readonly seeds?: number;
  readonly seedFrom?: number;
  readonly seedTo?: number;
  readonly faults?: boolean;
  /** --schedule: fifo, random or pct[:depth] (default CHECK_SCHEDULE_DEFAULT). */
  readonly schedule?: string;

  /** Hot-swap strategy of swaps that name none (SimulationOptions.swapStrategy). */
  readonly strategy?: 'quiescence' | 'naive' | 'block-all';
  readonly workers?: number;
  readonly json?: boolean;
  readonly watchdogMs?: number;
}

export interface CheckCommandResult {
  readonly exitCode: number;
  readonly summary: CheckSummary;
}

export async function checkCommand(
  options: CheckCommandOptions,
  io: CliIo,
): Promise<CheckCommandResult> {
  const file = resolveScenarioPath(options.target, io.cwd);
  const scenario = await loadScenario(file);
  const seeds = seedsOf(options);
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), seeds.length));
  const progress = progressReporter(io, 'check', 'seeds');
  let done = 0;
  let summary: CheckSummary;
  try {
    summary = await runCheck({
      scenario: workers > 1 ? file : scenario,
      seeds,
      faults: options.faults === true,
      ...(options.schedule === undefined ? {} : { schedule: options.schedule }),

      ...(options.strategy === undefined ? {} : { overrides: { swapStrategy: options.strategy } }),
      workers,
      load: SCENARIO_LOADER,
      source: options.target,
      ...(options.watchdogMs === undefined ? {} : { watchdogMs: options.watchdogMs }),
      onSeed: () => progress.update(++done, seeds.length),
    });
  } finally {
    progress.stop();
  }
  if (options.json === true) {
    io.out(JSON.stringify(summary, null, 2));
  } else {
    const c = pc.createColors(io.color);
    for (const line of formatSummary(terminalSafeData(summary)))
      io.out(
        /^(PASSED|FAILED) /.test(line)
          ? line.startsWith('PASSED')
            ? c.green(line)
            : c.red(line)
          : line,
      );
  }
  return { exitCode: summary.exitCode, summary };
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
