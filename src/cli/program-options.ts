/**
 * The choices and helpers the command declarations share. The name lists
 * mirror the core's (hotswap STRATEGY_NAMES, cluster EXAMPLE_NAMES and
 * SCHEDULE_NAMES, scenario ON_FAILED_THREAD_MODES) so that `--help` loads
 * no core; test/cli pins that they agree.
 */
import { InvalidArgumentError } from 'commander';

export const SEED_MAX = Number.MAX_SAFE_INTEGER;
export const DETECTORS = ['k42', 'event', 'oracle'];
export const STRATEGY_NAMES = [
  'quiescence',
  'naive',
  'block-all',
  'update-points',
  'rollback',
  'lazy',
];
export const CLUSTER_EXAMPLES = ['ring', 'growset', 'colorset', 'colorset-weak'];
export const CLUSTER_SCHEDULES = ['rolling', 'by-group', 'at-time', 'when-idle', 'none'];
export const ON_FAILED_THREAD_MODES = ['fail', 'report'];

/** commander's accumulator for a repeatable flag. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `--plugin`'s accumulator: a value that looks like a flag means the name was
 * left out (commander would otherwise take the next flag as the value).
 */
export function collectPlugin(value: string, previous: string[]): string[] {
  if (value.startsWith('-')) {
    throw new InvalidArgumentError(
      `--plugin needs a plugin name before the next flag, e.g. '--plugin counter' (got '${value}'; see \`kernel-sim scenario --help\`)`,
    );
  }
  return collect(value, previous);
}

/**
 * `--param name=value`'s accumulator (repeatable): the scenario's own
 * integer params (src/scenario/scenario-params.ts checks names and bounds).
 */
export function collectParam(
  value: string,
  previous: Readonly<Record<string, number>>,
): Record<string, number> {
  const m = /^([A-Za-z][\w-]*)=(-?\d+)$/.exec(value);
  if (m === null)
    throw new InvalidArgumentError(
      `--param takes name=integer, e.g. '--param threads=4' (got '${value}'; the scenario's params are in its file)`,
    );
  return { ...previous, [m[1]]: Number(m[2]) };
}

export const PARAM_HELP =
  "set one of the scenario's own integer params (repeatable); a name or value the scenario does not declare is refused (exit 2)";

/** A help section of example command lines. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
