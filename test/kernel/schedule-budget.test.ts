/**
 * The schedule's deviations budget (`+deviations=K`, src/kernel/schedule.ts):
 * parsed and refused as documented; with K at least the run's own count it
 * is the very same run (same event log); with a smaller K the run makes at
 * most K deviations and turns fifo after them.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, yieldCpu } from 'kernel-sim';
import { parseSchedule, withDeviationsMax } from '../../src/kernel/index.ts';

function world(seed: number, schedule: string) {
  const sim = createSimulation({ seed, cpus: 2, quantumTicks: 6, schedule, hashEvents: true });
  for (let i = 0; i < 4; i++)
    sim.at(i * 3, () => {
      sim.spawn(`t${i}`, function* () {
        for (let k = 0; k < 4; k++) {
          yield* compute(5);
          yield* yieldCpu();
          yield* sleep(2);
        }
      });
    });
  const r = sim.run();
  return { hash: r.eventsHash, deviations: sim.kernel.schedule!.deviations };
}

describe('deviations budget', () => {
  test('parses +deviations=K after the kind, depth and jitter; fifo takes none', () => {
    expect(parseSchedule('random+deviations=7').deviationsMax).toBe(7);
    expect(parseSchedule('pct:2+jitter=1+deviations=0')).toEqual({
      kind: 'pct',
      depth: 2,
      jitterTicks: 1,
      deviationsMax: 0,
      drops: new Set(),
    });
    expect(parseSchedule('random').deviationsMax).toBe(Infinity);
    expect(() => parseSchedule('fifo+deviations=3')).toThrow(/fifo takes no deviations budget/);
    expect(() => parseSchedule('random+deviations=x')).toThrow(/\+deviations=K/);
    expect(withDeviationsMax('pct:3', 4)).toBe('pct:3+deviations=4');
    expect(withDeviationsMax('random+jitter=2+deviations=9', 1)).toBe(
      'random+jitter=2+deviations=1',
    );
  });

  for (const schedule of ['random', 'pct:3', 'random+jitter=2'])
    test(`${schedule}: a budget >= the run's deviations replays it; a smaller one cuts it`, () => {
      for (const seed of [1, 2, 3]) {
        const full = world(seed, schedule);
        expect(full.deviations).toBeGreaterThan(2);
        const same = world(seed, withDeviationsMax(schedule, full.deviations));
        expect(same).toEqual(full);
        const k = Math.floor(full.deviations / 2);
        const cut = world(seed, withDeviationsMax(schedule, k));
        expect(cut.deviations).toBe(k);
        expect(cut.hash).not.toBe(full.hash);
      }
    });
});
