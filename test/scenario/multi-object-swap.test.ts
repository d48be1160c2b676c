/**
 * multi-object-swap asserts its deadlock where its configuration makes the
 * call cycle (event detector, quiescence, fifo or random schedule), and only
 * that nothing is lost elsewhere (pct, the k42 detector, other strategies),
 * where it used to fail on most seeds.
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from 'kernel-sim';
import multiObjectSwap from '../../scenarios/multi-object-swap.ts';

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('multi-object-swap', () => {
  test.each(['fifo', 'random'])(
    'under %s: one independent swap rolls back naming the deadlock',
    (schedule) => {
      for (const seed of SEEDS) {
        const r = runScenario(multiObjectSwap, { seed, overrides: { schedule } });
        expect(r.outcome, r.reason ?? '').toBe('passed');
        const apart = r.summary.filter((l) => l.startsWith('apart:'));
        expect(apart.filter((l) => l.includes('aborted: deadlock: '))).toHaveLength(1);
        expect(apart.filter((l) => l.endsWith(' completed'))).toHaveLength(1);
      }
    },
  );

  test.each([
    { schedule: 'pct' },
    { detector: 'k42' as const },
    { swapStrategy: 'block-all' as const },
    { swapStrategy: 'update-points' as const },
  ])('under %o it passes, checking that nothing is lost', (overrides) => {
    for (const seed of SEEDS) {
      const r = runScenario(multiObjectSwap, { seed, overrides });
      expect(r.outcome, r.reason ?? '').toBe('passed');
    }
  });
});
