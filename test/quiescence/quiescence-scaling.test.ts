/**
 * Cost of quiescence requests. Every request snapshots the ids of all
 * counted threads (QuiescenceDetector.request, waitingFor), and every thread
 * exit walks every pending request (deactivate): with n threads alive and n
 * requests pending (n objects destroyed while n threads live), that is n^2
 * memory and n^2 time. Measured: 5,000 -> 28 s; 20,000 -> out of memory.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation, sleep } from 'kernel-sim';

class Obj {
  v(): number {
    return 1;
  }
}

describe('quiescence scaling', () => {
  // n = 20,000: with a per-request copy of the live threads (the old design)
  // this is 4 * 10^8 set entries and runs out of memory; with watermarks the
  // oracle state is O(n) and the run takes well under a second.
  test('n pending reclaim requests with n threads alive hold O(n) oracle state, not O(n^2)', () => {
    const n = 20_000;
    const sim = createSimulation({ seed: 1, cpus: 4, detector: 'event', hashEvents: false });
    const objs = Array.from({ length: n }, () => sim.objects.create(Obj));
    for (let i = 0; i < n; i++)
      sim.spawn(`t${i}`, function* () {
        yield* sleep(4 * n);
      });
    let held = -1;
    sim.at(2 * n, () => {
      for (const o of objs) sim.objects.destroy(o); // n reclaim requests, all pending
      held = sim.quiescence.pending.length;
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(sim.quiescence.pending.length).toBe(0);
    expect(held).toBe(n);
  });
});
