import { describe, expect, test } from 'vitest';
import { defineScenario } from 'kernel-sim';
import { formatSummary, runCheck, type SeedResult } from '../../src/check/index.ts';
import { CounterV2, counterWorkload } from '../checkers/swap-workload.ts';

const verdictKey = (r: SeedResult) =>
  [r.seed, r.verdict, r.outcome, r.ticks, r.faults?.active.join(','), r.faults?.log.length].join(
    ' ',
  );
const cliLoader = {
  url: new URL('../../src/cli/load-scenario.ts', import.meta.url).href,
  exportName: 'loadScenario',
};

const counter = defineScenario({
  name: 'counter',
  description: 'a counter swapped under load',
  options: (random) => ({ cpus: random.int(1, 3) }),
  setup: (sim) => counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 5, late: 2 }),
});

describe('runCheck', () => {
  test('serial over a Scenario object: every seed checked, in order, the first ones re-run', async () => {
    const seen: number[] = [];
    const s = await runCheck({
      scenario: counter,
      seedFrom: 5,
      seedTo: 14,
      onSeed: (r) => seen.push(r.seed),
    });
    expect(seen).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(s).toMatchObject({
      scenario: 'counter',
      runs: 10,
      passes: 10,
      rerun: 3,
      exitCode: 0,
      seeds: { from: 5, to: 14 },
      faults: false,
    });
    expect(formatSummary(s).at(-1)).toBe('PASSED 10 seed(s)');
  });

  test('a broken scenario fails with exit code 3 and a reproduce line per failing seed', async () => {
    class Lossy extends CounterV2 {
      override importState(): void {}
    }
    const lossy = defineScenario({
      name: 'lossy',
      description: 'loses its count',
      setup: (sim) => counterWorkload(sim, { threads: 2, rounds: 2, swapAt: 4, New: Lossy }),
    });
    const s = await runCheck({ scenario: lossy, seeds: 4, source: 'lossy.ts' });
    expect(s).toMatchObject({ runs: 4, passes: 0, exitCode: 3 });
    expect(s.failures.violation).toBe(4);
    expect(s.failing.map((r) => r.reproduce)).toEqual(
      [1, 2, 3, 4].map((n) => `kernel-sim scenario lossy.ts --seed ${n} --schedule random`),
    );
  });

  test('a bundled scenario by name', async () => {
    const s = await runCheck({ scenario: 'hello', seeds: 2, rerun: 0 });
    expect(s).toMatchObject({ scenario: 'hello', runs: 2, exitCode: 0 });
    expect(s.failing).toEqual([]);
  });

  test('a scenario file through the default loader, with faults', async () => {
    const s = await runCheck({ scenario: 'scenarios/hello.ts', seeds: 12, faults: true, rerun: 1 });
    expect(s).toMatchObject({
      scenario: 'scenarios/hello.ts',
      runs: 12,
      exitCode: 0,
      faults: true,
    });
  });

  test(
    'on worker threads: the same verdicts as serially, seed for seed',
    { timeout: 120_000 },
    async () => {
      const collect = async (workers: number) => {
        const out: string[] = [];
        const summary = await runCheck({
          scenario: 'scenarios/hello.ts',
          seeds: 12,
          faults: true,
          workers,
          load: cliLoader,
          onSeed: (r) => out.push(verdictKey(r)),
        });
        return { summary, seeds: out.sort() };
      };
      const [serial, parallel] = [await collect(1), await collect(2)];
      expect(parallel.summary).toMatchObject({ runs: 12, exitCode: 0 });
      expect(parallel.seeds).toEqual(serial.seeds);
    },
  );

  // Regression (found by this test): the event log of a seed depended on how
  // the TypeScript was compiled. call.entered carries the scheduler's
  // arguments, a Thread object, and stableJson kept keys in insertion order,
  // which differs between vitest's transform and jiti's (constructor
  // parameter properties before or after field initialisers), so a seed
  // hashed differently in a jiti worker. stableJson now sorts keys.
  test('on worker threads: the same event hashes as serially', { timeout: 120_000 }, async () => {
    const hashes = async (workers: number) => {
      const out: string[] = [];
      await runCheck({
        scenario: 'scenarios/hello.ts',
        seeds: 2,
        workers,
        load: cliLoader,
        onSeed: (r) => out.push(`${r.seed} ${r.eventsHash}`),
      });
      return out.sort();
    };
    expect(await hashes(2)).toEqual(await hashes(1));
  });

  test('bad options say what is accepted', async () => {
    await expect(runCheck({ scenario: counter, workers: 0 })).rejects.toThrow(
      'workers must be an integer >= 1, got 0',
    );
    await expect(
      runCheck({
        scenario: 'scenarios/hello.ts',
        workers: 2,
        checkers: { transfer: { formats: { x: { combine: () => 0 } } } },
      }),
    ).rejects.toThrow(
      /options with functions .* cannot be sent to worker threads; put them in the scenario as `checkers: \{...\}`, or use workers: 1/,
    );
    await expect(runCheck({ scenario: 'scenarios/no-such.ts', seeds: 1 })).rejects.toThrow(
      /scenario file not found: \/.*scenarios\/no-such.ts$/,
    );
    await expect(runCheck({ scenario: 'no-such', seeds: 1 })).rejects.toThrow(
      /nor a bundled scenario 'no-such' in/,
    );
  });
});
