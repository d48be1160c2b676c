/**
 * Bundled scenarios whose description claims held calls hold them on at
 * least 90% of seeds (issue 19's goal: 100 seeds; the default here is 20 to
 * keep the suite short, 10 for swap-scheduler, whose expect reruns the
 * load twice; KERNEL_SIM_HELD_SEEDS=100 runs the full count for each).
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { runScenario } from '../../src/scenario/index.ts';

const SEEDS_ENV = process.env.KERNEL_SIM_HELD_SEEDS;

/** Scenarios that say calls are held, with their default seed counts. */
const CLAIMING: [string, number][] = [
  ['interface-change.ts', 20],
  ['multi-object-swap.ts', 20],
  ['swap-scheduler.ts', 10],
  ['swap-file-cache.ts', 20],
];

describe('scenarios that claim held calls hold them on >= 90% of seeds', () => {
  test.each(CLAIMING)('%s (default %i seeds)', async (file, seedsDefault) => {
    const SEEDS = Number(SEEDS_ENV ?? seedsDefault);
    const scenario = await loadScenario(resolve('scenarios', file));
    let holding = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = runScenario(scenario, { seed });
      expect(r.outcome, `${file} seed ${seed}: ${r.reason}`).toBe('passed');
      if (r.swaps.some((s) => s.held > 0)) holding++;
    }
    expect(holding / SEEDS).toBeGreaterThanOrEqual(0.9);
  });
});
