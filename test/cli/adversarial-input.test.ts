/**
 * Adversarial input through the CLI. It never hangs on a scenario whose code
 * never yields: `scenario`
 * ends with exit 4 naming the thread and the tick, and `check` stops only
 * the stuck seeds and goes on with the others, serially or on workers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

const SPIN_ON_EVEN_SEEDS = `import { compute, defineScenario } from 'kernel-sim';
export default defineScenario({
  name: 'spins-on-even-seeds',
  description: 'a body that never yields on even seeds',
  setup(sim) {
    const even = sim.options.seed % 2 === 0;
    sim.spawn('maybe-spin', function* () {
      yield* compute(2);
      while (even) {}
      yield* compute(1);
    });
  },
});
`;

function scenarioFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ks-watchdog-'));
  const file = join(dir, 'spin.ts');
  writeFileSync(file, SPIN_ON_EVEN_SEEDS);
  return { dir, file };
}

describe('the watchdog from the command line', () => {
  test('scenario: exit 4, the culprit named, the reproduce line', async () => {
    const { dir } = scenarioFile();
    const io = bufferIo({ cwd: dir });
    const code = await runCli(['scenario', './spin.ts', '--seed', '2', '--watchdog-ms', '300'], io);
    expect(code).toBe(4);
    expect(io.stdout).toMatch(
      /FAILED liveness: watchdog: no progress for 300 ms(?: of CPU time \([^)]*\))? at tick 2: thread 'maybe-spin'/,
    );
    expect(io.stdout).toMatch(/reproduce: kernel-sim scenario \.\/spin\.ts --seed 2/);
  });

  test.each([1, 2])(
    'check on %i worker(s): the stuck seeds are liveness, the others pass',
    async (workers) => {
      const { dir } = scenarioFile();
      const io = bufferIo({ cwd: dir });
      const args = ['check', './spin.ts', '--seeds', '4', '--workers', String(workers)];
      const code = await runCli([...args, '--watchdog-ms', '300', '--json'], io);
      expect(code).toBe(4);
      const summary = JSON.parse(io.stdout);
      expect(summary.runs).toBe(4);
      expect(summary.passes).toBe(2);
      const stuck =
        /^watchdog: no progress for 300 ms(?: of CPU time \([^)]*\))? at tick 2: thread 'maybe-spin'/;
      const failing = summary.failing.map(
        (r: { seed: number; verdict: string; reason: string }) => [
          r.seed,
          r.verdict,
          stuck.test(r.reason),
        ],
      );
      expect(failing).toEqual([
        [2, 'liveness', true],
        [4, 'liveness', true],
      ]);
    },
  );
});

describe('output paths are checked before the run', () => {
  test.each([
    [
      '--report',
      'missing/run.html',
      /--report missing\/run\.html: the folder .*missing does not exist; create it first/,
    ],
    ['--trace', 'nope/t.json', /--trace nope\/t\.json: the folder .*nope does not exist/],
    ['--report', '.', /--report \.: that is a folder; give a file name/],
  ])('%s %s: exit 2, and nothing ran', async (flag, path, message) => {
    const { dir } = scenarioFile();
    const io = bufferIo({ cwd: dir });
    expect(await runCli(['scenario', './spin.ts', '--seed', '1', flag, path], io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stdout).not.toMatch(/PASSED|FAILED/);
  });
});

describe('user strings cannot drive the terminal', () => {
  const ESCAPES = `import { defineScenario } from 'kernel-sim';
export default defineScenario({
  name: 'evil\\u001b[2K\\u001b[1A',
  description: 'moves the cursor\\u001b[1A\\r',
  setup(sim) {
    sim.spawn('t\\u0007', function* () {});
  },
  expect() {
    throw new Error('\\u001b[2K\\rPASSED');
  },
});
`;
  test('control characters in names, descriptions and reasons are shown escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-ansi-'));
    writeFileSync(join(dir, 'evil.ts'), ESCAPES);
    const io = bufferIo({ cwd: dir });
    expect(await runCli(['scenario', './evil.ts', '--seed', '1'], io)).toBe(3);
    expect(io.stdout).not.toContain('\u001b');
    expect(io.stdout).not.toContain('\u0007');
    expect(io.stdout).toContain('evil\\x1b[2K\\x1b[1A');
    expect(io.stdout).toMatch(/FAILED correctness: \\x1b\[2K\\x0dPASSED/);
  });
});

describe('small ones', () => {
  test('an option of the wrong type says what it got', async () => {
    const { createSimulation } = await import('kernel-sim');
    expect(() => createSimulation({ cpus: '2' as never })).toThrow(
      /option cpus must be an integer from 1 to 64, got "2" \(a string\)/,
    );
    expect(() => createSimulation({ hashEvents: 'no' as never })).toThrow(
      /option hashEvents must be true or false, got "no"/,
    );
  });

  test('a seed range too large for one check is refused before anything runs', async () => {
    const { dir } = scenarioFile();
    const io = bufferIo({ cwd: dir });
    const args = ['check', './spin.ts', '--seed-from', '0', '--seed-to', '9007199254740991'];
    expect(await runCli(args, io)).toBe(2);
    expect(io.stderr).toMatch(/holds 9007199254740992 seeds; one check runs at most 10000000/);
  });
});
