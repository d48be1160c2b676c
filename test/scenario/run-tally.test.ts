import { describe, expect, test } from 'vitest';
import { createSimulation, compute, type Op } from 'kernel-sim';
import { RunTally } from '../../src/scenario/index.ts';

class Thing {
  *work(): Op<number> {
    yield* compute(1);
    return 1;
  }
  fail(): number {
    throw new Error('no');
  }
}

describe('RunTally', () => {
  test('counts calls entered, exited and failed, per object in order of first call', () => {
    const sim = createSimulation({ seed: 1 });
    const tally = new RunTally(sim);
    const a = sim.objects.createNamed('a', Thing);
    const b = sim.objects.createNamed('b', Thing);
    sim.spawn('t', function* () {
      yield* b.work();
      yield* a.work();
      yield* a.work();
      try {
        a.fail();
      } catch {
        // expected
      }
    });
    sim.run();
    const calls = tally.calls();
    const { scheduler, ...mine } = calls.byObject;
    expect(mine).toEqual({ b: 1, a: 3 });
    expect(Object.keys(mine)).toEqual(['b', 'a']);
    expect(calls.entered).toBe(4 + (scheduler ?? 0));
    expect(calls.exited).toBe(calls.entered);
    expect(calls.failed).toBe(1);
  });
});
