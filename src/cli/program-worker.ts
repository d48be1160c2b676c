/**
 * addWorkerCommand: the `worker` command: runs the jobs of queued `check` sweeps until stopped. Declares the command's
 * flags and help on the program; its action lazily imports the command
 * function (so `--help` loads no simulator) and hands back the exit code
 * through `setExit`. Part of createProgram (program.ts).
 */
import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { intOption } from './int-option.ts';
import { examples } from './program-options.ts';

export function addWorkerCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('worker')
    .description(
      'run the jobs of `kernel-sim check --queue` sweeps (BullMQ over Redis) until Ctrl-C or SIGTERM',
    )
    .requiredOption(
      '--queue <url>',
      '(required) the Redis the sweeps are queued on (redis://HOST:PORT)',
    )
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
}
