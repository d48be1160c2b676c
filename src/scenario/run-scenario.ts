/**
 * runScenario: one run of a scenario, start to report, with no process I/O
 * (the CLI, tests, checkers and experiments all call it).
 *
 *   runScenario(scenario, { seed, overrides, plugins, attach, source, reproduceArgs })
 *     -> ScenarioReport
 *
 * Order: resolve the options from (scenario options, overrides, seed) and
 * the params (the scenario's declared defaults, overrides.params over them);
 * create the simulation; `attach(sim)` (checkers, recorders: they see every
 * event); attach the plugins; `setup(sim, params)`; attach the plugins again, so
 * interposing plugins reach the objects setup created (Plugin.attach picks up
 * objects created since); run; if the run passed, `expect(result, sim, ctx)`:
 * a throw turns the outcome into 'correctness' with its message (safety is
 * judged only on a run that finished; a liveness failure is not masked);
 * before expect, with onFailedThread 'fail', a thread that ended by throwing
 * turns a passed run into 'correctness' naming the thread and its error
 * (unless `faults` excuses it: an injected fault's own; expect's 4th
 * argument, ExpectInfo, says which faults fired and which threads failed);
 * then `summary(result, sim, ctx)`, whatever the outcome (a summary that
 * throws gives one line saying so; it never changes the outcome).
 *
 * Errors: a malformed scenario, options out of range, or a `setup` that
 * throws raise ScenarioInputError (setup: ScenarioSetupError with the
 * message and `file:line`). Outcomes of the run itself are values; so is a
 * setup stopped by the watchdog or by a live limit (threadsMax, objectsMax):
 * liveness.
 */
import { readSummary } from './summary-series.ts';
import { LiveLimitError, Prng } from '../kernel/index.ts';
import { expectInfo, type ExpectInfo, type RunFaults } from './expect-info.ts';
import {
  createSimulation,
  resolveOptions,
  type ResolvedOptions,
  type RunResult,
  type Simulation,
} from '../simulation/index.ts';
import {
  checkOptionNames,
  isScenario,
  type OnFailedThread,
  type Scenario,
} from './define-scenario.ts';
import { reproduceCommand, type ScenarioOverrides } from './reproduce-command.ts';
import { RunTally } from './run-tally.ts';
import { resolveScenarioParams, type ScenarioParams } from './scenario-params.ts';
import { ScenarioInputError, ScenarioSetupError, locateError } from './scenario-error.ts';
import type { FailedThread, ScenarioReport } from './scenario-report.ts';
import { reportSwap } from './swap-report.ts';
import { DEFAULT_WATCHDOG_MS, Watchdog, WatchdogTimeout } from '../watchdog/index.ts';

/** What runScenario needs of a plugin (src/plugins' Plugin satisfies it). */
export interface ScenarioPlugin {
  readonly name: string;
  attach(sim: Simulation): void;
  report(): unknown;
  lines(): readonly string[];
  /** Optional: what the user probably got wrong, printed as `warning:` lines. */
  warnings?(): readonly string[];
}

export interface RunScenarioOptions {
  /** Default 1. */
  readonly seed?: number;
  /** Options that win over the scenario's own (what --cpus etc. set). */
  readonly overrides?: ScenarioOverrides;
  readonly plugins?: readonly ScenarioPlugin[];
  /** Called with the new simulation before setup: hook checkers, recorders, observers here. */
  readonly attach?: (sim: Simulation) => void;
  /** How the scenario is named in the reproduce line (default: its file, else its name). */
  readonly source?: string;
  /** Extra arguments for the reproduce line (e.g. --plugin counter). */
  readonly reproduceArgs?: readonly string[];
  /**
   * Longest a step of user code may run without yielding or returning, in
   * wall-clock ms (setup, every kernel step, expect, summary); past it the
   * run ends as liveness, naming the culprit. Default DEFAULT_WATCHDOG_MS;
   * 0 turns the watchdog off.
   */
  readonly watchdogMs?: number;
  /** Called when the run ends, before expect() and summary(): stop recorders here. */
  readonly runEnded?: (sim: Simulation) => void;
  /** Wins over the scenario's own onFailedThread; without either, 'report'. */
  readonly onFailedThread?: OnFailedThread;
  /** The run's seeded faults, from whoever installed them in attach (expect-info.ts). */
  readonly faults?: RunFaults;
}

export function runScenario<Ctx>(
  scenario: Scenario<Ctx>,
  options: RunScenarioOptions = {},
): ScenarioReport {
  if (!isScenario(scenario))
    throw new ScenarioInputError(
      'runScenario: expected a scenario made by defineScenario({ name, description, setup, ... })',
    );
  const seed = options.seed ?? 1;
  const overrides = options.overrides ?? {};
  const params = resolveScenarioParams(scenario, overrides.params);
  const sim = createSimulation(resolveScenarioOptions(scenario, seed, overrides));
  const tally = new RunTally(sim);
  const plugins = options.plugins ?? [];
  options.attach?.(sim);
  for (const p of plugins) p.attach(sim);
  const watchdog = watchdogOf(options.watchdogMs);
  const guard = <T>(what: string, fn: () => T): T =>
    watchdog === null ? fn() : watchdog.guard(what, fn);
  let stuck: string | null = null;
  let ctx: Ctx | undefined;
  try {
    ctx = guard('setup()', () => runSetup(scenario, sim, params));
  } catch (e) {
    stuck = endsSetup(e);
  }
  for (const p of plugins) p.attach(sim);
  const ran =
    stuck !== null
      ? sim.interruptedResult(stuck)
      : sim.run(watchdog === null ? {} : { slicer: watchdog.slicer(sim) });
  if (ran.reason?.startsWith('watchdog:')) stuck = ran.reason;
  const calls = tally.calls();
  // Plugins report the run, as the tally does: calls made by expect() and
  // summary() after it are not counted (the CLI's, the plugins' and the HTML
  // report's call counts agree).
  const pluginReports = plugins.map(reportPlugin);
  options.runEnded?.(sim);
  const failedThreads = tally.failedThreads();
  const mode = options.onFailedThread ?? scenario.onFailedThread ?? 'report';
  const faults = options.faults;
  const owned =
    faults === undefined ? failedThreads : failedThreads.filter((f) => !faults.excuses(f));
  const threadsJudged = mode === 'fail' ? failThreads(ran, owned) : ran;
  const info = expectInfo(faults, failedThreads);
  const result =
    stuck !== null ? ran : judge(scenario, sim, ctx as Ctx, threadsJudged, guard, info);
  const summed =
    stuck !== null
      ? { lines: [], series: {} }
      : summarize(scenario, sim, ctx as Ctx, result, guard);
  return {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      source: options.source ?? scenario.file ?? scenario.name,
    },
    seed,
    options: sim.options,
    ...(scenario.params === undefined ? {} : { params }),
    outcome: result.outcome,
    reason: result.reason ?? null,
    ticks: result.ticks,
    eventsHash: result.eventsHash,
    events: result.events,
    threads: result.threads,
    failedThreads,
    calls,
    objects: sim.table.entries.map((e) => ({
      id: e.id,
      name: e.name,
      class: e.cls.name,
      version: e.version,
      state: e.state,
    })),
    swaps: sim.swapper.swaps.map((s) => reportSwap(s, result.ticks)),
    summary: summed.lines,
    ...(Object.keys(summed.series).length === 0 ? {} : { series: summed.series }),
    plugins: pluginReports,
    reproduce: reproduceCommand(
      options.source ?? scenario.file ?? scenario.name,
      seed,
      overrides,
      options.reproduceArgs,
    ),
  };
}

function reportPlugin(p: ScenarioPlugin): ScenarioReport['plugins'][number] {
  return {
    name: p.name,
    report: p.report() ?? null,
    lines: [...p.lines(), ...(p.warnings?.() ?? []).map((w) => `warning: ${w}`)],
  };
}

/** The options a run of `scenario` with this seed and these overrides uses. */
export function resolveScenarioOptions(
  scenario: Scenario<any>,
  seed: number,
  overrides: ScenarioOverrides = {},
): ResolvedOptions {
  const where = `scenario '${scenario.name}'`;
  const base = scenarioOptions(scenario, seed, where);
  checkOptionNames(base, where);
  const { params: _params, ...options } = overrides;
  try {
    return resolveOptions({ ...base, ...options, seed });
  } catch (e) {
    throw new ScenarioInputError(`${where}: ${describe(e)}`, null, { cause: e });
  }
}

function scenarioOptions(scenario: Scenario<any>, seed: number, where: string): object {
  if (typeof scenario.options !== 'function') return scenario.options ?? {};
  try {
    return scenario.options(new Prng(seed).derive('scenario options'));
  } catch (e) {
    throw new ScenarioInputError(
      `${where}: options(random) threw ${describe(e)}`,
      locateError(e, scenario.file ?? null),
      { cause: e },
    );
  }
}

function runSetup<Ctx>(scenario: Scenario<Ctx>, sim: Simulation, params: ScenarioParams): Ctx {
  try {
    return scenario.setup(sim, params);
  } catch (e) {
    const location = locateError(e, scenario.file ?? null) ?? locateError(e, null);
    throw new ScenarioSetupError(
      `scenario '${scenario.name}': setup threw ${describe(e)}`,
      location,
      { cause: e },
    );
  }
}

/**
 * A setup that never returned (the watchdog) or made too many live threads
 * or objects is a liveness failure, with that message; any other throw is
 * the scenario's input error, rethrown.
 */
function endsSetup(e: unknown): string {
  if (e instanceof WatchdogTimeout) return e.message;
  if (e instanceof ScenarioSetupError && e.cause instanceof LiveLimitError) return e.cause.message;
  throw e;
}

/** A passed run in which a thread threw becomes 'correctness', naming the first such thread. */
function failThreads(result: RunResult, failed: readonly FailedThread[]): RunResult {
  if (result.outcome !== 'passed' || failed.length === 0) return result;
  const f = failed[0];
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more failed threads)` : '';
  return {
    ...result,
    outcome: 'correctness',
    reason: `thread '${f.name}' (#${f.thread}) failed at tick ${f.tick}: ${f.error}${more}; onFailedThread is 'fail'`,
  };
}

type Guard = <T>(what: string, fn: () => T) => T;

function watchdogOf(limitMs: number | undefined): Watchdog | null {
  if (limitMs === 0) return null;
  try {
    return new Watchdog(limitMs ?? DEFAULT_WATCHDOG_MS);
  } catch (e) {
    throw new ScenarioInputError(`runScenario: ${describe(e)}`, null, { cause: e });
  }
}

function judge<Ctx>(
  scenario: Scenario<Ctx>,
  sim: Simulation,
  ctx: Ctx,
  result: RunResult,
  guard: Guard,
  info: ExpectInfo,
): RunResult {
  if (result.outcome !== 'passed' || scenario.expect === undefined) return result;
  try {
    guard('expect()', () => scenario.expect!(result, sim, ctx, info));
    return result;
  } catch (e) {
    if (e instanceof WatchdogTimeout) return { ...result, outcome: 'liveness', reason: e.message };
    const at = scenario.file === undefined ? null : locateError(e, scenario.file);
    const where = at === null ? '' : ` (expect, at ${at.slice(at.lastIndexOf('/') + 1)})`;
    return {
      ...result,
      outcome: 'correctness',
      reason: `${e instanceof Error ? e.message : String(e)}${where}`,
    };
  }
}

function summarize<Ctx>(
  scenario: Scenario<Ctx>,
  sim: Simulation,
  ctx: Ctx,
  result: RunResult,
  guard: Guard,
): { lines: string[]; series: Record<string, number[]> } {
  if (scenario.summary === undefined) return { lines: [], series: {} };
  try {
    return guard('summary()', () => readSummary(scenario.summary!(result, sim, ctx)));
  } catch (e) {
    return { lines: [`summary() threw ${describe(e)}`], series: {} };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
