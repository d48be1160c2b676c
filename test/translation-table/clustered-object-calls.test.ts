/**
 * Calls on clustered objects (per-CPU reps) around destroy, and on the
 * unobserved fast path.
 */
import { expect, test } from 'vitest';
import { PartitionedCounter, StaleRefError, createSimulation } from 'kernel-sim';

test('objects.call on a reclaimed clustered object fails with StaleRefError', () => {
  const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
  const c = sim.objects.create(PartitionedCounter);
  sim.at(0, () => c.inc());
  sim.at(1, () => sim.objects.destroy(c));
  sim.run();
  expect(sim.objects.info(c).state).toBe('destroyed');
  expect(() => sim.objects.call(c, 'inc')).toThrow(StaleRefError); // (before the fix: TypeError)
});

test('objects.call on a destroying clustered object makes no new rep', () => {
  const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
  const c = sim.objects.create(PartitionedCounter);
  const reps: number[] = [];
  sim.select('object.rep-created').subscribe((e) => reps.push(e.cpu));
  sim.spawn('keeps-reclaim-pending', function* () {
    yield* (function* () {
      yield { kind: 'sleep', ticks: 20 } as const;
    })();
  });
  let err: unknown;
  sim.at(1, () => {
    sim.objects.destroy(c);
    try {
      sim.objects.call(c, 'inc');
    } catch (e) {
      err = e;
    }
  });
  sim.run();
  expect(err).toBeInstanceOf(StaleRefError);
  expect(reps).toEqual([]); // (before the fix: a rep of a destroyed object was built)
});

test('a plain call on a clustered object works when nothing observes the events', () => {
  // TableEntry starts with fast = true and create() never recomputes it, so
  // the generated ref calls e.target.inc() with target null (clustered)
  const sim = createSimulation({ seed: 1, cpus: 2, hashEvents: false });
  const c = sim.objects.create(PartitionedCounter);
  sim.at(0, () => c.inc());
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed'); // 'crash': Cannot read properties of null (reading 'inc')
  expect(c.value()).toBe(1);
});
