/**
 * scenarioCommand: `kernel-sim scenario <file-or-name> [flags]` as a plain
 * function: options in, a result out ({exitCode, report}); all output goes
 * through the CliIo it is given, so tests call it directly.
 *
 * Steps: find the file (a bare name falls back to the bundled scenarios),
 * load it, take the seed (or draw one), build the plugins (--plugin, --trace,
 * --report, --faults),
 * resolve and print the seed and options first, run, print the account and
 * the verdict with its reproduce line (or, with --json, one JSON document and
 * nothing else; --quiet prints only the verdict and the reproduce line).
 *
 * Exit code: the outcome's (0 passed, 3 correctness, 4 liveness, 1 crash).
 * The run is under the exit guard (check/exit-guard.ts): a scenario that
 * calls process.exit (or abort, or kills its own process) is a crash
 * naming the call, with its verdict printed, never a silent exit.
 * Input problems throw CliError / ScenarioInputError (exit 2).
 */
import pc from 'picocolors';
import { withExitGuard } from '../check/index.ts';
import type { DetectorName } from '../quiescence/index.ts';
import type { StrategyName } from '../hotswap/index.ts';
import {
  resolveScenarioOptions,
  resolveScenarioParams,
  runScenario,
  type OnFailedThread,
  type ScenarioOverrides,
  type ScenarioReport,
} from '../scenario/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { CliIo } from './cli-io.ts';
import { drawSeed } from './draw-seed.ts';
import { exitCodeOf } from './exit-codes.ts';
import { loadScenario } from './load-scenario.ts';
import { createPlugins, type PluginSet } from './plugin-flags.ts';
import { renderAccount, renderHeader, renderVerdict } from './render-report.ts';
import { resolveScenarioPath } from './scenario-path.ts';
import { refuseTypeErrors } from './typecheck-scenario.ts';
import { terminalSafeData } from './terminal-text.ts';

export interface ScenarioCommandOptions {
  /** A path, or a bundled scenario's name. */
  readonly target: string;
  readonly seed?: number;
  readonly cpus?: number;
  readonly quantum?: number;
  readonly ticksMax?: number;
  readonly detector?: DetectorName;
  readonly strategy?: StrategyName;
  /** --swap-wait: per-cpu (default) or token-ring (SimulationOptions.swapWait). */
  readonly swapWait?: 'per-cpu' | 'token-ring';
  /** --swap-mediation: global (default) or per-cpu (SimulationOptions.swapMediation). */
  readonly swapMediation?: 'global' | 'per-cpu';
  readonly pollTicks?: number;
  /** --schedule: fifo (the default, unless the scenario declares one), random or pct[:depth]. */
  readonly schedule?: string;
  /** --param name=value: the scenario's own params (scenario-params.ts). */
  readonly params?: Readonly<Record<string, number>>;
  /** NAME or NAME=ARG, one per --plugin. */
  readonly plugin?: readonly string[];
  /** --trace FILE: Chrome Trace Event JSON (the tracer plugin). */
  readonly trace?: string;
  /** --report FILE.html: the HTML timeline. */
  readonly report?: string;
  /** --faults: seeded fault injection (as `kernel-sim check --faults` does). */
  readonly faults?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** --watchdog-ms: the longest a step of user code may run (0 = off). */
  readonly watchdogMs?: number;
  /** --typecheck: type-check the file first (typecheck-scenario.ts); type errors exit 2. */
  readonly typecheck?: boolean;
  /** --on-failed-thread: wins over the scenario's onFailedThread (default 'report'). */
  readonly onFailedThread?: OnFailedThread;
}

export interface ScenarioCommandResult {
  readonly exitCode: number;
  readonly report: ScenarioReport;
}

export async function scenarioCommand(
  options: ScenarioCommandOptions,
  io: CliIo,
): Promise<ScenarioCommandResult> {
  const file = resolveScenarioPath(options.target, io.cwd);
  if (options.typecheck === true) await refuseTypeErrors(file, io.cwd);
  const scenario = await loadScenario(file);
  const plugins: PluginSet = await createPlugins(options, io.cwd);
  const seed = options.seed ?? drawSeed();
  const overrides = overridesOf(options);
  const c = pc.createColors(io.color && options.json !== true);
  const resolved = resolveScenarioOptions(scenario, seed, overrides);
  resolveScenarioParams(scenario, overrides.params); // a bad --param: exit 2 before the run
  const source = options.target;
  if (options.json !== true && options.quiet !== true) {
    const header = { seed, seedDrawn: options.seed === undefined, options: resolved };
    const shown = terminalSafeData({ ...header, scenario: { ...scenario, source } });
    for (const l of renderHeader(shown, c)) io.out(l);
  }
  const { value: ran, exited } = withExitGuard(() =>
    runScenario(scenario, {
      seed,
      overrides,
      plugins: plugins.plugins,
      attach: (sim: Simulation) => plugins.attach(sim),
      runEnded: () => plugins.runEnded(),
      source,
      reproduceArgs: [
        ...plugins.reproduceArgs,
        ...(options.onFailedThread === undefined
          ? []
          : ['--on-failed-thread', options.onFailedThread]),
      ],
      ...(options.watchdogMs === undefined ? {} : { watchdogMs: options.watchdogMs }),
      ...(options.onFailedThread === undefined ? {} : { onFailedThread: options.onFailedThread }),
      ...(plugins.faults === undefined ? {} : { faults: plugins.faults }),
    }),
  );
  const report: ScenarioReport =
    exited === null ? ran : { ...ran, outcome: 'crash', reason: exited };
  const written = plugins.finish(report);
  if (options.json === true) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    const shown = terminalSafeData(report);
    if (options.quiet !== true) {
      for (const l of renderAccount(shown, c)) io.out(l);
      for (const f of written) io.out(`${c.bold('wrote:')} ${f}`);
      io.out('');
    }
    for (const l of renderVerdict(shown, c)) io.out(l);
  }
  return { exitCode: exitCodeOf(report.outcome), report };
}

function overridesOf(o: ScenarioCommandOptions): ScenarioOverrides {
  const all: ScenarioOverrides = {
    cpus: o.cpus,
    quantumTicks: o.quantum,
    ticksMax: o.ticksMax,
    detector: o.detector,
    pollTicks: o.pollTicks,
    schedule: o.schedule,

    swapStrategy: o.strategy,
    swapWait: o.swapWait,
    swapMediation: o.swapMediation,
  };
  const set = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
  return o.params === undefined || Object.keys(o.params).length === 0
    ? set
    : { ...set, params: o.params };
}
