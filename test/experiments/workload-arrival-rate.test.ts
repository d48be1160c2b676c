/**
 * Regression test for src/kernel/workload.ts, found by the quiescence
 * experiment: startWorkload used to round each exponential gap to whole ticks
 * (`tick += Math.round(exponential(mean))`), which biases the arrival rate up
 * when the mean gap is under a few ticks: E[round(X)] = e^(-1/2m) / (1 - e^(-1/m))
 * for X ~ Exp(mean m), i.e. 0.96 at m = 1, 0.43 at m = 0.5, 0.14 at m = 0.25.
 * The fix accumulates the continuous arrival time and rounds each arrival,
 * which keeps the mean gap. (The experiments give each CPU its own stream
 * anyway: quiescence-run.ts.)
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

  test('a mean gap under one tick is kept too (rounding each gap made arrivals 1.8x too fast at 0.25)', () => {
    expect(lastArrival(0.25, 4000) / (0.25 * 3999)).toBeCloseTo(1, 1);
  });
});
