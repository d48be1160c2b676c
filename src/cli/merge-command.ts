/**
 * mergeCommand: `kernel-sim merge <part...> [--json]`: join the parts that
 * `kernel-sim check X --shard k/N --out FILE` wrote (one per shard, in any
 * order) and print exactly what the serial `kernel-sim check X` prints, with
 * its exit code. Parts of different sweeps, of a scenario file that differed
 * between machines, a shard missing or given twice, or a part whose seeds
 * are not its slice's: an input error (exit 2) naming the file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeCheckParts, parseCheckPart, summarize, type CheckSummary } from '../check/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { printCheckSummary } from './print-check-summary.ts';

export interface MergeCommandOptions {
  readonly files: readonly string[];
  readonly json?: boolean;
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

export function mergeCommand(
  options: MergeCommandOptions,
  io: CliIo,
): { exitCode: number; summary: CheckSummary } {
  let merged: ReturnType<typeof mergeCheckParts>;
  try {
    const parts = options.files.map((f) => parseCheckPart(read(f, io), f));
    merged = mergeCheckParts(parts, options.files);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message, undefined, { cause: e });
  }
  const summary = summarize(merged.results, merged.context);
  printCheckSummary(summary, options.json === true, io);
  return { exitCode: summary.exitCode, summary };
}
