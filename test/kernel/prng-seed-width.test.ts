/**
 * Seeds are 53-bit: the bits above 32 reach every derived stream.
 */
import { expect, test } from 'vitest';
import { Prng, createSimulation } from 'kernel-sim';

test('seeds that differ only above bit 32 give different derived streams', () => {
  const a = new Prng(1).derive('workload:worker');
  const b = new Prng(1 + 2 ** 32).derive('workload:worker');
  const draw = (p: Prng) => Array.from({ length: 4 }, () => p.int(0, 1e9));
  expect(draw(a)).not.toEqual(draw(b)); // (before the fix: equal, as derive() used seed | 0)
});

test('two simulations with seeds 1 and 2^32+1 do not run the same workload', () => {
  const ticks = (seed: number) => {
    const sim = createSimulation({ seed, cpus: 2 });
    sim.workload({
      threads: 20,
      meanGapTicks: 3,
      lifetime: { kind: 'uniform', min: 1, max: 30 },
    });
    return sim.run().eventsHash;
  };
  expect(ticks(1)).not.toBe(ticks(1 + 2 ** 32));
});
