/**
 * mergeCommand: `kernel-sim merge <part...> [--json]`: join the parts that
 * `kernel-sim check X --shard k/N --out FILE` wrote (one per shard, in any
 * order) and print exactly what the serial `kernel-sim check X` prints, with
 * its exit code. Parts of different sweeps, of a scenario file that differed
 * between machines, a shard missing or given twice, or a part whose seeds
 * are not its slice's: an input error (exit 2) naming the file.
 *
 * Parts of `kernel-sim experiment quiescence --shard k/N --out FILE` (told
 * apart by their format field) merge likewise with `--out DIR [--no-plots]`:
 * the serial experiment's files in DIR (the same bytes, all but
 * quiescence-timing.json) and its table on stdout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeCheckParts, parseCheckPart, summarize, type CheckSummary } from '../check/index.ts';
import {
  finishQuiescenceExperiment,
  isExperimentPart,
  mergeQuiescenceParts,
  parseQuiescencePart,
  type MergedQuiescence,
} from '../experiments/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { printCheckSummary } from './print-check-summary.ts';
import { printQuiescenceResult } from './print-quiescence-result.ts';

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

function isExperimentFile(text: string): boolean {
  try {
    return isExperimentPart(JSON.parse(text));
  } catch {
    return false;
  }
}

export async function mergeCommand(
  options: MergeCommandOptions,
  io: CliIo,
): Promise<{ exitCode: number; summary?: CheckSummary }> {
  const texts = options.files.map((f) => read(f, io));
  if (texts.length > 0 && isExperimentFile(texts[0])) return mergeExperiment(texts, options, io);
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
  let merged: MergedQuiescence;
  try {
    const parts = texts.map((t, i) => parseQuiescencePart(t, options.files[i]));
    merged = mergeQuiescenceParts(parts, options.files);
  } catch (e) {
    throw new CliError((e as Error).message, undefined, { cause: e });
  }
  const result = await finishQuiescenceExperiment(
    merged.sweep,
    merged.outputs,
    { workers: merged.workers, wallMs: merged.wallMs },
    { outDir: resolve(io.cwd, options.out), plots: options.plots ?? true },
  );
  printQuiescenceResult(result, io);
  return { exitCode: EXIT.passed };
}
