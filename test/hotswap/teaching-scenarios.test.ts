/**
 * The strategy teaching scenarios (docs/TEACHING.md) show what they say, on
 * every seed tried: naive-swap-loses-a-call keeps every deposit under
 * quiescence and loses exactly the payroll deposit under naive, with the
 * transfer checker naming the torn call; block-all-deadlock completes under
 * quiescence and rolls back naming the deadlock under block-all, with no
 * checker violation; accept-loop-update-point (default strategy
 * update-points) refuses the update while the auditor is inside
 * audit.inspect and applies it at the daemon's accept-loop update point,
 * and passes under the other safe strategies too.
 */
import { describe, expect, test } from 'vitest';
import { checkSeed } from '../../src/check/index.ts';
import naiveLoses from '../../scenarios/naive-swap-loses-a-call.ts';
import blockAllDeadlock from '../../scenarios/block-all-deadlock.ts';
import acceptLoop from '../../scenarios/accept-loop-update-point.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('teaching scenarios for the strategies', () => {
  test('naive-swap-loses-a-call: quiescence keeps the deposit, naive loses it and is named', () => {
    for (const seed of SEEDS) {
      const ok = checkSeed(naiveLoses, seed);
      expect(ok.verdict, `seed ${seed}: ${ok.reason}`).toBe('passed');
      const bad = checkSeed(naiveLoses, seed, { overrides: { swapStrategy: 'naive' } });
      expect(bad.outcome, `seed ${seed}: ${bad.reason}`).not.toBe('expectation');
      expect(bad.verdict).toBe('violation');
      expect(bad.violations.map((v) => v.checker)).toContain('transfer');
      expect(bad.violations.find((v) => v.checker === 'transfer')!.message).toMatch(
        /call \d+ \(deposit\) was in flight in the old v1 of object \d+ .*a torn call/,
      );
    }
  });

  test('block-all-deadlock: quiescence completes, block-all rolls back naming the deadlock', () => {
    for (const seed of SEEDS) {
      for (const strategy of ['quiescence', 'block-all'] as const) {
        const r = checkSeed(blockAllDeadlock, seed, { overrides: { swapStrategy: strategy } });
        expect(r.verdict, `${strategy} seed ${seed}: ${r.reason}`).toBe('passed');
        expect(r.violations).toEqual([]);
      }
    }
  });

  test('accept-loop-update-point: refused while audit.inspect runs, applied in the accept loop', () => {
    // its expect() asserts the refusals naming audit.inspect and the daemon's point under update-points
    expect((acceptLoop.options as { swapStrategy?: string }).swapStrategy).toBe('update-points');
    for (const seed of SEEDS) {
      for (const strategy of ['update-points', 'quiescence', 'block-all'] as const) {
        const r = checkSeed(acceptLoop, seed, { overrides: { swapStrategy: strategy } });
        expect(r.verdict, `${strategy} seed ${seed}: ${r.reason}`).toBe('passed');
        expect(r.violations).toEqual([]);
      }
    }
  });
});
