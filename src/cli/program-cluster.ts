/**
 * addClusterCommand: the `cluster` command: an Upstart-style node-by-node upgrade of a simulated cluster. Declares the command's
 * flags and help on the program; its action lazily imports the command
 * function (so `--help` loads no simulator) and hands back the exit code
 * through `setExit`. Part of createProgram (program.ts).
 */
import { Option, type Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { intOption } from './int-option.ts';
import { SEED_MAX, CLUSTER_EXAMPLES, CLUSTER_SCHEDULES, examples } from './program-options.ts';

export function addClusterCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
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
}
