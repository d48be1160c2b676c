/**
 * createProgram: every command and flag of `kernel-sim`, declared with
 * commander 14, and nothing else. Each action normalises its flags and
 * lazily imports its command function (so `--help` loads no simulator),
 * runs it, and hands back the exit code through `setExit`. Errors propagate
 * to the one boundary in run-cli.ts.
 *
 * Commands: scenario, list, experiment quiescence, experiment strategies, check, merge,
 * cluster, worker. Each has --help
 * with examples; the program has --version and documents the exit codes.
 */
import { Command, Option } from 'commander';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import { intOption } from './int-option.ts';
import { scheduleOption } from './schedule-option.ts';
import { packagePaths } from './package-paths.ts';
import type { StrategyName } from '../hotswap/index.ts';

const SEED_MAX = Number.MAX_SAFE_INTEGER;
const DETECTORS = ['k42', 'event', 'oracle'];
/** The hot-swap strategies (hotswap's STRATEGY_NAMES; kept here so --help loads no core). */
const STRATEGY_NAMES = ['quiescence', 'naive', 'block-all', 'update-points'];
/** cluster's EXAMPLE_NAMES and SCHEDULE_NAMES (kept here so --help loads no core). */
const CLUSTER_EXAMPLES = ['ring', 'growset', 'colorset', 'colorset-weak'];
const CLUSTER_SCHEDULES = ['rolling', 'by-group', 'at-time', 'when-idle', 'none'];
/** scenario's ON_FAILED_THREAD_MODES (kept here so --help loads no core). */
const ON_FAILED_THREAD_MODES = ['fail', 'report'];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('kernel-sim')
    .description('A deterministic simulator of a K42-style hot-swappable object kernel.')
    .version(packagePaths().version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.write(s), writeErr: (s) => io.writeError(s) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `${examples('kernel-sim scenario swap-scheduler.ts', 'kernel-sim scenario ./my-scenario.ts --seed 42 --json', 'kernel-sim list', 'kernel-sim check hello.ts --seeds 200')}\n${EXIT_CODES_HELP}\n`,
    );

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
    .option(
      '--schedule <kind>',
      'how the seed perturbs scheduling: fifo (default), random, pct[:depth], optionally +jitter=N',
      scheduleOption,
    )
    .option(
      '--plugin <name[=arg]>',
      'attach a plugin, e.g. counter, latency, logger=cache (repeatable; an unknown name lists the known ones)',
      collect,
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

          strategy: o.strategy as StrategyName | undefined,
          swapWait: o.swapWait as 'per-cpu' | 'token-ring' | undefined,
          plugin: o.plugin as string[],
          trace: o.trace as string | undefined,
          report: o.report as string | undefined,
          faults: o.faults === true,
          json: o.json === true,
          quiet: o.quiet === true,
          watchdogMs: o.watchdogMs as number | undefined,
          onFailedThread: o.onFailedThread as 'fail' | 'report' | undefined,
        },
        io,
      );
      setExit(r.exitCode);
    });

  program
    .command('list')
    .description('list the bundled scenarios with their descriptions')
    .addHelpText('after', examples('kernel-sim list'))
    .action(async () => {
      const { listCommand } = await import('./list-command.ts');
      setExit((await listCommand(io)).exitCode);
    });

  const experiment = program
    .command('experiment')
    .description('run an experiment (a sweep of many simulations)');
  experiment
    .command('quiescence')
    .description(
      'the quiescence-latency experiment: detectors x lifetimes x arrival gaps x CPUs; writes CSV, JSON and SVG',
    )
    .requiredOption('--out <dir>', 'folder for the CSV, JSON and SVG files')
    .option('--gaps <list>', 'mean ticks between thread arrivals per CPU, e.g. 2,4,8')
    .option(
      '--lifetimes <list>',
      'thread lifetimes, e.g. exp:10,exp:40,fixed:20,uniform:5:50,bimodal:10:1000:0.02',
    )
    .option('--cpus <list>', 'simulated CPU counts, e.g. 1,2,4,8')
    .option('--detectors <list>', 'detectors to compare, of k42,event,oracle')
    .option('--polls <list>', 'k42 poll intervals in ticks, e.g. 1,5,20')
    .option(
      '--waits <list>',
      'how k42 waits for each request: token-ring (default), per-cpu (as a hot swap waits), or both',
    )
    .option('--no-plots', 'skip the SVG plots (they need the optional vega packages)')
    .option('--seeds <n>', 'seeds per point', intOption(1, 1e6))
    .option('--seed-first <n>', 'first seed', intOption(0, 2 ** 31))
    .option('--threads-per-cpu <n>', 'thread arrivals per run, per CPU', intOption(1, 1e7))
    .option('--requests <n>', 'quiescence requests per run', intOption(1, 1e6))
    .option('--sleep-fraction <f>', "fraction of a thread's lifetime spent sleeping, 0..1")
    .option('--quantum <ticks>', 'scheduling quantum', intOption(1, 1e9))
    .option('--ticks-max <ticks>', 'per-run tick budget', intOption(1, SEED_MAX))
    .option(
      '--workers <n>',
      'worker threads (0 = run in this thread; default: the CPUs available)',
      intOption(0, 256),
    )
    .addHelpText(
      'after',
      examples(
        'kernel-sim experiment quiescence --out out/quiescence',
        'kernel-sim experiment quiescence --lifetimes exp:10,exp:160 --cpus 2,8 --seeds 20 --out out/q',
        'kernel-sim experiment quiescence --lifetimes exp:12 --cpus 1,4,16,64 --waits token-ring,per-cpu --out out/swap-wait',
      ),
    )
    .action(async (o: Record<string, unknown>) => {
      const { experimentQuiescenceCommand } = await import('./experiment-command.ts');
      setExit((await experimentQuiescenceCommand(o, io)).exitCode);
    });

  experiment
    .command('strategies')
    .description(
      'the update strategies side by side: the same workloads under each strategy; writes CSV, JSON and SVG',
    )
    .requiredOption('--out <dir>', 'folder for the CSV, JSON and SVG files')
    .option(
      '--workloads <list>',
      'scenario names or files (default: hello, naive-swap-loses-a-call, swap-file-cache, interface-change, accept-loop-update-point)',
    )
    .option('--strategies <list>', `strategies to compare, of ${STRATEGY_NAMES.join(',')}`)
    .option('--seeds <n>', 'seeds per workload and strategy (1..n)', intOption(1, 1e6))
    .option('--no-plots', 'skip the SVG plots (they need the optional vega packages)')
    .addHelpText(
      'after',
      examples(
        'kernel-sim experiment strategies --out out/strategies',
        'kernel-sim experiment strategies --workloads hello --strategies quiescence,block-all --seeds 50 --out out/s',
      ),
    )
    .action(async (o: Record<string, unknown>) => {
      const { experimentStrategiesCommand } = await import('./experiment-strategies-command.ts');
      setExit((await experimentStrategiesCommand(o, io)).exitCode);
    });

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
    .option(
      '--schedule <kind>',
      'how each seed perturbs scheduling: random (default), pct[:depth], fifo, optionally +jitter=N and +deviations=K',
      scheduleOption,
    )
    .option(
      '--workers <n>',
      'worker threads (1 = run in this thread; default: one per available CPU)',
      intOption(1, 256),
    )
    .option('--json', 'print the summary as one JSON document')
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
      'runs to search each failing seed for its smallest failing run (fewer schedule deviations; default 16, 0 = off)',
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

          strategy: o.strategy as StrategyName | undefined,
          workers: o.workers as number | undefined,
          json: o.json === true,
          watchdogMs: o.watchdogMs as number | undefined,
          shrinkRuns: o.shrinkRuns as number | undefined,
          onFailedThread: o.onFailedThread as 'fail' | 'report' | undefined,
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

  program
    .command('cluster')
    .description(
      'upgrade a simulated cluster node by node under load (Upstart, docs/UPSTART.md): prints the seed, the account, PASSED or FAILED with a reproduce line',
    )
    .argument('[example]', `one of ${CLUSTER_EXAMPLES.join(', ')}`, 'ring')
    .option('--seed <n>', 'the seed (default: drawn at random and printed)', intOption(0, SEED_MAX))
    .option('--seeds <n>', 'run seeds seed..seed+n-1, stop at the first failure', intOption(1, 1e7))
    .option('--nodes <n>', 'nodes in the cluster (default 8)', intOption(1, 4096))
    .addOption(
      new Option('--schedule <name>', 'upgrade scheduling function (default rolling)').choices(
        CLUSTER_SCHEDULES,
      ),
    )
    .option('--loss <p>', 'probability that a message is lost, 0..1 (default 0)', Number)
    .option(
      '--failures <n>',
      'fail this many nodes one after another, each restarted 200 ticks later',
      intOption(0, 4096),
    )
    .option('--partition', 'cut the cluster in two halves from tick 60 to 160')
    .option('--ops <n>', 'calls per client (one client per node; default 40)', intOption(0, 1e7))
    .option('--ticks-max <ticks>', 'a liveness failure past this tick', intOption(1, SEED_MAX))
    .option('--timeline', 'print one lane per node: its version over time, ~ upgrading, x down')
    .option('--report <file.html>', 'write the lanes, one per node, as a self-contained HTML page')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      examples(
        'kernel-sim cluster ring --seed 1 --timeline --report ring.html',
        'kernel-sim cluster colorset --loss 0.05 --failures 2 --partition',
        'kernel-sim cluster ring --nodes 16 --schedule by-group --seeds 1000 --seed 1',
      ),
    )
    .action(async (example: string, o: Record<string, unknown>) => {
      const { clusterCommand } = await import('./cluster-command.ts');
      const r = clusterCommand(
        {
          example,
          seed: o.seed as number | undefined,
          seeds: o.seeds as number | undefined,
          nodes: o.nodes as number | undefined,
          schedule: o.schedule as string | undefined,
          loss: o.loss as number | undefined,
          failures: o.failures as number | undefined,
          partition: o.partition === true,
          ops: o.ops as number | undefined,
          ticksMax: o.ticksMax as number | undefined,
          timeline: o.timeline === true,
          report: o.report as string | undefined,
          json: o.json === true,
        },
        io,
      );
      setExit(r.exitCode);
    });

  program
    .command('merge')
    .description(
      'join the part files of `check --shard k/N` and print what the serial check prints (same exit code)',
    )
    .argument('<part...>', 'the part files, one per shard, in any order')
    .option('--json', 'print the summary as one JSON document')
    .addHelpText(
      'after',
      examples(
        'kernel-sim merge part-1.json part-2.json part-3.json part-4.json',
        'kernel-sim merge check-part-*.json --json',
      ),
    )
    .action(async (files: string[], o: Record<string, unknown>) => {
      const { mergeCommand } = await import('./merge-command.ts');
      setExit(mergeCommand({ files, json: o.json === true }, io).exitCode);
    });

  program
    .command('worker')
    .description(
      'run the jobs of `kernel-sim check --queue` sweeps (BullMQ over Redis) until Ctrl-C or SIGTERM',
    )
    .requiredOption('--queue <url>', 'the Redis the sweeps are queued on (redis://HOST:PORT)')
    .option(
      '--threads <n>',
      "worker threads for a job's seeds (default: one per available CPU)",
      intOption(1, 256),
    )
    .option(
      '--lock-ms <ms>',
      "how long a job's lock lasts unrenewed: a killed or frozen worker's job runs elsewhere after this (default 30000)",
      intOption(100, 1e9),
    )
    .option(
      '--stalled-max <n>',
      'times a job may stall (its worker killed or frozen) before its seeds count as lost (default 3)',
      intOption(0, 1000),
    )
    .addHelpText(
      'after',
      examples(
        'kernel-sim worker --queue redis://127.0.0.1:6379',
        'kernel-sim worker --queue redis://queue.internal:6379 --threads 8',
      ),
    )
    .action(async (o: Record<string, unknown>) => {
      const { workerCommand } = await import('./worker-command.ts');
      const r = await workerCommand(
        {
          queue: o.queue as string,
          threads: o.threads as number | undefined,
          lockMs: o.lockMs as number | undefined,
          stalledMax: o.stalledMax as number | undefined,
        },
        io,
      );
      setExit(r.exitCode);
    });

  return program;
}
