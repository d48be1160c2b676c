/**
 * exitCodeFor: the CLI's one error boundary (changesets style). Every error
 * a command lets out ends here and becomes an exit code and, at most, one
 * message on stderr:
 *
 *   commander's own (help, version)        0, already printed
 *   commander's usage errors               2, already printed by commander
 *   CliError                               its exit code (2 unless said), its message
 *   ScenarioInputError (bad scenario),     2, its message (with file:line);
 *   PlotLibraryMissingError (no vega)
 *                                          recognised by name, so the boundary
 *                                          loads no simulator (fast --help)
 *   anything else                          1, "internal error" and the stack:
 *                                          a bug in kernel-sim, to be reported
 */
import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';

const QUIET_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

export function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError)
    return QUIET_CODES.has(error.code) ? EXIT.passed : EXIT.usage;
  if (error instanceof CliError) {
    io.err(`kernel-sim: ${error.message}`);
    return error.exitCode;
  }
  if (isNamed(error, 'ScenarioInputError', 'ScenarioSetupError', 'PlotLibraryMissingError')) {
    io.err(`kernel-sim: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const detail =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  io.err(
    `kernel-sim: internal error (this is a bug in kernel-sim; please report it with the command you ran):\n${detail}`,
  );
  return EXIT.internal;
}

function isNamed(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
