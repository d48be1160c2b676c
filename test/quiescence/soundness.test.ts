import { describe, expect, test } from 'vitest';
import { DETECTOR_NAMES } from '../../src/quiescence/index.ts';
import { randomScenario } from './random-scenario.ts';

const SEEDS = 300;

describe('quiescence soundness (every detector, many seeds)', () => {
  test.each(DETECTOR_NAMES)(
    '%s: no request is reached while a thread counted at the request is still counted',
    (detector) => {
      let requests = 0;
      let subsetRequests = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const { sim, probe, requests: made, cpus } = randomScenario(seed, detector);
        const r = sim.run();
        expect(r.outcome, `seed ${seed}: ${r.reason}`).toBe('passed');
        expect(probe.violations, `seed ${seed}`).toEqual([]);
        expect(
          made.every((q) => q.state === 'reached'),
          `seed ${seed}: a request was not reached`,
        ).toBe(true);
        expect(probe.reached).toBe(made.length);
        requests += made.length;
        subsetRequests += made.filter((q) => q.cpus.length < cpus).length;
      }
      // The scenarios really exercise both kinds of request.
      expect(requests).toBeGreaterThan(SEEDS * 3);
      expect(subsetRequests).toBeGreaterThan(SEEDS / 2);
    },
  );
});
