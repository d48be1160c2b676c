/**
 * Refs gain the new version's methods after a swap (src/translation-table/
 * object-ref.ts), and objects.as(ref, New) gives the typed, generated ref.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';

class Store {
  protected hits = 0;
  get(k: number): number {
    this.hits++;
    return k * 2;
  }
  exportFormats(): string[] {
    return ['hits'];
  }
  exportState(): number {
    return this.hits;
  }
}

class CountingStore extends Store {
  importFormats(): string[] {
    return ['hits'];
  }
  importState(_f: string, hits: number): void {
    this.hits = hits;
  }
  hitsOf(): number {
    return this.hits;
  }
  *slowHits(ticks: number): Op<number> {
    yield* compute(ticks);
    return this.hits;
  }
  override valueOf(): number {
    return -this.hits;
  }
}

class Other {
  get(): number {
    return 0;
  }
}

function swapped() {
  const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 5 });
  const ref = sim.objects.create(Store);
  const other = sim.objects.create(Store);
  ref.get(1);
  ref.get(2);
  return { sim, ref, other };
}

describe('a ref gains the methods of the version it reaches', () => {
  test("before the swap a Store ref has no hitsOf; after it, the old ref calls the new class's", () => {
    const { sim, ref, other } = swapped();
    const r = ref as unknown as Record<string, unknown>;
    expect(typeof r.hitsOf).toBe('undefined');
    const swap = sim.hotswap(ref, CountingStore);
    expect(sim.run().outcome).toBe('passed');
    expect(swap.outcome).toBe('completed');
    expect(typeof r.hitsOf).toBe('function');
    expect((r.hitsOf as () => number)()).toBe(2);
    // an own valueOf of the new class too (a name every object inherits)
    expect((r.valueOf as () => number)()).toBe(-2);
    // the unswapped Store next to it gains nothing
    const o = other as unknown as Record<string, unknown>;
    expect(typeof o.hitsOf).toBe('undefined');
    expect(typeof o.valueOf).toBe('function');
    expect((o.valueOf as () => unknown)()).toBe(other);
  });

  test('a gained generator method is a generator call (preemption points, simulated time)', () => {
    const { sim, ref } = swapped();
    sim.hotswap(ref, CountingStore);
    const seen: number[] = [];
    sim.at(
      20,
      () =>
        sim.spawn('reader', function* () {
          const start = sim.now;
          const slow = (ref as unknown as CountingStore).slowHits(7);
          seen.push(yield* slow, sim.now - start);
        }),
      'reader',
    );
    expect(sim.run().outcome).toBe('passed');
    expect(seen[0]).toBe(2);
    expect(seen[1]).toBeGreaterThanOrEqual(7);
  });

  test('a gained generator call never run is caught like any other (missing yield*)', () => {
    const { sim, ref } = swapped();
    sim.hotswap(ref, CountingStore);
    sim.at(
      20,
      () =>
        sim.spawn('forgets', function* () {
          void (ref as unknown as CountingStore).slowHits(7);
          yield* compute(1);
        }),
      'forgets',
    );
    const r = sim.run();
    expect(r.threads.failed).toBe(1);
  });

  test('calls through gained methods are ordinary table calls (events, mediators)', () => {
    const { sim, ref } = swapped();
    sim.hotswap(ref, CountingStore);
    sim.run();
    const methods: string[] = [];
    sim.select('call.entered').subscribe((e) => methods.push(e.method));
    (ref as unknown as CountingStore).hitsOf();
    expect(methods).toEqual(['hitsOf']);
  });
});

describe('objects.as', () => {
  test('after the swap: a ref of the new class, same object, typed', () => {
    const { sim, ref } = swapped();
    sim.hotswap(ref, CountingStore);
    sim.run();
    const counting = sim.objects.as(ref, CountingStore);
    expect(counting.hitsOf()).toBe(2);
    expect(counting.$id).toBe(ref.$id);
    expect(counting.get(5)).toBe(10);
    expect(counting.hitsOf()).toBe(3);
    // a superclass of the current class is fine too
    expect(sim.objects.as(ref, Store).get(1)).toBe(2);
  });

  test('refused, naming the class it is, before the swap or for an unrelated class', () => {
    const { sim, ref } = swapped();
    expect(() => sim.objects.as(ref, CountingStore)).toThrow(
      /objects.as: .* is a Store \(version 1\), not a CountingStore; call as\(\) once a swap to CountingStore has completed/,
    );
    expect(() => sim.objects.as(ref, Other)).toThrow(/not a Other/);
    expect(() => sim.objects.as({ $id: 1 }, Store)).toThrow(/objects.as/);
  });
});
