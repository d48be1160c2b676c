/**
 * addInitCommand: the `init` command: write a starter scenario, a
 * tsconfig.json and a package.json into a folder, so the author's folder
 * type-checks against kernel-sim (init-command.ts). Declares the command's
 * help on the program; its action lazily imports the command function and
 * hands back the exit code through `setExit`. Part of createProgram
 * (program.ts).
 */
import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { examples } from './program-options.ts';

export function addInitCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('init')
    .description(
      'start a scenario folder: a starter scenario (counter.ts), a tsconfig.json and a package.json whose `npm install` then `npx tsc` type-checks it; never overwrites (exit 2)',
    )
    .argument('[dir]', 'the folder to write into (created if missing; default: the current one)')
    .addHelpText(
      'after',
      examples(
        'kernel-sim init my-scenarios',
        'cd my-scenarios && npm install && npx tsc',
        'npx kernel-sim scenario ./counter.ts --typecheck',
      ),
    )
    .action(async (dir: string | undefined) => {
      const { initCommand } = await import('./init-command.ts');
      setExit(initCommand({ dir }, io).exitCode);
    });
}
