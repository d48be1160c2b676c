import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  sleep,
  type DetectorName,
  type QuiescenceRequest,
} from 'kernel-sim';
import { randomScenario } from './random-scenario.ts';

/**
 * One long thread on CPU 0 held across `requests` requests (one a tick), with
 * short threads counted in between: a CPU's generation window (event
 * detector) grows past its cut size while the old generation stays live.
 */
function longHolder(detector: DetectorName, requests: number) {
  const sim = createSimulation({ seed: 3, cpus: 1, detector, hashEvents: false });
  sim.spawn('holder', function* () {
    yield* compute(requests + 5);
  });
  const reached: QuiescenceRequest[] = [];
  for (let i = 0; i < requests; i++) {
    sim.at(i, () => void reached.push(sim.quiescence.request(() => {})));
    if (i % 7 === 0)
      sim.at(i, () =>
        sim.spawn(`short${i}`, function* () {
          yield* sleep(1 + (i % 5));
        }),
      );
  }
  expect(sim.run().outcome).toBe('passed');
  return reached.map((r) => [r.state, r.tickReached, r.oracleTick]);
}

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

  test('a thread held across 3,000 requests: the generation window is cut and every request still meets the oracle', () => {
    const event = longHolder('event', 3000);
    expect(event).toEqual(longHolder('oracle', 3000));
    expect(new Set(event.map(([state]) => state))).toEqual(new Set(['reached']));
  });
});
