import { describe, expect, test } from 'vitest';
import { randomScenario } from './random-scenario.ts';

const SEEDS = 300;

describe('EventDetector: lag 0 behind the oracle', () => {
  test(`on every one of ${SEEDS} seeds, every request is reached at its oracle tick`, () => {
    let withThreads = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { sim, requests } = randomScenario(seed, 'event');
      expect(sim.run().outcome).toBe('passed');
      for (const r of requests) {
        expect(r.state).toBe('reached');
        expect(r.lagTicks, `seed ${seed} request ${r.id}`).toBe(0);
        expect(r.tickReached).toBe(r.oracleTick);
        if (r.latencyTicks > 0) withThreads++;
      }
    }
    expect(withThreads).toBeGreaterThan(SEEDS);
  });

  test('the detector does not change the schedule: all three see the same oracle ticks, and never beat them', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const runs = (['oracle', 'event', 'k42'] as const).map((d) => {
        const s = randomScenario(seed, d);
        s.sim.run();
        return s.requests;
      });
      const [oracle, event, k42] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
      expect(event.map((r) => r.oracleTick)).toEqual(oracle.map((r) => r.oracleTick));
      expect(k42.map((r) => r.oracleTick)).toEqual(oracle.map((r) => r.oracleTick));
      expect(oracle.map((r) => r.tickReached)).toEqual(oracle.map((r) => r.oracleTick));
      for (const r of k42) expect(r.lagTicks).toBeGreaterThanOrEqual(0);
    }
  });
});
