/**
 * rollback-vs-block: the scenario's expect() holds under its default
 * strategy (rollback) on every seed of check's random schedule, with no checker
 * violation; under block-all the 'transactions' checker names a transfer
 * that saw two versions on >= 90% of the seeds. Seeds:
 * KERNEL_SIM_ROLLBACK_SEEDS, else 20.
 */
import { describe, expect, test } from 'vitest';
import { checkSeed } from '../../src/check/index.ts';
import scenario from '../../scenarios/rollback-vs-block.ts';

const SEEDS = Number(process.env.KERNEL_SIM_ROLLBACK_SEEDS ?? 20);

describe(`rollback-vs-block (${SEEDS} seeds)`, () => {
  test('rollback: expectations hold, no violation', { timeout: 600_000 }, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = checkSeed(scenario, seed, { overrides: { schedule: 'random' } });
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.verdict, `seed ${seed}: ${r.reason ?? ''}`).toBe('passed');
    }
  });

  test(
    'block-all: the transactions checker names a mixed-version transfer',
    { timeout: 600_000 },
    () => {
      let caught = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = checkSeed(scenario, seed, {
          overrides: { swapStrategy: 'block-all', schedule: 'random' },
        });
        if (
          r.violations.some(
            (v) => v.checker === 'transactions' && /transfer-\d\.\d/.test(v.message),
          )
        )
          caught++;
      }
      expect(caught).toBeGreaterThanOrEqual(Math.ceil(SEEDS * 0.9));
    },
  );
});
