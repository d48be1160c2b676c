import { CommanderError } from 'commander';
import { describe, expect, test } from 'vitest';
import { ScenarioInputError, ScenarioSetupError } from 'kernel-sim';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { CliError } from '../../src/cli/cli-error.ts';
import { exitCodeFor } from '../../src/cli/error-boundary.ts';

function boundary(error: unknown) {
  const io = bufferIo();
  return { code: exitCodeFor(error, io), stderr: io.stderr };
}

describe('exitCodeFor (the one error boundary)', () => {
  test('help and version exit 0 quietly; other commander errors exit 2 (commander printed them)', () => {
    expect(boundary(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({
      code: 0,
      stderr: '',
    });
    expect(boundary(new CommanderError(0, 'commander.version', '1.0.0'))).toEqual({
      code: 0,
      stderr: '',
    });
    expect(
      boundary(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'")),
    ).toEqual({ code: 2, stderr: '' });
    expect(boundary(new CommanderError(1, 'commander.help', '(outputHelp)'))).toEqual({
      code: 2,
      stderr: '',
    });
  });

  test('CliError: its message (no stack) and its exit code', () => {
    expect(boundary(new CliError('the file is missing'))).toEqual({
      code: 2,
      stderr: 'kernel-sim: the file is missing\n',
    });
    expect(boundary(new CliError('custom', 3))).toEqual({
      code: 3,
      stderr: 'kernel-sim: custom\n',
    });
  });

  test('a bad scenario is an input error: exit 2 with its message', () => {
    expect(
      boundary(new ScenarioSetupError("scenario 'x': setup threw Error: e", '/a/x.ts:3')),
    ).toEqual({
      code: 2,
      stderr: "kernel-sim: scenario 'x': setup threw Error: e\n    at /a/x.ts:3\n",
    });
    expect(boundary(new ScenarioInputError('bad option')).code).toBe(2);
    const foreign = Object.assign(new Error('from another copy'), { name: 'ScenarioInputError' });
    expect(boundary(foreign).code).toBe(2);
  });

  test('anything else is an internal error: exit 1, saying so, with the stack', () => {
    const r = boundary(new TypeError('undefined is not a function'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^kernel-sim: internal error \(this is a bug in kernel-sim; please report it with the command you ran\):\nTypeError: undefined is not a function\n {4}at /,
    );
    expect(boundary('a string').stderr).toContain('a string');
  });
});
