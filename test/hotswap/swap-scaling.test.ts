/**
 * Cost of holding a call. Swap.hold walks the wait-for graph
 * (HotSwapper.findCycle), which visits every thread inside the swap and
 * builds a path string for each, on every held call: O(inside x held).
 */
import { describe, expect, test } from 'vitest';
import { createSimulation, sleep, type Op } from 'kernel-sim';

class Obj {
  *op(ticks: number): Op<number> {
    yield* sleep(ticks);
    return 1;
  }
}
class Obj2 extends Obj {}

describe('swap scaling', () => {
  test('holding n calls while n tracked calls are inside costs O(n) graph visits, not O(n^2)', () => {
    const n = 300;
    const sim = createSimulation({ seed: 1, cpus: 4, detector: 'event', hashEvents: false });
    const o = sim.objects.create(Obj);
    sim.spawn('early', function* () {
      yield* sleep(n); // keeps forward while the n 'in' threads enter
    });
    let visits = 0;
    sim.at(1, () => {
      const swap = sim.hotswap(o, Obj2, { stallTicks: 0 });
      const inside = swap.insideThreads.bind(swap);
      swap.insideThreads = () => {
        const ids = inside();
        visits += ids.length;
        return ids;
      };
    });
    sim.at(2, () => {
      for (let i = 0; i < n; i++)
        sim.spawn(`in-${i}`, function* () {
          yield* o.op(3 * n); // tracked, inside for a long time
        });
    });
    sim.at(n + 10, () => {
      for (let i = 0; i < n; i++)
        sim.spawn(`held-${i}`, function* () {
          yield* o.op(1); // held in block: none of them is inside any swap
        });
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(sim.swapper.swaps[0].held).toBe(n);
    // (before the fix: n * n = 90000 visits and as many path strings)
    expect(visits).toBeLessThanOrEqual(10 * n);
  });
});
