/**
 * Bundled scenarios whose description claims held calls hold them on at
 * least 90% of seeds (issue 19's goal: 100 seeds; the default here is 20 to
 * keep the suite short, KERNEL_SIM_HELD_SEEDS=100 runs the full count).
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { runScenario } from '../../src/scenario/index.ts';

const SEEDS = Number(process.env.KERNEL_SIM_HELD_SEEDS ?? 20);

/** Scenarios that say calls are held, and the swaps that must hold them. */
const CLAIMING = ['interface-change.ts', 'multi-object-swap.ts'];

describe(`scenarios that claim held calls hold them on >= 90% of ${SEEDS} seeds`, () => {
  test.each(CLAIMING)('%s', async (file) => {
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
