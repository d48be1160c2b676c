import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { progressReporter } from '../../src/cli/progress-reporter.ts';

describe('progressReporter', () => {
  test('not on a terminal: plain lines on stderr at each tenth and at the end, nothing on stdout', () => {
    const io = bufferIo();
    const p = progressReporter(io, 'check', 'seeds');
    for (let done = 1; done <= 100; done++) p.update(done, 100);
    p.stop();
    const lines = io.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('check: 1/100 seeds');
    expect(lines.at(-1)).toBe('check: 100/100 seeds');
    expect(lines).toHaveLength(11);
    expect(io.stdout).toBe('');
  });
});
