/**
 * addCheckCommand: the `check` command: a scenario over many seeds with every checker on, serial, sharded or queued. Declares the command's
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
  STRATEGY_NAMES,
  ON_FAILED_THREAD_MODES,
  PARAM_HELP,
  collectParam,
  examples,
} from './program-options.ts';
import type { StrategyName } from '../hotswap/index.ts';

export function addCheckCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('check')
    .description(
      'run a scenario over many seeds with every checker on (optionally with seeded faults); exit 3 on any correctness failure',
    )
    .argument('<file-or-name>', 'a scenario file, or the name of a bundled one')
    .option('--seeds <n>', 'seeds to run, 1..N (default 100)', intOption(1, 1e7))
    .option('--seed-from <a>', 'first seed', intOption(0, SEED_MAX))
    .option('--seed-to <b>', 'last seed (inclusive)', intOption(0, SEED_MAX))
    .option('--faults', 'inject seeded faults (BUGGIFY style)')
    .addOption(
      new Option(
        '--strategy <name>',
        'hot-swap strategy of swaps that name none (docs/STRATEGIES.md)',
      ).choices(STRATEGY_NAMES),
    )
    .addOption(
      new Option(
        '--swap-mediation <mode>',
        "how swaps that name none mediate: global (default) or per-cpu (K42's mediator rep per CPU; docs/HOTSWAP.md)",
      ).choices(['global', 'per-cpu']),
    )
    .option(
      '--schedule <kind>',
      'how each seed perturbs scheduling: random (default), pct[:depth], fifo, optionally +jitter=N, +drop=LIST and +deviations=K',
      scheduleOption,
    )
    .option('--param <name=value>', PARAM_HELP, collectParam, {})
    .option(
      '--workers <n>',
      'worker threads (1 = run in this thread; default: one per available CPU)',
      intOption(1, 256),
    )
    .option('--json', 'print the summary as one JSON document')
    .option(
      '--typecheck',
      "type-check the file with TypeScript first (the folder's tsconfig.json if any); type errors are printed as file:line:col and exit 2",
    )
    .addOption(
      new Option(
        '--on-failed-thread <mode>',
        "a thread that throws: 'fail' fails the run (exit 3), 'report' only lists it (default: the scenario's onFailedThread, else fail)",
      ).choices(ON_FAILED_THREAD_MODES),
    )
    .option(
      '--watchdog-ms <ms>',
      'end the run as a liveness failure (exit 4) when user code runs this long without yielding (default 5000; 0 = off)',
      intOption(0, 1e9),
    )
    .option(
      '--shrink-runs <n>',
      'runs to search each failing seed for its smallest failing run (smaller params declared with a min, then fewer schedule deviations: a smaller budget, then dropped early ones; default 48, 0 = off)',
      intOption(0, 1000),
    )
    .option(
      '--shard <k/N>',
      'run slice k of N of the seeds and write a part file; `kernel-sim merge` joins the N parts',
    )
    .option('--out <file>', 'the part file of --shard (default check-part-K-of-N.json)')
    .option(
      '--queue <url>',
      'run the sweep as jobs on BullMQ over Redis (redis://HOST:PORT) for `kernel-sim worker` processes',
    )
    .option('--job-seeds <n>', 'with --queue: seeds per job (default 1000)', intOption(1, 1e7))
    .option(
      '--queue-wait-s <s>',
      'with --queue: give up when no job starts, progresses or finishes for this long (default 600)',
      intOption(1, 1e6),
    )
    .addHelpText(
      'after',
      examples(
        'kernel-sim check hello.ts --seeds 200',
        'kernel-sim check swap-scheduler.ts --seed-from 1000 --seed-to 1099 --faults',
        'kernel-sim check swap-file-cache.ts --seeds 500 --schedule pct:3',
        'kernel-sim check hello.ts --seeds 1000 --shard 2/4 --out part-2.json',
        'kernel-sim check hello.ts --seeds 100000 --queue redis://127.0.0.1:6379',
      ),
    )
    .action(async (target: string, o: Record<string, unknown>) => {
      const { checkCommand } = await import('./check-command.ts');
      const r = await checkCommand(
        {
          target,
          seeds: o.seeds as number | undefined,
          seedFrom: o.seedFrom as number | undefined,
          seedTo: o.seedTo as number | undefined,
          faults: o.faults === true,
          schedule: o.schedule as string | undefined,
          params: o.param as Record<string, number>,

          strategy: o.strategy as StrategyName | undefined,
          swapMediation: o.swapMediation as 'global' | 'per-cpu' | undefined,
          workers: o.workers as number | undefined,
          json: o.json === true,
          watchdogMs: o.watchdogMs as number | undefined,
          shrinkRuns: o.shrinkRuns as number | undefined,
          onFailedThread: o.onFailedThread as 'fail' | 'report' | undefined,
          typecheck: o.typecheck === true,
          shard: o.shard as string | undefined,
          out: o.out as string | undefined,
          queue: o.queue as string | undefined,
          jobSeeds: o.jobSeeds as number | undefined,
          queueWaitS: o.queueWaitS as number | undefined,
        },
        io,
      );
      setExit(r.exitCode);
    });
}
