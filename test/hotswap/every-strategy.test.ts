/**
 * Every strategy runs every bundled scenario, with seeded faults on. The
 * safe strategies (quiescence, block-all, update-points, rollback) show no
 * checker violation on any seed; quiescence passes outright, except on a
 * scenario with transactions (rollback-vs-block): there only rollback knows
 * transactions, and the others may fail the 'transactions' checker alone
 * (a transaction spanning the swap sees two versions: that scenario's lesson). naive may fail the checkers (that is
 * its lesson) but never crashes the simulator nor hangs. block-all may fail
 * a scenario's own expectation where the scenario asserts K42 behaviour
 * (multi-object-swap expects quiescence's deadlock between two swaps).
 * Seeds per scenario and strategy: KERNEL_SIM_STRATEGY_SEEDS, else 3 (for
 * 10^4: KERNEL_SIM_STRATEGY_SEEDS=10000 npx vitest run test/hotswap/every-strategy.test.ts).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkSeed, importScenario } from '../../src/check/index.ts';
import { STRATEGY_NAMES } from '../../src/hotswap/index.ts';

const SEEDS = Number(process.env.KERNEL_SIM_STRATEGY_SEEDS ?? 3);
/** Scenarios whose threads run transactions (sim.transaction). */
const TRANSACTIONAL = new Set(['rollback-vs-block.ts']);
const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.ts'))
  .sort();

describe(`every strategy x every bundled scenario, faults on (${SEEDS} seeds)`, () => {
  for (const file of files) {
    test(file, { timeout: 600_000 }, async () => {
      const scenario = await importScenario(`scenarios/${file}`);
      const transactional = TRANSACTIONAL.has(file);
      for (const strategy of STRATEGY_NAMES) {
        for (let seed = 1; seed <= SEEDS; seed++) {
          const r = checkSeed(scenario, seed, {
            faults: true,
            overrides: { swapStrategy: strategy },
          });
          const where = `${file} ${strategy} seed ${seed}: ${r.reason ?? ''} ${r.violations.map((v) => v.text).join('; ')}`;
          expect(['crash', 'liveness', 'nondeterminism'], where).not.toContain(r.verdict);
          if (strategy === 'naive') continue;
          const unaware = transactional && strategy !== 'rollback';
          const others = r.violations.filter((v) => !unaware || v.checker !== 'transactions');
          expect(others, where).toEqual([]);
          if (strategy === 'quiescence' && !unaware) expect(r.verdict, where).toBe('passed');
        }
      }
    });
  }
});
