/**
 * reproduceCommand: the command line that replays a run (TigerBeetle's
 * "you can reproduce this failure with seed=..."):
 *
 *   kernel-sim scenario <source> --seed N [--cpus N] [--quantum N]
 *     [--ticks-max N] [--detector NAME] [--poll-ticks N] [--schedule S]
 *     [--param name=value ...] [extra...]
 *
 * Only the options the caller overrode appear (the scenario supplies the
 * rest, from the same seed); `extra` carries flags such as `--plugin`.
 * Arguments are quoted for a POSIX shell when they need it.
 */
import type { ScenarioOptions } from './define-scenario.ts';
import type { ScenarioParams } from './scenario-params.ts';

export type ScenarioOverrides = Partial<ScenarioOptions> & {
  /** --param name=value: the scenario's own params set for the run (scenario-params.ts). */
  readonly params?: ScenarioParams;
};

/** Command-line flag of each overridable option. */
export const OVERRIDE_FLAGS: Readonly<Record<string, string>> = {
  cpus: '--cpus',
  quantumTicks: '--quantum',
  ticksMax: '--ticks-max',
  detector: '--detector',
  pollTicks: '--poll-ticks',
  schedule: '--schedule',

  swapStrategy: '--strategy',
  swapWait: '--swap-wait',
  swapMediation: '--swap-mediation',
};

export function reproduceCommand(
  source: string,
  seed: number,
  overrides: ScenarioOverrides,
  extra: readonly string[] = [],
): string {
  const args = ['kernel-sim', 'scenario', source, '--seed', String(seed)];
  return [...args, ...overrideArgs(overrides), ...extra].map(shellQuote).join(' ');
}

/** The command-line flags of `overrides` (each option's flag, then `--param`s), unquoted. */
export function overrideArgs(overrides: ScenarioOverrides): string[] {
  const args: string[] = [];
  for (const [key, flag] of Object.entries(OVERRIDE_FLAGS)) {
    const value = (overrides as Record<string, unknown>)[key];
    if (value !== undefined) args.push(flag, String(value));
  }
  args.push(...paramArgs(overrides.params));
  return args;
}

export function shellQuote(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `--param name=value` for each param set, in the order given. */
export function paramArgs(params: ScenarioParams | undefined): string[] {
  return Object.entries(params ?? {}).flatMap(([name, v]) => ['--param', `${name}=${v}`]);
}
