/**
 * Interposing one mediator twice gives two handles; each removes only itself.
 */
import { expect, test } from 'vitest';
import { ForwardingMediator, PartitionedCounter, createSimulation } from 'kernel-sim';

test('removing one of two handles of the same mediator leaves the other installed', () => {
  class Pass extends ForwardingMediator {
    readonly name = 'pass';
  }
  const sim = createSimulation({ seed: 1, cpus: 1 });
  const c = sim.objects.create(PartitionedCounter);
  const m = new Pass();
  const h1 = sim.interpose(c, m);
  const h2 = sim.interpose(c, m);
  h1.remove();
  expect(h2.installed).toBe(true);
  expect(sim.objects.info(c).mediators).toEqual(['pass']); // (before the fix: [])
});
