/**
 * A known defect in src/kernel/workload.ts (not owned here), pinned so it is
 * not forgotten: startWorkload rounds each exponential gap to whole ticks
 * (`tick += Math.round(exponential(mean))`), which biases the arrival rate up
 * when the mean gap is under a few ticks: E[round(X)] = e^(-1/2m) / (1 - e^(-1/m))
 * for X ~ Exp(mean m), i.e. 0.96 at m = 1, 0.43 at m = 0.5, 0.14 at m = 0.25.
 * The fix: accumulate the continuous arrival time and round each arrival
 * (`t += exponential(mean); tick = start + Math.round(t)`), which keeps the
 * mean gap exact. The experiments avoid it by giving each CPU its own stream
 * (quiescence-run.ts). When workload.ts is fixed, this `test.fails` fails:
 * turn it into a plain `test`.
 */
import { describe, expect, test } from 'vitest';
import { Prng, startWorkload, type WorkloadHost } from '../../src/kernel/index.ts';

function lastArrival(meanGapTicks: number, threads: number): number {
  const host: WorkloadHost = { now: 0, at: () => undefined, spawn: () => undefined };
  return startWorkload(host, new Prng(1), {
    threads,
    meanGapTicks,
    lifetime: { kind: 'fixed', ticks: 1 },
  }).lastArrivalTick;
}

describe('workload arrival rate (kernel/workload.ts)', () => {
  test('a mean gap of several ticks is kept', () => {
    expect(lastArrival(8, 4000) / (8 * 3999)).toBeCloseTo(1, 1);
  });

  test('a mean gap under one tick is kept too (fails today: rounding each gap makes arrivals ~1.8x too fast at 0.25)', () => {
    expect(lastArrival(0.25, 4000) / (0.25 * 3999)).toBeCloseTo(1, 1);
  });
});
