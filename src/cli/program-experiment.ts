/**
 * addExperimentCommand: the `experiment` command group: `experiment quiescence` and `experiment strategies`, sweeps that write CSV, JSON and SVG. Declares the command's
 * flags and help on the program; its action lazily imports the command
 * function (so `--help` loads no simulator) and hands back the exit code
 * through `setExit`. Part of createProgram (program.ts).
 */
import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { intOption } from './int-option.ts';
import { SEED_MAX, STRATEGY_NAMES, examples } from './program-options.ts';

/** The flags both experiments take to run beyond this process: --shard, --queue and its two. */
function withSweepOptions(command: Command): Command {
  return command
    .option(
      '--shard <k/N>',
      'run slice k of N of the run list and write it as a part file to --out; join the parts with kernel-sim merge',
    )
    .option(
      '--queue <url>',
      'run the sweep as jobs on BullMQ over Redis (redis://HOST:PORT), served by kernel-sim worker',
    )
    .option('--job-runs <n>', 'with --queue: runs per job (default 100)', intOption(1, 1e7))
    .option(
      '--queue-wait-s <s>',
      'with --queue: give up when no job starts, progresses or finishes for this long (default 600)',
      intOption(1, 1e6),
    );
}

export function addExperimentCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  const experiment = program
    .command('experiment')
    .description('run an experiment (a sweep of many simulations)');
  withSweepOptions(experiment.command('quiescence'))
    .description(
      'the quiescence-latency experiment: detectors x lifetimes x arrival gaps x CPUs; writes CSV, JSON and SVG',
    )
    .requiredOption(
      '--out <dir>',
      '(required) folder for the CSV, JSON and SVG files (with --shard: the part file)',
    )
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
    .option(
      '--mediations <list>',
      'the swap-mediation arm instead of the sweep: one swap per run under each of global,per-cpu (docs/QUIESCENCE.md); uses --cpus, --seeds, --seed-first, the first --lifetimes and --gaps, --threads-per-cpu, --ticks-max',
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
        'kernel-sim experiment quiescence --shard 2/4 --out part-2.json   # then: kernel-sim merge part-*.json --out out/q',
        'kernel-sim experiment quiescence --queue redis://127.0.0.1:6379 --out out/q',
        'kernel-sim experiment quiescence --lifetimes exp:10,exp:160 --cpus 2,8 --seeds 20 --out out/q',
        'kernel-sim experiment quiescence --lifetimes exp:12 --cpus 1,4,16,64 --waits token-ring,per-cpu --out out/swap-wait',
        'kernel-sim experiment quiescence --mediations global,per-cpu --cpus 1,4,16 --seeds 5 --out out/mediation',
      ),
    )
    .action(async (o: Record<string, unknown>) => {
      const { experimentQuiescenceCommand } = await import('./experiment-command.ts');
      setExit((await experimentQuiescenceCommand(o, io)).exitCode);
    });

  withSweepOptions(experiment.command('strategies'))
    .description(
      'the update strategies side by side: the same workloads under each strategy; writes CSV, JSON and SVG',
    )
    .requiredOption(
      '--out <dir>',
      '(required) folder for the CSV, JSON and SVG files (with --shard: the part file)',
    )
    .option(
      '--workloads <list>',
      'scenario names or files (default: hello, naive-swap-loses-a-call, swap-file-cache, interface-change, accept-loop-update-point, rollback-vs-block)',
    )
    .option('--strategies <list>', `strategies to compare, of ${STRATEGY_NAMES.join(',')}`)
    .option('--seeds <n>', 'seeds per workload and strategy (1..n)', intOption(1, 1e6))
    .option(
      '--workers <n>',
      'worker threads for the runs (0 = run in this thread; default: the CPUs available less one)',
      intOption(0, 256),
    )
    .option('--no-plots', 'skip the SVG plots (they need the optional vega packages)')
    .addHelpText(
      'after',
      examples(
        'kernel-sim experiment strategies --out out/strategies',
        'kernel-sim experiment strategies --queue redis://127.0.0.1:6379 --out out/s',
        'kernel-sim experiment strategies --workloads hello --strategies quiescence,block-all --seeds 50 --out out/s',
      ),
    )
    .action(async (o: Record<string, unknown>) => {
      const { experimentStrategiesCommand } = await import('./experiment-strategies-command.ts');
      setExit((await experimentStrategiesCommand(o, io)).exitCode);
    });
}
