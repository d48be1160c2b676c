#!/usr/bin/env node
/**
 * The `kernel-sim` command's entry (bin/kernel-sim.js imports the built
 * dist/cli/main.js). It only runs the CLI against the real process and sets
 * the exit code; everything else is in run-cli.ts and the command files.
 * A reader that closes the pipe early (`kernel-sim list | head -3`) ends the
 * command quietly instead of with an EPIPE stack.
 */
import { processIo } from './cli-io.ts';
import { runCli } from './run-cli.ts';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), processIo());
