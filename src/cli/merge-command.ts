/**
 * mergeCommand: `kernel-sim merge <part...> [--json]`: join the parts that
 * `kernel-sim check X --shard k/N --out FILE` wrote (one per shard, in any
 * order) and print exactly what the serial `kernel-sim check X` prints, with
 * its exit code. Parts of different sweeps, of a scenario file that differed
 * between machines, a shard missing or given twice, or a part whose seeds
 * are not its slice's: an input error (exit 2) naming the file.
 *
 * Parts of `kernel-sim experiment quiescence|strategies --shard k/N --out
 * FILE` (told apart by their format and experiment fields) merge likewise
 * with `--out DIR [--no-plots]`: the serial experiment's files in DIR (the
 * same bytes; for quiescence all but quiescence-timing.json) and its table
 * on stdout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeCheckParts, parseCheckPart, summarize, type CheckSummary } from '../check/index.ts';
import {
  experimentOfPart,
  finishQuiescenceExperiment,
  finishStrategyExperiment,
  mergeQuiescenceParts,
  mergeStrategyParts,
  parseQuiescencePart,
  parseStrategyPart,
} from '../experiments/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { printCheckSummary } from './print-check-summary.ts';
import { printQuiescenceResult } from './print-quiescence-result.ts';
import { printStrategyResult } from './experiment-strategies-command.ts';

export interface MergeCommandOptions {
  readonly files: readonly string[];
  readonly json?: boolean;
  /** Experiment parts: the folder for the merged files. */
  readonly out?: string;
  /** Experiment parts: render the SVG plots (default true). */
  readonly plots?: boolean;
}

function read(file: string, io: CliIo): string {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new CliError(`merge: cannot read ${file}: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
}

function experimentOfFile(text: string): string | undefined {
  try {
    return experimentOfPart(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export async function mergeCommand(
  options: MergeCommandOptions,
  io: CliIo,
): Promise<{ exitCode: number; summary?: CheckSummary }> {
  const texts = options.files.map((f) => read(f, io));
  const experiment = texts.length > 0 ? experimentOfFile(texts[0]) : undefined;
  if (experiment !== undefined) return mergeExperiment(experiment, texts, options, io);
  if (options.out !== undefined)
    throw new CliError('merge: --out is for experiment parts; check parts print to stdout');
  let merged: ReturnType<typeof mergeCheckParts>;
  try {
    const parts = texts.map((t, i) => parseCheckPart(t, options.files[i]));
    merged = mergeCheckParts(parts, options.files);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message, undefined, { cause: e });
  }
  const summary = summarize(merged.results, merged.context);
  printCheckSummary(summary, options.json === true, io);
  return { exitCode: summary.exitCode, summary };
}

async function mergeExperiment(
  experiment: string,
  texts: readonly string[],
  options: MergeCommandOptions,
  io: CliIo,
): Promise<{ exitCode: number }> {
  if (options.out === undefined)
    throw new CliError(
      'merge: experiment parts need --out DIR, the folder for the merged files (as the serial experiment writes)',
    );
  if (options.json === true)
    throw new CliError('merge: --json is for check parts; experiment parts write files to --out');
  const outDir = resolve(io.cwd, options.out);
  const plots = options.plots ?? true;
  try {
    if (experiment === 'strategies') {
      const parts = texts.map((t, i) => parseStrategyPart(t, options.files[i]));
      const grid = mergeStrategyParts(parts, options.files);
      printStrategyResult(await finishStrategyExperiment(grid, { outDir, plots }), io);
      return { exitCode: EXIT.passed };
    }
    const parts = texts.map((t, i) => parseQuiescencePart(t, options.files[i]));
    const merged = mergeQuiescenceParts(parts, options.files);
    const result = await finishQuiescenceExperiment(
      merged.sweep,
      merged.outputs,
      { workers: merged.workers, wallMs: merged.wallMs },
      { outDir, plots },
    );
    printQuiescenceResult(result, io);
    return { exitCode: EXIT.passed };
  } catch (e) {
    if (!(e instanceof RangeError) || !e.message.startsWith('merge:')) throw e;
    throw new CliError(e.message, undefined, { cause: e });
  }
}
