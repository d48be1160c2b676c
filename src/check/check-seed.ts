/**
 * checkSeed: one seed of a check. Runs the scenario through runScenario with
 * the checkers attached (and the faults installed, if asked) before setup,
 * optionally runs it again to compare event logs, and classifies the result
 * (seed-result.ts). Synchronous and free of process I/O: the serial runner,
 * the worker task and tests all call it.
 */
import {
  attachCheckers,
  compareRuns,
  formatViolation,
  type CheckerOptions,
  type CheckReport,
} from '../checkers/index.ts';
import {
  installFaults,
  mentionsInjectedFault,
  type FaultOptions,
  type FaultPlan,
} from '../faults/index.ts';
import {
  paramArgs,
  paramMins,
  resolveScenarioParams,
  runScenario,
  shellQuote,
  type ScenarioParams,
  type OnFailedThread,
  type Scenario,
  type ScenarioOverrides,
  type ScenarioReport,
} from '../scenario/index.ts';
import { stoppedByWatchdog } from '../watchdog/index.ts';
import { withExitGuard } from './exit-guard.ts';
import { observeInterleavings, type InterleavingObserver } from './interleavings.ts';
import { shrinkFailure } from './shrink-failure.ts';
import type { SeedResult, Verdict } from './seed-result.ts';

export interface CheckSeedOptions {
  /** Seeded faults: off (false), on with defaults (true), or configured. */
  readonly faults?: boolean | FaultOptions;
  readonly checkers?: CheckerOptions;
  readonly overrides?: ScenarioOverrides;
  /** Run twice and compare the event logs. */
  readonly rerun?: boolean;
  /** How the scenario is named in the reproduce lines (default: its file, else its name). */
  readonly source?: string;
  /** Notes kept per seed. Default 5. */
  readonly notesMax?: number;
  /** The watchdog's limit per step of user code, in ms (runScenario's watchdogMs). */
  readonly watchdogMs?: number;
  /** On a failure, search the smallest failing run (shrink-failure.ts); runs it may take (0: off). Default 0. */
  readonly shrinkRuns?: number;
  /** Wins over the scenario's own onFailedThread; without either, 'fail' (CHECK_ON_FAILED_THREAD). */
  readonly onFailedThread?: OnFailedThread;
}

/** Under check, a thread that throws fails its seed unless the scenario or the caller says 'report'. */
export const CHECK_ON_FAILED_THREAD: OnFailedThread = 'fail';

function failedThreadMode(scenario: Scenario<unknown>, o: CheckSeedOptions): OnFailedThread {
  return o.onFailedThread ?? scenario.onFailedThread ?? CHECK_ON_FAILED_THREAD;
}

interface Run {
  readonly report: ScenarioReport;
  readonly checks: CheckReport;
  readonly plan: FaultPlan | null;
  readonly interleavings: InterleavingObserver;
  /** The schedule's deviations from fifo, null under fifo. */
  readonly deviations: number | null;
}

function faultOptions(f: boolean | FaultOptions | undefined): FaultOptions | null {
  if (f === undefined || f === false) return null;
  return f === true ? {} : f;
}

function runOnce(scenario: Scenario<unknown>, seed: number, o: CheckSeedOptions): Run {
  const faults = faultOptions(o.faults);
  const fromScenario = (scenario as { checkers?: CheckerOptions }).checkers ?? {};
  let checks: ReturnType<typeof attachCheckers> | null = null;
  let plan: FaultPlan | null = null;
  let interleavings: InterleavingObserver | null = null;
  const seen: { kernel: { readonly schedule: { readonly deviations: number } | null } | null } = {
    kernel: null,
  };
  const report = runScenario(scenario, {
    seed,
    overrides: o.overrides ?? {},
    ...(o.source === undefined ? {} : { source: o.source }),
    ...(faults === null ? {} : { reproduceArgs: ['--faults'] }),
    ...(o.watchdogMs === undefined ? {} : { watchdogMs: o.watchdogMs }),
    onFailedThread: failedThreadMode(scenario, o),
    faults: {
      fired: () => plan?.sitesFired() ?? [],
      excuses: (f) => plan?.caused(f.error) === true,
    },
    attach(sim) {
      checks = attachCheckers(sim, { ...fromScenario, ...o.checkers });
      interleavings = observeInterleavings(sim);
      seen.kernel = sim.kernel;
      if (faults !== null) plan = installFaults(sim, faults);
    },
  });
  const deviations = seen.kernel?.schedule?.deviations ?? null;
  return { report, checks: checks!.report(), plan, interleavings: interleavings!, deviations };
}

function faultFired(plan: FaultPlan | null): boolean {
  return (
    plan !== null && plan.log.length + plan.active.reduce((n, s) => n + plan.sites[s].fired, 0) > 0
  );
}

function classify(
  run: Run,
  nondeterminism: string,
  faultAware: boolean,
): { verdict: Verdict; tolerated: string | null } {
  const { report, checks, plan } = run;
  if (!checks.ok) return { verdict: 'violation', tolerated: null };
  if (nondeterminism !== '') return { verdict: 'nondeterministic', tolerated: null };
  const reason = report.reason ?? '';
  switch (report.outcome) {
    case 'passed':
      return { verdict: 'passed', tolerated: null };
    case 'correctness':
      return faultFired(plan) && !faultAware
        ? { verdict: 'passed', tolerated: `expectation not met after faults fired: ${reason}` }
        : { verdict: 'expectation', tolerated: null };
    case 'crash':
      return plan !== null &&
        (mentionsInjectedFault(reason) || reason.includes('destroy-during-swap'))
        ? {
            verdict: 'passed',
            tolerated: `the scenario's kernel-context code met an injected fault: ${reason.split('\n')[0]}`,
          }
        : { verdict: 'crash', tolerated: null };
    case 'liveness':
      return { verdict: 'liveness', tolerated: null };
  }
}

export function recheckLine(
  source: string,
  seed: number,
  faults: boolean,
  schedule: string | undefined,
  strategy?: string,
  params?: ScenarioParams,
): string {
  return [
    'kernel-sim',
    'check',
    source,
    '--seed-from',
    String(seed),
    '--seed-to',
    String(seed),
    ...(faults ? ['--faults'] : []),
    ...(schedule === undefined ? [] : ['--schedule', schedule]),

    ...(strategy === undefined ? [] : ['--strategy', strategy]),
    ...paramArgs(params),
  ]
    .map(shellQuote)
    .join(' ');
}

/** A scenario's own input error (setup threw, a bad definition), named with the seed it met. */
function nameSeed(error: unknown, seed: number): unknown {
  const own = ['ScenarioInputError', 'ScenarioSetupError'];
  if (error instanceof Error && own.includes(error.name))
    error.message = `seed ${seed}: ${error.message}`;
  return error;
}

/**
 * The scenario command replays with 'report' unless told: when a thread
 * failed under a check that fails on it, the reproduce line says so.
 */
function reproduceOf(
  scenario: Scenario<unknown>,
  report: ScenarioReport,
  o: CheckSeedOptions,
): string {
  const needed =
    report.failedThreads.length > 0 &&
    failedThreadMode(scenario, o) === 'fail' &&
    scenario.onFailedThread !== 'fail';
  return needed ? `${report.reproduce} --on-failed-thread fail` : report.reproduce;
}

export function checkSeed(
  scenario: Scenario<unknown>,
  seed: number,
  options: CheckSeedOptions = {},
): SeedResult {
  try {
    const { value, exited } = withExitGuard(() => checkSeedUnguarded(scenario, seed, options));
    return exited === null
      ? value
      : { ...value, verdict: 'crash', outcome: 'crash', reason: exited };
  } catch (e) {
    throw nameSeed(e, seed);
  }
}

function checkSeedUnguarded(
  scenario: Scenario<unknown>,
  seed: number,
  options: CheckSeedOptions,
): SeedResult {
  const run = runOnce(scenario, seed, options);
  // A run the watchdog stopped ended at a wall-clock moment: no rerun to compare.
  const nondeterminism =
    options.rerun && !stoppedByWatchdog(run.report.reason)
      ? compareRuns(run.report, runOnce(scenario, seed, options).report)
      : '';
  const { verdict, tolerated } = classify(run, nondeterminism, scenario.faultAware === true);
  const { report, checks, plan } = run;
  const source = options.source ?? scenario.file ?? scenario.name;
  const result: SeedResult = {
    seed,
    verdict,
    outcome: report.outcome,
    reason: nondeterminism !== '' ? nondeterminism : report.reason,
    tolerated,
    ticks: report.ticks,
    eventsHash: report.eventsHash,
    interleavings: run.interleavings.cells(),
    violations: checks.violations.map((v) => ({
      checker: v.checker,
      tick: v.tick,
      message: v.message,
      text: formatViolation(v),
    })),
    notes: checks.notes.slice(0, options.notesMax ?? 5),
    faults: plan === null ? null : { active: plan.active, log: [...plan.log] },
    reproduce: reproduceOf(scenario, report, options),
    recheck: recheckLine(
      source,
      seed,
      plan !== null,
      options.overrides?.schedule,
      options.overrides?.swapStrategy,
      options.overrides?.params,
    ),
    deviations: run.deviations,
    shrunk: null,
  };
  const shrinkRuns = options.shrinkRuns ?? 0;
  if (shrinkRuns === 0 || verdict === 'passed' || verdict === 'nondeterministic') return result;
  const schedule = options.overrides?.schedule;
  const given = options.overrides?.params ?? {};
  const again = (s: string | undefined, params: ScenarioParams) =>
    checkSeedUnguarded(scenario, seed, {
      ...options,
      rerun: false,
      shrinkRuns: 0,
      overrides: {
        ...options.overrides,
        ...(s === undefined ? {} : { schedule: s }),
        ...(Object.keys(params).length === 0 ? {} : { params }),
      },
    });
  const sizes = {
    given,
    values: resolveScenarioParams(scenario, given),
    mins: paramMins(scenario),
  };
  return { ...result, shrunk: shrinkFailure(result, schedule, again, shrinkRuns, sizes) };
}
