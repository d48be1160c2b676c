/**
 * lazy: the swap waits like quiescence, then switches without importing;
 * the state arrives on the first call after the switch, which pays the
 * transfer ticks (src/hotswap/lazy-strategy.ts, lazy-import.ts). Hand
 * checked: a counter at 3 when swapped, transferTicks 5, add() computing 2.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op, type SimulationEvent } from 'kernel-sim';

class Counter {
  n = 0;
  imports = 0;
  *add(k: number): Op<number> {
    yield* compute(2);
    this.n += k;
    return this.n;
  }
  get(): number {
    return this.n;
  }
  exportFormats(): string[] {
    return ['n'];
  }
  exportState(): number {
    return this.n;
  }
  importFormats(): string[] {
    return ['n'];
  }
  importState(_f: string, n: number): void {
    this.imports++;
    this.n = n;
  }
}
class Counter2 extends Counter {}
class Broken extends Counter {
  override importState(): void {
    throw new Error('cannot read n');
  }
}

function run(strategy: 'lazy' | 'quiescence', to: typeof Counter = Counter2) {
  const sim = createSimulation({ seed: 1, cpus: 1, swapStrategy: strategy });
  const c = sim.objects.createNamed('c', Counter);
  const events: SimulationEvent[] = [];
  let atSwitch: { n: number; imports: number } | null = null;
  sim.events$.subscribe((e) => {
    if (e.type.startsWith('swap.')) events.push(e);
  });
  const latencies: number[] = [];
  const results: number[] = [];
  sim.spawn('before', function* () {
    for (let i = 0; i < 3; i++) results.push(yield* c.add(1));
  });
  // long after the swap, with no call in flight meanwhile
  sim.at(200, () =>
    sim.spawn('after', function* () {
      for (let i = 0; i < 3; i++) {
        const t0 = sim.now;
        results.push(yield* c.add(10));
        latencies.push(sim.now - t0);
      }
    }),
  );
  const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
  sim.at(
    20,
    () =>
      (swap.handle = sim.hotswap(c, to, {
        transferTicks: 5,
        after: () => {
          const now = sim.objects.peek(c);
          atSwitch = { n: now.n, imports: now.imports };
        },
      })),
  );
  const r = sim.run();
  return { r, sim, c, events, atSwitch: atSwitch!, latencies, results, swap: swap.handle! };
}

describe('lazy strategy', () => {
  test('the state arrives on first use, not at the switch; the first call pays', () => {
    const { r, sim, c, events, atSwitch, latencies, results, swap } = run('lazy');
    expect(r.outcome).toBe('passed');
    expect(swap.outcome).toBe('completed');
    // at the switch the new object is still empty: nothing imported yet
    expect(atSwitch).toEqual({ n: 0, imports: 0 });
    const transferred = events.find((e) => e.type === 'swap.transferred');
    expect(transferred).toMatchObject({ exported: [3], imported: null, lazy: true });
    const converted = events.filter((e) => e.type === 'swap.converted');
    expect(converted).toHaveLength(1);
    expect(converted[0]).toMatchObject({ exported: [3], imported: [3], ticks: 5 });
    // the conversion comes after the swap completed, on the first call
    const order = events.map((e) => e.type);
    expect(order.indexOf('swap.converted')).toBeGreaterThan(order.indexOf('swap.completed'));
    // a call takes 4 ticks (add computes 2, the call boundaries 2); the first
    // after the switch pays the 5 ticks of conversion on top
    expect(latencies).toEqual([9, 4, 4]);
    expect(results).toEqual([1, 2, 3, 13, 23, 33]);
    expect(sim.objects.peek(c).imports).toBe(1);
    expect(sim.objects.peek(c)).toBeInstanceOf(Counter2);
  });

  test('eager transfer (quiescence) pauses for the transfer instead', () => {
    const eager = run('quiescence');
    const lazy = run('lazy');
    expect(eager.atSwitch).toEqual({ n: 3, imports: 1 });
    expect(eager.latencies).toEqual([4, 4, 4]);
    expect(eager.results).toEqual(lazy.results);
    const ticks = (x: typeof eager) =>
      (x.events.find((e) => e.type === 'swap.completed') as { phaseTicks: { transfer?: number } })
        .phaseTicks.transfer;
    expect(ticks(eager)).toBe(5);
    expect(ticks(lazy)).toBe(0);
    expect(eager.events.some((e) => e.type === 'swap.converted')).toBe(false);
  });

  test('a failed import on first use puts the old object back, nothing lost', () => {
    const { r, sim, c, events, results, swap } = run('lazy', Broken);
    expect(r.outcome).toBe('passed');
    // it completed (the event is in the log), then was revoked on first use
    expect(events.some((e) => e.type === 'swap.completed')).toBe(true);
    expect(swap.outcome).toBe('aborted');
    expect(swap.reason).toMatch(/failed on first use/);
    const failed = events.filter((e) => e.type === 'swap.conversion-failed');
    expect(failed).toHaveLength(1);
    expect((failed[0] as { reason: string }).reason).toMatch(
      /import of c in format 'n' failed on first use: .*cannot read n; the old Counter serves again/,
    );
    expect(events.some((e) => e.type === 'swap.converted')).toBe(false);
    expect(results).toEqual([1, 2, 3, 13, 23, 33]);
    expect(sim.objects.peek(c)).not.toBeInstanceOf(Broken);
    expect(sim.objects.peek(c).n).toBe(33);
  });

  test('a plain call converts at once, at no tick cost', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, swapStrategy: 'lazy' });
    const c = sim.objects.createNamed('c', Counter);
    const events: SimulationEvent[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'swap.converted') events.push(e);
    });
    sim.spawn('before', function* () {
      for (let i = 0; i < 3; i++) yield* c.add(1);
    });
    sim.at(20, () => sim.hotswap(c, Counter2, { transferTicks: 5 }));
    const seen: number[] = [];
    sim.at(200, () => seen.push(c.get(), sim.objects.peek(c).imports));
    expect(sim.run().outcome).toBe('passed');
    expect(seen).toEqual([3, 1]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ exported: [3], imported: [3], ticks: 0 });
  });
});
