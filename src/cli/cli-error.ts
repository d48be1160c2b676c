/**
 * CliError: a failure the user can fix (a usage or input error), carrying the
 * exit code to leave with (2 unless said otherwise). Its message is printed
 * as it is, after `kernel-sim: `, with no stack: it names the thing that is
 * wrong and says what to do.
 */
import { EXIT } from './exit-codes.ts';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
