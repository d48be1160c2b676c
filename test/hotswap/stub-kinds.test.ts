/**
 * A stub must fit the kind of the method it covers (src/hotswap/negotiate.ts):
 * a generator stub for a plain method is refused at negotiate, naming the
 * class and method, and the old object keeps serving; a plain stub that
 * returns the new method's generator still works.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';

class Store {
  n = 1;
  get(): number {
    return this.n;
  }
  *put(v: number): Op<void> {
    yield* compute(2);
    this.n = v;
  }
}
class StoreV2 {
  n = 1;
  read(): number {
    return this.n;
  }
  *write(v: number): Op<void> {
    yield* compute(2);
    this.n = v;
  }
}

describe('stub kinds', () => {
  test('a generator stub for a plain method is refused at negotiate, naming class and method', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Store);
    const swap = sim.hotswap(ref, StoreV2, {
      stubs: {
        // the mistake: get() is plain, so its callers would get a generator
        get: ((t: StoreV2) =>
          function* () {
            return t.read();
          }) as never,
        put: (t) =>
          function* (v: number): Op<void> {
            yield* t.write(v);
          },
      },
    });
    expect(swap.outcome).toBe('refused');
    expect(swap.reason).toContain('Store.get() is plain but its stub is a generator function');
    expect(sim.objects.info(ref).class).toBe('Store');
    expect(ref.get()).toBe(1);
  });

  test('a stub factory that returns no function is refused, naming the method', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Store);
    const swap = sim.hotswap(ref, StoreV2, {
      stubs: { get: (() => 42) as never, put: (t) => (v: number) => t.write(v) },
    });
    expect(swap.outcome).toBe('refused');
    expect(swap.reason).toContain('the stub for get() returned number, not a function');
  });

  test('matching stubs (and a plain stub returning the new generator) complete the swap', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Store);
    // after the swap: put goes through the plain stub to V2's generator write
    sim.at(200, () =>
      sim.spawn('w', function* () {
        yield* ref.put(5);
      }),
    );
    const swap = sim.hotswap(ref, StoreV2, {
      stubs: { get: (t) => () => t.read(), put: (t) => (v: number) => t.write(v) },
    });
    sim.run();
    expect(swap.outcome, swap.reason).toBe('completed');
    expect(sim.objects.info(ref).class).toBe('StoreV2');
    expect(ref.get()).toBe(5);
  });
});
