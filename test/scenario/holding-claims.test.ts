/**
 * Scenarios that claim held calls assert them under the strategies that hold
 * calls (HOLDING_STRATEGIES), and pass under update-points, which holds none
 * by design (interface-change failed its own expectation on every seed there).
 */
import { describe, expect, test } from 'vitest';
import { HOLDING_STRATEGIES, runScenario, strategyHolds } from 'kernel-sim';
import interfaceChange from '../../scenarios/interface-change.ts';

describe('held-call claims follow the strategy', () => {
  test('the holding strategies are quiescence, block-all and rollback', () => {
    expect([...HOLDING_STRATEGIES]).toEqual(['quiescence', 'block-all', 'rollback']);
    expect(strategyHolds('update-points')).toBe(false);
    expect(strategyHolds('naive')).toBe(false);
  });

  test('interface-change under update-points passes and holds nothing', () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = runScenario(interfaceChange, {
        seed,
        overrides: { swapStrategy: 'update-points' },
      });
      expect(r.outcome, r.reason ?? '').toBe('passed');
      expect(r.swaps[0].held).toBe(0);
    }
  });

  test('interface-change under quiescence still asserts and holds calls', () => {
    const r = runScenario(interfaceChange, { seed: 1 });
    expect(r.outcome, r.reason ?? '').toBe('passed');
    expect(r.swaps[0].held).toBeGreaterThan(0);
  });
});

describe('swap-file-cache under lazy', () => {
  test('counts the transferred blocks when the new cache converts, and passes', async () => {
    const { default: swapFileCache } = await import('../../scenarios/swap-file-cache.ts');
    for (const seed of [1, 2, 3]) {
      const r = runScenario(swapFileCache, { seed, overrides: { swapStrategy: 'lazy' } });
      expect(r.outcome, r.reason ?? '').toBe('passed');
      expect(r.summary[0]).toMatch(/^[1-9]\d* cached blocks moved to the CLOCK cache/);
    }
  });
});
