/**
 * Method names every object inherits from Object.prototype (valueOf,
 * hasOwnProperty, toString, ...) are not stubs: the stub lookup and the
 * interface check look at own properties only.
 */
import { expect, test } from 'vitest';
import { createSimulation, type SwapOptions } from 'kernel-sim';

class Cell {
  valueOf(k: number): number {
    return k + 1;
  }
  get(): number {
    return 7;
  }
}
class CellRenamed {
  valueOf(k: number): number {
    return k + 2;
  }
  read(): number {
    return 8;
  }
}
class CellWithoutValueOf {
  get(): number {
    return 9;
  }
}

test("after a swap carrying a stub, the object's own valueOf() through its ref is its own", () => {
  const sim = createSimulation({ seed: 1, cpus: 1, detector: 'event' });
  const ref = sim.objects.create(Cell);
  // (typed loosely: StubsFor<Cell, _> over a class with its own valueOf
  // rejects any object literal, whose inherited valueOf returns Object)
  const options: SwapOptions = {
    stubs: { get: (t: CellRenamed) => () => t.read() },
  };
  const swap = sim.hotswap(ref, CellRenamed as unknown as typeof Cell, options);
  let got: unknown = null;
  let viaGet: unknown = null;
  sim.at(10, () => {
    got = (ref as unknown as CellRenamed).valueOf(1);
    viaGet = ref.get();
  });
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  expect(swap.outcome).toBe('completed');
  expect(got).toBe(3); // (before the fix: TypeError, Object.prototype.valueOf taken for a stub)
  expect(viaGet).toBe(8);
  expect(sim.objects.call(ref, 'valueOf', 2)).toBe(4);
});

test('a swap to a class lacking an own method of the old class (valueOf) is refused', () => {
  const sim = createSimulation({ seed: 1, cpus: 1, detector: 'event' });
  const ref = sim.objects.create(Cell);
  const swap = sim.hotswap(ref, CellWithoutValueOf as unknown as typeof Cell);
  expect(swap.outcome).toBe('refused'); // (before the fix: completed, the ref then answered {"m":{}})
  expect(swap.reason).toMatch(/valueOf\(\) has no counterpart in CellWithoutValueOf/);
  expect(sim.objects.info(ref).class).toBe('Cell');
});

test('the same swap with a stub for valueOf goes through and the stub serves it', () => {
  const sim = createSimulation({ seed: 1, cpus: 1, detector: 'event' });
  const ref = sim.objects.create(Cell);
  const swap = sim.hotswap(ref, CellWithoutValueOf as unknown as typeof Cell, {
    stubs: { valueOf: (t: Cell) => (k: number) => k * 10 + t.get() },
  });
  let got: unknown = null;
  sim.at(10, () => {
    got = ref.valueOf(1);
  });
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  expect(swap.outcome).toBe('completed');
  expect(got).toBe(19);
});
