/**
 * defineScenario: the one thing a scenario file exports (docs/SCENARIOS.md).
 *
 *   export default defineScenario({
 *     name: 'hello',
 *     description: 'one line for `kernel-sim list`',
 *     options: { cpus: 2, quantumTicks: 10, ticksMax: 100_000 },  // or (random) => ({ ... })
 *     params: { threads: { default: 6, min: 1, max: 32 } }, // optional: --param threads=N
 *     setup(sim, params) { ...objects, threads, sim.at(tick, swap)...; return ctx },
 *     expect(result, sim, ctx) { ...throw to fail the run... },
 *     summary(result, sim, ctx) { return ['lines for the report'] },
 *     checkers: { ... },   // optional: options for `kernel-sim check`
 *     onFailedThread: 'fail', // optional: a thread that throws fails the run
 *     faultAware: true,     // optional: expect(result, sim, ctx, info) keeps what faults leave valid
 *   });
 *
 * `options` are the simulation options minus the seed (the seed belongs to
 * the run). They may be a function of a PRNG derived from the run's seed, so
 * that one seed drives every option (TigerBeetle's VOPR). Whatever `setup`
 * returns is handed to `expect` and `summary` as their third argument, so a
 * scenario keeps its objects per run instead of in module variables.
 *
 * Invariant: a Scenario is recognised by a registered symbol, so a scenario
 * made by another copy of kernel-sim is still recognised (and rejected with
 * a clear message only when malformed). Definition mistakes throw
 * ScenarioInputError naming the field and what it accepts.
 */
import type { ScenarioSummary } from './summary-series.ts';
import type { CheckerOptions } from '../checkers/index.ts';
import type { Prng } from '../kernel/index.ts';
import type { RunResult, Simulation, SimulationOptions } from '../simulation/index.ts';
import { ScenarioInputError } from './scenario-error.ts';
import type { ExpectInfo } from './expect-info.ts';
import { checkParamsSpec, type ParamsSpec, type ScenarioParams } from './scenario-params.ts';

export type ScenarioOptions = Omit<SimulationOptions, 'seed'>;

export interface ScenarioSpec<Ctx = unknown> {
  /** Short name, shown in reports (kebab-case by convention). */
  readonly name: string;
  /** One line: what the scenario shows. */
  readonly description: string;
  /** Simulation options (not the seed), or a function of a PRNG derived from the seed. */
  readonly options?: ScenarioOptions | ((random: Prng) => ScenarioOptions);
  /**
   * The scenario's own integer sizes (threads, rounds...), set per run with
   * `--param name=value`; a param with a `min` is one check may shrink on a
   * failure (scenario-params.ts).
   */
  readonly params?: ParamsSpec;
  /**
   * Build the world: objects, threads, workloads, `sim.at(...)` swaps.
   * Nothing runs yet. `params` holds every declared param's value for this run.
   */
  setup(sim: Simulation, params: ScenarioParams): Ctx;
  /**
   * What must hold at the end of a passed run; throw to fail it (outcome
   * 'correctness'). `info` says which seeded faults fired and which threads
   * failed (expect-info.ts), so a scenario can keep what a fault leaves valid.
   */
  expect?(result: RunResult, sim: Simulation, ctx: Ctx, info: ExpectInfo): void;
  /**
   * expect() reads `info` and, under faults, checks only what the fired
   * faults leave valid: `kernel-sim check --faults` then counts its failures
   * after faults fired too (without it they are the faults' own, tolerated).
   */
  readonly faultAware?: boolean;
  /**
   * Lines for the report's account (e.g. figures the scenario measured),
   * called after every run; or `{ lines, series }`, whose named series of
   * numbers `--report` draws as a chart (summary-series.ts).
   */
  summary?(result: RunResult, sim: Simulation, ctx: Ctx): readonly string[] | ScenarioSummary;
  /** Options for the invariant checkers when the scenario runs under `kernel-sim check` (e.g. a transfer's state mapping). */
  readonly checkers?: CheckerOptions;
  /**
   * What a thread that ends by throwing does to the run: 'fail' turns a
   * passed run into 'correctness' naming the thread and its error; 'report'
   * only lists it. Default: 'report' under `kernel-sim scenario`, 'fail'
   * under `kernel-sim check`; `--on-failed-thread` wins over both.
   */
  readonly onFailedThread?: OnFailedThread;
}

export type OnFailedThread = 'fail' | 'report';
export const ON_FAILED_THREAD_MODES: readonly OnFailedThread[] = ['fail', 'report'];

export const SCENARIO_BRAND: unique symbol = Symbol.for('kernel-sim.scenario') as never;

export interface Scenario<Ctx = unknown> extends ScenarioSpec<Ctx> {
  readonly [SCENARIO_BRAND]: true;
  /** The file it was loaded from, when loaded from one. */
  readonly file?: string;
}

export const SCENARIO_OPTION_NAMES: readonly string[] = [
  'cpus',
  'quantumTicks',
  'ticksMax',
  'detector',
  'pollTicks',
  'hashEvents',
  'callStats',
  'callDepthMax',
  'threadsMax',
  'objectsMax',
  'schedule',
  'swapStrategy',
  'swapWait',
  'swapMediation',
];

export function defineScenario<Ctx = unknown>(spec: ScenarioSpec<Ctx>): Scenario<Ctx> {
  checkSpec(spec);
  return Object.freeze({ ...spec, [SCENARIO_BRAND]: true as const });
}

export function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[SCENARIO_BRAND] === true
  );
}

/** The same scenario, remembering the file it came from. */
export function withFile<Ctx>(scenario: Scenario<Ctx>, file: string): Scenario<Ctx> {
  return Object.freeze({ ...scenario, file });
}

function checkSpec(spec: unknown): asserts spec is ScenarioSpec<unknown> {
  const fail = (what: string): never => {
    throw new ScenarioInputError(`defineScenario: ${what}`);
  };
  if (typeof spec !== 'object' || spec === null)
    fail(`expected an object { name, description, options?, setup, expect? }, got ${String(spec)}`);
  const s = spec as Record<string, unknown>;
  if (typeof s.name !== 'string' || s.name.trim() === '')
    fail(`'name' must be a non-empty string, got ${JSON.stringify(s.name)}`);
  const where = `scenario '${String(s.name)}'`;
  if (typeof s.description !== 'string') fail(`${where}: 'description' must be a one-line string`);
  if (typeof s.setup !== 'function') fail(`${where}: 'setup(sim)' must be a function`);
  if (s.expect !== undefined && typeof s.expect !== 'function')
    fail(`${where}: 'expect(result, sim)' must be a function when given`);
  if (s.summary !== undefined && typeof s.summary !== 'function')
    fail(`${where}: 'summary(result, sim)' must be a function returning lines when given`);
  if (s.checkers !== undefined && (typeof s.checkers !== 'object' || s.checkers === null))
    fail(`${where}: 'checkers' must be an object of checker options when given`);
  if (s.onFailedThread !== undefined && !ON_FAILED_THREAD_MODES.includes(s.onFailedThread as never))
    fail(
      `${where}: 'onFailedThread' must be 'fail' or 'report', got ${JSON.stringify(s.onFailedThread)}`,
    );
  if (s.faultAware !== undefined && typeof s.faultAware !== 'boolean')
    fail(`${where}: 'faultAware' must be true or false, got ${JSON.stringify(s.faultAware)}`);
  if (s.options !== undefined && typeof s.options !== 'function')
    checkOptionNames(s.options, where);
  if (s.params !== undefined) checkParamsSpec(s.params, where);
}

/** Throws when `options` is not an object of known scenario option names. */
export function checkOptionNames(options: unknown, where: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new ScenarioInputError(
      `${where}: 'options' must be an object (or a function returning one)`,
    );
  }
  for (const key of Object.keys(options)) {
    if (key === 'seed')
      throw new ScenarioInputError(
        `${where}: 'seed' is not a scenario option; the seed is chosen per run (--seed N)`,
      );
    if (!SCENARIO_OPTION_NAMES.includes(key)) {
      throw new ScenarioInputError(
        `${where}: unknown option '${key}'; the options are ${SCENARIO_OPTION_NAMES.join(', ')}`,
      );
    }
  }
}
