/**
 * rollback strategy, hand-checked. A 'mover' thread runs one transaction:
 * post(1) on the ledger (2 ticks), sleep 40, post(2). The ledger is swapped
 * at tick 10, while the transaction sleeps between its two calls.
 *   - rollback: the transaction reached v1, so it is rolled back at once
 *     (post(1) undone through the ledger's journal), retried, held until the
 *     swap is done, and runs wholly on v2: the log is [1, 2], not [1, 1, 2];
 *   - rollback with an irrevocable effect after post(1): the swap cannot
 *     roll it back and waits (its post(2) forwarded to v1) until it commits;
 *   - naive: the transaction reaches v1 then v2: the 'transactions' checker
 *     names it; block-all does the same (it waits for calls inside, not for
 *     transactions). (Quiescence here happens to wait out the sleep: on one
 *     idle CPU its generation ends when the mover runs again.)
 */
import { describe, expect, test } from 'vitest';
import {
  attachCheckers,
  compute,
  createSimulation,
  sleep,
  type Op,
  type SimulationEvent,
  type Stamped,
} from '../../src/index.ts';
import type { StrategyName } from '../../src/hotswap/index.ts';

class Ledger {
  log: number[] = [];
  *post(n: number): Op<void> {
    yield* compute(2);
    this.log.push(n);
  }
  entries(): readonly number[] {
    return this.log;
  }
  exportFormats(): readonly string[] {
    return ['log'];
  }
  exportState(): number[] {
    return [...this.log];
  }
  importFormats(): readonly string[] {
    return ['log'];
  }
  importState(_f: string, s: unknown): void {
    this.log = [...(s as number[])];
  }
}
class LedgerV2 extends Ledger {}

function run(strategy: StrategyName, irrevocable = false) {
  const sim = createSimulation({ seed: 1, cpus: 1, swapStrategy: strategy });
  const ledger = sim.objects.createNamed('ledger', Ledger);
  const events: Stamped<SimulationEvent>[] = [];
  sim.events$.subscribe((e) => {
    if (e.type.startsWith('transaction.') || e.type === 'swap.completed') events.push(e);
    else if (e.type === 'call.reached' && e.object === ledger.$id) events.push(e);
  });
  const checks = attachCheckers(sim);
  let attempts = 0;
  sim.spawn('mover', function* () {
    yield* sim.transaction('move', function* (tx) {
      attempts++;
      yield* ledger.post(1);
      if (irrevocable) tx.irrevocable('receipt sent');
      yield* sleep(40);
      yield* ledger.post(2);
    });
  });
  let swap: ReturnType<typeof sim.hotswap> | null = null;
  sim.at(10, () => (swap = sim.hotswap(ledger, LedgerV2)));
  const result = sim.run();
  return { result, swap: swap!, ledger, events, checks: checks.report(), attempts };
}

describe('rollback strategy', () => {
  test('a transaction that reached the old version is rolled back and retried on the new', () => {
    const r = run('rollback');
    expect(r.result.outcome).toBe('passed');
    expect(r.swap.outcome).toBe('completed');
    expect(r.checks.violations).toEqual([]);
    const rb = r.events.filter((e) => e.type === 'transaction.rolled-back');
    expect(rb).toHaveLength(1);
    expect(rb[0]).toMatchObject({ tx: 1, attempt: 1, bySwap: r.swap.id, undone: [r.ledger.$id] });
    // began at tick 0ish, rolled back at the swap (tick 10): ~10 ticks lost
    const lost = (rb[0] as { ticksLost: number }).ticksLost;
    expect(lost).toBeGreaterThanOrEqual(8);
    expect(lost).toBeLessThanOrEqual(10);
    expect(r.swap.transactionsRolledBack).toBe(1);
    expect(r.swap.ticksRolledBack).toBe(lost);
    expect(r.attempts).toBe(2);
    expect(r.events.filter((e) => e.type === 'transaction.committed')).toMatchObject([
      { tx: 1, attempt: 2 },
    ]);
    // the retry's two calls both reached v2; the log moved without the undone post(1)
    const reached = r.events.filter((e) => e.type === 'call.reached');
    expect(reached.map((e) => (e as { version: number }).version)).toEqual([1, 2, 2]);
    expect(r.ledger.entries()).toEqual([1, 2]);
    // the swap did not wait for the transaction's 40-tick sleep
    expect(r.swap.phaseTicks.block).toBeLessThan(5);
  });

  test('an irrevocable effect makes the swap wait for the transaction to commit', () => {
    const r = run('rollback', true);
    expect(r.result.outcome).toBe('passed');
    expect(r.swap.outcome).toBe('completed');
    expect(r.checks.violations).toEqual([]);
    expect(r.events.filter((e) => e.type === 'transaction.rolled-back')).toEqual([]);
    expect(r.attempts).toBe(1);
    const commit = r.events.find((e) => e.type === 'transaction.committed')!;
    const done = r.events.find((e) => e.type === 'swap.completed')!;
    expect(done.tick).toBeGreaterThanOrEqual(commit.tick);
    expect(r.swap.phaseTicks.block).toBeGreaterThan(30);
    const reached = r.events.filter((e) => e.type === 'call.reached');
    expect(reached.map((e) => (e as { version: number }).version)).toEqual([1, 1]);
    expect(r.ledger.entries()).toEqual([1, 2]);
  });

  for (const strategy of ['naive', 'block-all'] as const) {
    test(`${strategy}: the transactions checker names the mixed-version transaction`, () => {
      const r = run(strategy);
      expect(r.swap.outcome).toBe('completed');
      const v = r.checks.violations.filter((x) => x.checker === 'transactions');
      expect(v).toHaveLength(1);
      expect(v[0].message).toMatch(
        /transaction 'move' \(tx 1, attempt 1, thread \d+\) reached v2 of ledger .* but v1 .*two versions/,
      );
    });
  }
});
