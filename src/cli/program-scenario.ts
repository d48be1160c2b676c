/**
 * addScenarioCommand: the `scenario` command: run one scenario and print its account and verdict. Declares the command's
 * flags and help on the program; its action lazily imports the command
 * function (so `--help` loads no simulator) and hands back the exit code
 * through `setExit`. Part of createProgram (program.ts).
 */
import { Option, type Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { intOption } from './int-option.ts';
import { scheduleOption } from './schedule-option.ts';
import {
  SEED_MAX,
  DETECTORS,
  STRATEGY_NAMES,
  ON_FAILED_THREAD_MODES,
  collectPlugin,
  collectParam,
  PARAM_HELP,
  examples,
} from './program-options.ts';
import type { StrategyName } from '../hotswap/index.ts';

export function addScenarioCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('scenario')
    .description(
      'run one scenario: prints the seed and options, what happened, and PASSED or FAILED with a reproduce line',
    )
    .argument(
      '<file-or-name>',
      'a scenario file, or the name of a bundled one (see `kernel-sim list`)',
    )
    .option(
      '--seed <n>',
      'the seed every random choice derives from (default: drawn at random and printed)',
      intOption(0, SEED_MAX),
    )
    .option('--cpus <n>', "simulated CPUs, 1..64 (overrides the scenario's)", intOption(1, 64))
    .option('--quantum <ticks>', 'ticks a thread runs before preemption', intOption(1, 1e9))
    .option(
      '--ticks-max <ticks>',
      'end the run as a liveness failure past this tick',
      intOption(0, SEED_MAX),
    )
    .addOption(new Option('--detector <name>', 'quiescence detector').choices(DETECTORS))
    .option('--poll-ticks <ticks>', 'poll interval of the k42 detector', intOption(1, 1e9))
    .addOption(
      new Option(
        '--strategy <name>',
        'hot-swap strategy of swaps that name none (docs/STRATEGIES.md)',
      ).choices(STRATEGY_NAMES),
    )
    .addOption(
      new Option(
        '--swap-wait <mode>',
        'how swaps wait for quiescence under the k42 detector: per-cpu (default) or token-ring (docs/QUIESCENCE.md)',
      ).choices(['per-cpu', 'token-ring']),
    )
    .addOption(
      new Option(
        '--swap-mediation <mode>',
        "how swaps that name none mediate: global (default) or per-cpu (K42's mediator rep per CPU; docs/HOTSWAP.md)",
      ).choices(['global', 'per-cpu']),
    )
    .option(
      '--schedule <kind>',
      'how the seed perturbs scheduling: fifo (default), random, pct[:depth], optionally +jitter=N, +drop=LIST and +deviations=K (what check prints to replay a shrunk run)',
      scheduleOption,
    )
    .option('--param <name=value>', PARAM_HELP, collectParam, {})
    .option(
      '--plugin <name[=arg]>',
      'attach a plugin, e.g. counter, latency, logger=cache (repeatable; an unknown name lists the known ones)',
      collectPlugin,
      [],
    )
    .option(
      '--trace <file>',
      'write a Chrome Trace Event JSON of the run (open in ui.perfetto.dev)',
    )
    .option('--report <file.html>', 'write a self-contained HTML timeline of the run')
    .option(
      '--faults',
      'inject seeded faults (as `kernel-sim check --faults` does; replays its failing seeds)',
    )
    .option(
      '--json',
      'print one JSON document (no colours), the same bytes for the same seed and options',
    )
    .option('--quiet', 'print only the verdict and the reproduce line')
    .option(
      '--typecheck',
      "type-check the file with TypeScript first (the folder's tsconfig.json if any); type errors are printed as file:line:col and exit 2",
    )
    .addOption(
      new Option(
        '--on-failed-thread <mode>',
        "a thread that throws: 'fail' fails the run (exit 3), 'report' only lists it (default: the scenario's onFailedThread, else report)",
      ).choices(ON_FAILED_THREAD_MODES),
    )
    .option(
      '--watchdog-ms <ms>',
      'end the run as a liveness failure (exit 4) when user code runs this long without yielding (default 5000; 0 = off)',
      intOption(0, 1e9),
    )
    .addHelpText(
      'after',
      examples(
        'kernel-sim scenario swap-scheduler.ts',
        'kernel-sim scenario hello.ts --seed 7 --cpus 4',
        'kernel-sim scenario planted/lost-wakeup.ts --seed 3 --param waiters=3',
        'kernel-sim scenario ./my-scenario.ts --plugin counter --plugin latency=counter',
        'kernel-sim scenario hello.ts --seed 7 --json > run.json',
        'kernel-sim scenario hello.ts --trace trace.json --report run.html',
      ),
    )
    .action(async (target: string, o: Record<string, unknown>) => {
      const { scenarioCommand } = await import('./scenario-command.ts');
      const r = await scenarioCommand(
        {
          target,
          seed: o.seed as number | undefined,
          cpus: o.cpus as number | undefined,
          quantum: o.quantum as number | undefined,
          ticksMax: o.ticksMax as number | undefined,
          detector: o.detector as 'k42' | 'event' | 'oracle' | undefined,
          pollTicks: o.pollTicks as number | undefined,
          schedule: o.schedule as string | undefined,
          params: o.param as Record<string, number>,

          strategy: o.strategy as StrategyName | undefined,
          swapWait: o.swapWait as 'per-cpu' | 'token-ring' | undefined,
          swapMediation: o.swapMediation as 'global' | 'per-cpu' | undefined,
          plugin: o.plugin as string[],
          trace: o.trace as string | undefined,
          report: o.report as string | undefined,
          faults: o.faults === true,
          json: o.json === true,
          quiet: o.quiet === true,
          watchdogMs: o.watchdogMs as number | undefined,
          onFailedThread: o.onFailedThread as 'fail' | 'report' | undefined,
          typecheck: o.typecheck === true,
        },
        io,
      );
      setExit(r.exitCode);
    });
}
