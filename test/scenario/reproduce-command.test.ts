import { describe, expect, test } from 'vitest';
import { reproduceCommand, shellQuote } from '../../src/scenario/index.ts';

describe('reproduceCommand', () => {
  test('names the source and seed, then only the overridden options as flags, then the extra arguments', () => {
    expect(reproduceCommand('hello.ts', 7, {})).toBe('kernel-sim scenario hello.ts --seed 7');
    expect(
      reproduceCommand(
        'x.ts',
        1,
        { ticksMax: 50, cpus: 4, detector: 'event', quantumTicks: 3, pollTicks: 2 },
        ['--plugin', 'counter'],
      ),
    ).toBe(
      'kernel-sim scenario x.ts --seed 1 --cpus 4 --quantum 3 --ticks-max 50 --detector event --poll-ticks 2 --plugin counter',
    );
  });

  test('quotes arguments a POSIX shell would split or expand', () => {
    expect(shellQuote('./a/b-c_d.ts')).toBe('./a/b-c_d.ts');
    expect(shellQuote('my scenario.ts')).toBe("'my scenario.ts'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(reproduceCommand('/tmp/my dir/s.ts', 2, {}, ['--plugin', 'logger=a*'])).toBe(
      "kernel-sim scenario '/tmp/my dir/s.ts' --seed 2 --plugin 'logger=a*'",
    );
  });
});
