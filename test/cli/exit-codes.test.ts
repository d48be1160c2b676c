import { describe, expect, test } from 'vitest';
import { EXIT, EXIT_CODES_HELP, exitCodeOf } from '../../src/cli/exit-codes.ts';

describe('exit codes', () => {
  test('each outcome maps to its documented code', () => {
    expect(EXIT).toEqual({ passed: 0, internal: 1, usage: 2, correctness: 3, liveness: 4 });
    expect(exitCodeOf('passed')).toBe(0);
    expect(exitCodeOf('correctness')).toBe(3);
    expect(exitCodeOf('liveness')).toBe(4);
    expect(exitCodeOf('crash')).toBe(1);
    for (const code of [0, 1, 2, 3, 4])
      expect(EXIT_CODES_HELP).toMatch(new RegExp(`\\n {2}${code} {2}\\w`));
  });
});
