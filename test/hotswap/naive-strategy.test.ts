/**
 * naive: the swap switches at once, so a call in flight in the old object
 * keeps running on state already exported. On a loaded scenario (hello: a
 * counter whose add takes 4 ticks, swapped mid-wave) the checkers must name
 * that on at least 90 of 100 seeds, and the same seeds under quiescence (K42)
 * must pass.
 */
import { describe, expect, test } from 'vitest';
import { checkSeed } from '../../src/check/index.ts';
import hello from '../../scenarios/hello.ts';

const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);

describe('naive strategy', () => {
  test(
    'the checkers name a torn call on >= 90% of 100 seeds of hello',
    { timeout: 300_000 },
    () => {
      let caught = 0;
      for (const seed of SEEDS) {
        const r = checkSeed(hello, seed, { overrides: { swapStrategy: 'naive' } });
        const torn = r.violations.filter(
          (v) => v.checker === 'transfer' && v.message.includes('torn call'),
        );
        if (torn.length > 0) caught++;
      }
      expect(caught).toBeGreaterThanOrEqual(90);
    },
  );

  test('the same seeds pass under quiescence (the default)', { timeout: 300_000 }, () => {
    for (const seed of SEEDS.slice(0, 25)) {
      const r = checkSeed(hello, seed, { overrides: { swapStrategy: 'quiescence' } });
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.verdict, `seed ${seed}`).toBe('passed');
    }
  });
});
