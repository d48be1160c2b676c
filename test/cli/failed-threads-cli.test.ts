import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-failed-threads-'));
/** Five workers throw, one after another; one exits cleanly. */
writeFileSync(
  join(dir, 'throws.ts'),
  `import { defineScenario, sleep } from 'kernel-sim';
export default defineScenario({
  name: 'throws',
  description: 'five workers throw',
  setup(sim) {
    sim.spawn('ok', function* () { yield* sleep(1); });
    for (let i = 1; i <= 5; i++)
      sim.spawn('w' + i, function* () { yield* sleep(i * 3); throw new Error('broke ' + i); });
  },
});
`,
);

async function cli(...args: string[]) {
  const io = bufferIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('failed threads on the command line', () => {
  test('scenario (text): the first three failed threads with their errors; the run passes by default', async () => {
    const r = await cli('scenario', 'throws.ts', '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('threads: 6 spawned, 6 exited, 5 failed');
    expect(r.out).toMatch(/failed: thread 'w1' \(#\d+\) at tick \d+: Error: broke 1\n/);
    expect(r.out).toMatch(/failed: thread 'w3' \(#\d+\) at tick \d+: Error: broke 3\n/);
    expect(r.out).not.toContain('broke 4');
    expect(r.out).toContain('... and 2 more (all in --json)');
  });

  test('scenario --json: all of them', async () => {
    const r = await cli('scenario', 'throws.ts', '--seed', '1', '--json');
    const doc = JSON.parse(r.out);
    expect(doc.failedThreads.map((f: { name: string; error: string }) => f.error)).toEqual([
      'Error: broke 1',
      'Error: broke 2',
      'Error: broke 3',
      'Error: broke 4',
      'Error: broke 5',
    ]);
  });

  test('scenario --on-failed-thread fail: exit 3 naming the first thread; the reproduce line keeps the flag', async () => {
    const r = await cli('scenario', 'throws.ts', '--seed', '1', '--on-failed-thread', 'fail');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(
      /FAILED correctness: thread 'w1' \(#\d+\) failed at tick \d+: Error: broke 1 \(and 4 more failed threads\)/,
    );
    expect(r.out).toContain(
      'reproduce: kernel-sim scenario throws.ts --seed 1 --on-failed-thread fail',
    );
  });

  test('check fails a seed in which a thread threw (exit 3), and its reproduce line fails the same way', async () => {
    const r = await cli('check', 'throws.ts', '--seeds', '2', '--workers', '1');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/FAILED seed 1: expectation \(correctness: thread 'w1'/);
    expect(r.out).toContain(
      'reproduce: kernel-sim scenario throws.ts --seed 1 --schedule random --on-failed-thread fail',
    );
  });

  test('check --on-failed-thread report: the seeds pass', async () => {
    const r = await cli(
      'check',
      'throws.ts',
      '--seeds',
      '2',
      '--workers',
      '1',
      '--on-failed-thread',
      'report',
    );
    expect(r.code).toBe(0);
  });

  test('an unknown mode is refused (exit 2)', async () => {
    const r = await cli('scenario', 'throws.ts', '--on-failed-thread', 'ignore');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--on-failed-thread.*Allowed choices are fail, report/s);
  });
});
