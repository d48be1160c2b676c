/**
 * Method-type stubs across successive swaps, and class-wide updates.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';

class V1 {
  get(k: number): number {
    return k;
  }
}
class V2 {
  lookup(k: number): number {
    return k * 2;
  }
}
class V3 {
  get(k: number): number {
    return k * 3; // V3 serves get() itself again
  }
  lookup(k: number): number {
    return k * 100;
  }
}

describe('stubs and class updates', () => {
  test("a stub left by an earlier swap does not shadow the later class's own method", () => {
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
    const ref = sim.objects.create(V1);
    const swaps: ReturnType<typeof sim.hotswap>[] = [];
    sim.at(0, () => {
      swaps.push(sim.hotswap(ref, V2, { stubs: { get: (t: V2) => (k: number) => t.lookup(k) } }));
    });
    sim.at(10, () => {
      swaps.push(sim.hotswap(ref, V3));
    });
    let got = -1;
    sim.at(20, () => {
      got = ref.get(1);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(swaps.map((s) => s.outcome)).toEqual(['completed', 'completed']);
    expect(sim.objects.info(ref).class).toBe('V3');
    expect(got).toBe(3); // (before the fix: 100, the V1->V2 stub still routed get() to lookup())
  });

  test('updateClass with invalid options throws without redirecting new creations', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    sim.objects.create(V1);
    expect(() => sim.updateClass(V1, V3, { timeoutTicks: 0 })).toThrow(RangeError);
    const fresh = sim.objects.create(V1);
    expect(sim.objects.info(fresh).class).toBe('V1'); // (before the fix: 'V3')
  });

  test('updateClass A->B then B->A (a downgrade) leaves objects.create(A) creating an A', () => {
    // The bug was an endless loop in TranslationTable.currentClass (factory
    // A.next = B, B.next = A). currentClass now walks at most one step per
    // factory and panics on a loop, so this runs in-process: no child
    // process, no wall-clock limit.
    class A {
      v(): number {
        return 1;
      }
    }
    class B {
      v(): number {
        return 2;
      }
    }
    const sim = createSimulation({ seed: 1, cpus: 1, detector: 'event' });
    sim.objects.create(A);
    sim.at(0, () => sim.updateClass(A, B));
    sim.at(10, () => sim.updateClass(B, A));
    expect(sim.run().outcome).toBe('passed');
    const a = sim.objects.create(A);
    expect(sim.objects.info(a).class).toBe('A');
  });
});
