/**
 * `+deviations=0` is exactly fifo (src/kernel/schedule.ts): no deviation is
 * allowed, and same-tick events (wake-ups, CPU steps) come out in queue
 * order from the first tick, so the event log is fifo's byte for byte.
 * Checked on bundled scenarios with same-tick wake-ups, several seeds each.
 */
import { describe, expect, test } from 'vitest';
import { importScenario } from '../../src/check/index.ts';
import { runScenario } from '../../src/scenario/index.ts';

const SCENARIOS = ['hello', 'multi-object-swap', 'stuck-swap', 'counter-negotiation'];
const SCHEDULES = ['random+deviations=0', 'pct:3+deviations=0', 'random+jitter=3+deviations=0'];

describe('+deviations=0 is fifo', () => {
  for (const name of SCENARIOS)
    test(`${name}: the same event hash as fifo`, async () => {
      const scenario = await importScenario(`scenarios/${name}.ts`);
      for (const seed of [1, 2, 3]) {
        const hash = (schedule: string) =>
          runScenario(scenario, { seed, overrides: { schedule } }).eventsHash;
        const fifo = hash('fifo');
        for (const s of SCHEDULES) expect(hash(s), `${s} seed ${seed}`).toBe(fifo);
        expect(hash('random'), 'the unbounded schedule differs').not.toBe(fifo);
      }
    });
});
