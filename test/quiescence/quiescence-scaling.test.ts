/**
 * Cost of quiescence requests as they grow with the live threads (issue 21):
 * n objects destroyed (n reclaim requests, all pending) while n threads live.
 * The bookkeeping must be O(1) amortised per thread exit and per request for
 * every detector. The measure is the detectors' own work count
 * (`bookkeepingSteps`: every entry each index visits), which does not depend
 * on the machine or its load; the CPU time of the same workload is the
 * `quiescence-requests` benchmark (`npm run bench -- --only quiescence-requests`).
 * The old design rescanned every pending request on each exit: n^2.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation, DETECTOR_NAMES, sleep, type DetectorName } from 'kernel-sim';

class Obj {
  v(): number {
    return 1;
  }
}

function reclaimWhileAlive(detector: DetectorName, n: number): number {
  const sim = createSimulation({ seed: 1, cpus: 4, detector, hashEvents: false, threadsMax: n });
  const objs = Array.from({ length: n }, () => sim.objects.create(Obj));
  for (let i = 0; i < n; i++)
    sim.spawn(`t${i}`, function* () {
      yield* sleep(4 * n);
    });
  let held = -1;
  sim.at(2 * n, () => {
    for (const o of objs) sim.objects.destroy(o); // n reclaim requests, all pending
    held = sim.quiescence.pendingCount;
  });
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  expect(held).toBe(n);
  expect(sim.quiescence.pendingCount).toBe(0);
  expect(sim.quiescence.reachedCount).toBeGreaterThanOrEqual(n);
  return sim.quiescence.bookkeepingSteps;
}

describe('quiescence scaling', () => {
  test.each(DETECTOR_NAMES)(
    '%s: 20,000 vs 5,000 pending requests with as many threads costs at most 5.5x the work',
    (detector) => {
      const small = reclaimWhileAlive(detector, 5_000);
      const large = reclaimWhileAlive(detector, 20_000);
      expect(large / small).toBeLessThanOrEqual(5.5); // linear 4, quadratic 16
      expect(large / 20_000).toBeLessThan(12); // a few visits per thread and request
    },
  );
});
