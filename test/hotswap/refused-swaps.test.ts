/**
 * A swap of an object that no longer lives is refused, not a crash.
 */
import { expect, test } from 'vitest';
import { PartitionedCounter, createSimulation } from 'kernel-sim';

test('hotswap of a reclaimed clustered object is refused, not a TypeError', () => {
  class PartitionedCounter2 extends PartitionedCounter {}
  const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
  const c = sim.objects.create(PartitionedCounter);
  sim.at(1, () => sim.objects.destroy(c));
  sim.run();
  expect(sim.objects.info(c).state).toBe('destroyed');
  // SwapMember's constructor spreads entry.reps, which reclaim set to null
  const swap = sim.hotswap(c, PartitionedCounter2);
  expect(swap.outcome).toBe('refused');
});
