/**
 * Scenario params: the sizes a scenario declares for itself (how many
 * threads, rounds, objects), set per run from the command line with
 * `--param name=value` and handed to `setup(sim, params)`:
 *
 *   params: {
 *     threads: { default: 6, min: 1, max: 32 },  // bounded: check may shrink it
 *     rounds: 10,                                // a plain number: never changed
 *   }
 *
 * Values are integers. A param with a `min` is a size `kernel-sim check`
 * may shrink on a failure (check/shrink-failure.ts: toward `min`, keeping a
 * smaller value only when the run still fails); one without is never
 * changed by the shrinker. `max` bounds what a user may ask for.
 *
 *   checkParamsSpec(params, where)        defineScenario's validation
 *   resolveScenarioParams(scenario, given) -> every param's value for a run
 *   paramMins(scenario)                    -> the shrinkable params' minimums
 *
 * Invariant: a resolved value is an integer within its declared bounds;
 * anything else (an unknown name, a fraction, a value out of bounds) is a
 * ScenarioInputError naming the param, its bounds and the flag (exit 2).
 */
import { ScenarioInputError } from './scenario-error.ts';

export interface ParamSpec {
  /** The value when the run does not set it (an integer within the bounds). */
  readonly default: number;
  /** The smallest value; with it, check's shrinker may make the param smaller on a failure. */
  readonly min?: number;
  /** The largest value a run may set. */
  readonly max?: number;
  /** One line for the reader (what the param sizes). */
  readonly description?: string;
}

export type ParamsSpec = Readonly<Record<string, number | ParamSpec>>;
/** A run's params: name to integer value. */
export type ScenarioParams = Readonly<Record<string, number>>;

interface HasParams {
  readonly name: string;
  readonly params?: ParamsSpec;
}

const PARAM_NAME = /^[A-Za-z][\w-]*$/;

function specOf(p: number | ParamSpec): ParamSpec {
  return typeof p === 'number' ? { default: p } : p;
}

function boundsText(s: ParamSpec): string {
  if (s.min !== undefined && s.max !== undefined) return `an integer from ${s.min} to ${s.max}`;
  if (s.min !== undefined) return `an integer >= ${s.min}`;
  if (s.max !== undefined) return `an integer <= ${s.max}`;
  return 'an integer';
}

function inBounds(s: ParamSpec, v: number): boolean {
  return (
    Number.isSafeInteger(v) &&
    (s.min === undefined || v >= s.min) &&
    (s.max === undefined || v <= s.max)
  );
}

/** Throws when `params` is not a well-formed declaration. */
export function checkParamsSpec(params: unknown, where: string): void {
  const fail = (what: string): never => {
    throw new ScenarioInputError(`defineScenario: ${where}: ${what}`);
  };
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    fail(`'params' must be an object of name: integer or { default, min?, max? }`);
  for (const [name, p] of Object.entries(params as Record<string, unknown>)) {
    if (!PARAM_NAME.test(name))
      fail(`param name '${name}' must start with a letter and hold only letters, digits, _ and -`);
    if (typeof p !== 'number' && (typeof p !== 'object' || p === null))
      fail(`param '${name}' must be an integer or { default, min?, max? }, got ${String(p)}`);
    const s = specOf(p as number | ParamSpec);
    for (const key of ['default', 'min', 'max'] as const) {
      const v = s[key];
      if ((key === 'default' || v !== undefined) && !Number.isSafeInteger(v))
        fail(`param '${name}': '${key}' must be an integer, got ${String(v)}`);
    }
    if (s.min !== undefined && s.max !== undefined && s.min > s.max)
      fail(`param '${name}': min (${s.min}) is above max (${s.max})`);
    if (!inBounds(s, s.default))
      fail(`param '${name}': default ${s.default} is not ${boundsText(s)}`);
  }
}

/** Every declared param's value for a run: the defaults, with `given` (from --param) over them. */
export function resolveScenarioParams(
  scenario: HasParams,
  given: ScenarioParams = {},
): ScenarioParams {
  const declared = scenario.params ?? {};
  const where = `scenario '${scenario.name}'`;
  const names = Object.keys(declared);
  for (const [name, v] of Object.entries(given)) {
    if (!Object.hasOwn(declared, name))
      throw new ScenarioInputError(
        names.length === 0
          ? `${where} declares no params; drop --param ${name}=${v}`
          : `${where} has no param '${name}'; its params are ${names.join(', ')}`,
      );
    const s = specOf(declared[name]);
    if (!inBounds(s, v))
      throw new ScenarioInputError(
        `${where}: --param ${name}=${v} is out of bounds: ${name} must be ${boundsText(s)}`,
      );
  }
  return Object.fromEntries(names.map((n) => [n, given[n] ?? specOf(declared[n]).default]));
}

/** The params check may shrink (those with a min), in declaration order: name to min. */
export function paramMins(scenario: HasParams): ScenarioParams {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(scenario.params ?? {})) {
    const min = specOf(p).min;
    if (min !== undefined) out[name] = min;
  }
  return out;
}

/** Parses `name=value` (the --param flag's value); throws with the expected form. */
export function parseParamArg(arg: string): [string, number] {
  const m = /^([A-Za-z][\w-]*)=(-?\d+)$/.exec(arg);
  if (m === null)
    throw new ScenarioInputError(
      `--param takes name=integer (e.g. --param threads=4), got '${arg}'`,
    );
  return [m[1], Number(m[2])];
}
