/**
 * block-all: every call is held at once, recursive ones too. A thread inside
 * the object that calls it again deadlocks against the swap: the swap must
 * roll back naming the thread and the call it is inside, and lose nothing.
 * Calls that wait for each other (one inside waits for one that is held)
 * stall the swap instead: the stall report and the timeout name the thread
 * inside. Quiescence (K42) runs the same workloads to completion.
 */
import { describe, expect, test } from 'vitest';
import {
  block,
  compute,
  createSimulation,
  wake,
  WaitQueue,
  type Op,
  type SimulationEvent,
} from 'kernel-sim';
import { Ledger } from './ledger.ts';

/** Walks itself through its own ref: recursion through the table. */
class Tree {
  self: any;
  visits = 0;
  *walk(depth: number): Op<number> {
    this.visits++;
    yield* compute(2);
    if (depth > 0) yield* this.self.walk(depth - 1);
    return this.visits;
  }
}
class Tree2 extends Tree {}

function recursion(strategy: 'block-all' | 'quiescence', seed: number) {
  const sim = createSimulation({ seed, cpus: 2, swapStrategy: strategy });
  const tree = sim.objects.createNamed('tree', Tree);
  sim.objects.peek(tree).self = tree;
  const ledger = new Ledger(sim, new Set([tree.$id]));
  for (let i = 0; i < 3; i++)
    sim.spawn(`w${i}`, function* () {
      yield* tree.walk(6);
    });
  const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
  sim.at(3, () => (swap.handle = sim.hotswap(tree, Tree2, { timeoutTicks: 5000 })));
  const r = sim.run();
  return { r, swap: swap.handle!, ledger };
}

/** waitFor blocks inside the object until release, another call, wakes it. */
class Gate {
  readonly q = new WaitQueue('gate');
  open = false;
  *waitFor(): Op<void> {
    yield* compute(1);
    while (!this.open) yield* block(this.q);
  }
  *release(): Op<void> {
    this.open = true;
    yield* wake(this.q);
  }
}
class Gate2 extends Gate {}

function waitEachOther(strategy: 'block-all' | 'quiescence') {
  const sim = createSimulation({ seed: 3, cpus: 2, swapStrategy: strategy });
  const gate = sim.objects.createNamed('gate', Gate);
  const events: SimulationEvent[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'swap.stalled' || e.type === 'swap.aborted') events.push(e);
  });
  sim.spawn('waiter', function* () {
    yield* gate.waitFor();
  });
  sim.at(5, () => {
    swap.handle = sim.hotswap(gate, Gate2, { timeoutTicks: 400, stallTicks: 100 });
    sim.spawn('opener', function* () {
      yield* gate.release();
    });
  });
  const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
  const r = sim.run();
  return { r, swap: swap.handle!, events };
}

describe('block-all strategy', () => {
  test('recursion: the held recursive call is named as a deadlock, the swap rolls back, nothing lost', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { r, swap, ledger } = recursion('block-all', seed);
      expect(r.outcome, `seed ${seed}`).toBe('passed');
      expect(swap.outcome).toBe('aborted');
      expect(swap.reason).toMatch(
        /^deadlock: thread \d+ 'w\d' calls tree\.walk while inside tree\.walk since tick \d+; strategy block-all holds the call/,
      );
      expect(ledger.problems()).toEqual([]);
    }
  });

  test('the same recursion completes under quiescence (recursive calls are forwarded)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { r, swap, ledger } = recursion('quiescence', seed);
      expect(r.outcome).toBe('passed');
      expect(swap.outcome, swap.reason).toBe('completed');
      expect(ledger.problems()).toEqual([]);
    }
  });

  test('calls that wait for each other: the stall and the timeout name the thread inside', () => {
    const { r, swap, events } = waitEachOther('block-all');
    expect(r.outcome).toBe('passed');
    expect(swap.outcome).toBe('aborted');
    expect(swap.reason).toMatch(/^timeout: .*in block.*thread \d+ 'waiter'.*inside gate\.waitFor/);
    const stalled = events.find((e) => e.type === 'swap.stalled');
    expect(stalled).toBeDefined();
    if (stalled?.type === 'swap.stalled') {
      expect(stalled.phase).toBe('block');
      expect(stalled.blockers.map((b) => b.name)).toContain('waiter');
    }
  });

  test('the same pair completes under quiescence (the opener is forwarded, not held)', () => {
    const { r, swap } = waitEachOther('quiescence');
    expect(r.outcome).toBe('passed');
    expect(swap.outcome, swap.reason).toBe('completed');
  });
});
