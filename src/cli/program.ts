/**
 * createProgram: the `kernel-sim` program, its global flags and help, and
 * its commands, one file each (program-<command>.ts; `list` and `merge` are
 * small enough to stay here). Each action normalises its flags and lazily
 * imports its command function (so `--help` loads no simulator), runs it,
 * and hands back the exit code through `setExit`. Errors propagate to the
 * one boundary in run-cli.ts.
 *
 * Commands: scenario, init, list, experiment quiescence, experiment strategies,
 * check, merge, cluster, worker. Each has --help with examples; the program
 * has --version and documents the exit codes.
 */
import { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import { packagePaths } from './package-paths.ts';
import { examples } from './program-options.ts';
import { addScenarioCommand } from './program-scenario.ts';
import { addExperimentCommand } from './program-experiment.ts';
import { addCheckCommand } from './program-check.ts';
import { addClusterCommand } from './program-cluster.ts';
import { addWorkerCommand } from './program-worker.ts';
import { addInitCommand } from './program-init.ts';

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

  addScenarioCommand(program, io, setExit);
  addInitCommand(program, io, setExit);

  program
    .command('list')
    .description('list the bundled scenarios with their descriptions')
    .addHelpText('after', examples('kernel-sim list'))
    .action(async () => {
      const { listCommand } = await import('./list-command.ts');
      setExit((await listCommand(io)).exitCode);
    });

  addExperimentCommand(program, io, setExit);
  addCheckCommand(program, io, setExit);
  addClusterCommand(program, io, setExit);

  program
    .command('merge')
    .description(
      'join the part files of `check --shard k/N` (printing what the serial check prints, same exit code) or of `experiment quiescence --shard k/N` (writing the serial files to --out)',
    )
    .argument('<part...>', 'the part files, one per shard, in any order')
    .option('--json', 'check parts: print the summary as one JSON document')
    .option('--out <dir>', 'experiment parts: the folder for the merged CSV, JSON and SVG files')
    .option('--no-plots', 'experiment parts: skip the SVG plots')
    .addHelpText(
      'after',
      examples(
        'kernel-sim merge part-1.json part-2.json part-3.json part-4.json',
        'kernel-sim merge check-part-*.json --json',
        'kernel-sim merge q-part-*.json --out out/quiescence',
      ),
    )
    .action(async (files: string[], o: Record<string, unknown>) => {
      const { mergeCommand } = await import('./merge-command.ts');
      const merged = await mergeCommand(
        {
          files,
          json: o.json === true,
          ...(typeof o.out === 'string' ? { out: o.out } : {}),
          plots: o.plots !== false,
        },
        io,
      );
      setExit(merged.exitCode);
    });

  addWorkerCommand(program, io, setExit);

  return program;
}
