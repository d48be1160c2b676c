import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';
import { reportSwap } from '../../src/scenario/index.ts';

class Busy {
  *hold(ticks: number): Op<void> {
    yield* compute(ticks);
  }
}
class Busy2 extends Busy {}

describe('reportSwap', () => {
  test('a swap still in progress at the end: outcome pending, its current phase counted to the end tick', () => {
    const sim = createSimulation({ seed: 1, ticksMax: 100 });
    const b = sim.objects.createNamed('busy', Busy);
    sim.spawn('long', function* () {
      yield* b.hold(10_000);
    });
    sim.at(5, () => void sim.hotswap(b, Busy2));
    const r = sim.run();
    expect(r.outcome).toBe('liveness');
    const s = reportSwap(sim.swapper.swaps[0], r.ticks);
    expect(s).toMatchObject({
      id: 1,
      objects: ['busy'],
      from: ['Busy'],
      to: ['Busy2'],
      outcome: 'pending',
      reason: null,
      phase: 'forward',
      requestedTick: 5,
    });
    expect(s.phases).toEqual([
      { phase: 'negotiate', startTick: 5, ticks: 0 },
      { phase: 'forward', startTick: 5, ticks: r.ticks - 5 },
    ]);
    expect(s.phaseTicks).toEqual({ negotiate: 0, forward: r.ticks - 5 });
  });

  test('a refused swap has only negotiate, and the reason', () => {
    const sim = createSimulation({ seed: 1 });
    const b = sim.objects.createNamed('busy', Busy);
    class Other {
      unrelated(): void {}
    }
    sim.at(1, () => void sim.hotswap(b, Other));
    sim.run();
    const s = reportSwap(sim.swapper.swaps[0], sim.now);
    expect(s.outcome).toBe('refused');
    expect(s.reason).toMatch(/hold/);
    expect(s.phases.map((p) => p.phase)).toEqual(['negotiate']);
    expect(s.phase).toBe('done');
  });
});
