/**
 * The CLI never hangs on a scenario whose code never yields: `scenario`
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
      /FAILED liveness: watchdog: no progress for 300 ms at tick 2: thread 'maybe-spin'/,
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
      const stuck = /^watchdog: no progress for 300 ms at tick 2: thread 'maybe-spin'/;
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
