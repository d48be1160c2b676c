/**
 * The walk-through in docs/HOTSWAP.md, pinned: if the protocol's event
 * sequence changes, this test fails and the document must be updated.
 */
import { expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';

class Account {
  balance = 0;
  *deposit(n: number): Op<number> {
    yield* compute(6);
    return (this.balance += n);
  }
  exportFormats() {
    return ['balance'];
  }
  exportState() {
    return this.balance;
  }
  importFormats() {
    return ['balance'];
  }
  importState(_f: string, s: unknown) {
    this.balance = s as number;
  }
}
class AccountV2 extends Account {}

test('docs/HOTSWAP.md walk-through: the events of one swap', () => {
  const sim = createSimulation({ seed: 1, cpus: 3, quantumTicks: 10, detector: 'event' });
  const acct = sim.objects.createNamed('account', Account);
  sim.spawn('early', function* () {
    yield* acct.deposit(10);
  });
  sim.at(3, () => sim.hotswap(acct, AccountV2));
  sim.at(4, () =>
    sim.spawn('tracked', function* () {
      yield* acct.deposit(20);
    }),
  );
  sim.at(6, () =>
    sim.spawn('held', function* () {
      yield* compute(2);
      yield* acct.deposit(30);
    }),
  );
  const lines: string[] = [];
  sim.events$.subscribe((e) => {
    if (
      e.type.startsWith('swap.') ||
      e.type.startsWith('quiescence.') ||
      e.type === 'object.retargeted'
    ) {
      const detail =
        e.type === 'swap.phase-changed'
          ? e.phase
          : e.type === 'swap.call-released'
            ? `held ${e.heldTicks}`
            : '';
      lines.push(`${e.tick} ${e.type} ${detail}`.trim());
    }
  });
  expect(sim.run().outcome).toBe('passed');
  expect(lines).toEqual([
    '3 swap.requested',
    '3 swap.phase-changed forward',
    '3 quiescence.requested',
    '8 quiescence.reached',
    '8 swap.phase-changed block',
    '9 swap.call-held',
    '11 swap.phase-changed transfer',
    '11 swap.transferred',
    '11 object.retargeted',
    '12 swap.phase-changed complete',
    '12 swap.call-released held 3',
    '12 swap.completed',
    '12 quiescence.requested',
    '19 quiescence.reached',
    '19 swap.old-destroyed',
    '19 swap.phase-changed done',
  ]);
  expect(acct.deposit).toBeDefined();
  expect(sim.objects.peek(acct).balance).toBe(60);
});
