/**
 * runCli: parse `argv` (without node and the script), run the command, and
 * return the exit code, never throwing: every error goes through the one
 * boundary (error-boundary.ts). main.ts calls it with the real process;
 * tests call it with a bufferIo.
 */
import type { CliIo } from './cli-io.ts';
import { exitCodeFor } from './error-boundary.ts';
import { EXIT } from './exit-codes.ts';
import { createProgram } from './program.ts';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.passed;
  try {
    const program = createProgram(io, (c) => (code = c));
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}
