/**
 * Dropped deviations (`+drop=LIST`, src/kernel/schedule.ts): the list
 * parses as indices and ranges and is refused clearly; a listed deviating
 * choice takes fifo's choice and the run goes on drawing (so a drop of an
 * early choice changes the run, a drop past the run's last choice does
 * not); the budget counts dropped choices too; the schedule helpers keep
 * the suffix order the parser needs.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, yieldCpu } from 'kernel-sim';
import {
  formatDrops,
  parseSchedule,
  withDeviationsMax,
  withDrops,
} from '../../src/kernel/index.ts';

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

describe('+drop=LIST parsing', () => {
  test('indices and ranges, between +jitter and +deviations', () => {
    expect([...parseSchedule('random+drop=3,5-7').drops]).toEqual([3, 5, 6, 7]);
    const spec = parseSchedule('pct:2+jitter=1+drop=1+deviations=4');
    expect([...spec.drops]).toEqual([1]);
    expect(spec.deviationsMax).toBe(4);
    expect(parseSchedule('random').drops.size).toBe(0);
  });

  test('bad lists are refused naming the list and the syntax', () => {
    const cases: [string, RegExp][] = [
      ['random+drop=', /a drop list is indices and ranges like 2,5-9, got ''/],
      ['random+drop=2,,4', /got ''/],
      ['random+drop=x', /a drop list is indices and ranges like 2,5-9, got 'x'/],
      ['random+drop=0', /drop range '0' must run upwards from 1/],
      ['random+drop=5-3', /drop range '5-3' must run upwards from 1/],
      ['random+drop=1-200000', /at most 100000 indices/],
      ['fifo+drop=1', /fifo takes no drops/],
      ['random+deviations=4+drop=1', /'\+drop=LIST' goes after '\+jitter=N' and before/],
    ];
    for (const [text, why] of cases) {
      expect(() => parseSchedule(text), text).toThrow(why);
      expect(() => parseSchedule(text), text).toThrow(/option schedule: .*'\+drop=LIST'/);
    }
  });

  test('withDrops and formatDrops keep the order the parser reads', () => {
    expect(formatDrops([7, 2, 5, 6, 2])).toBe('2,5-7');
    expect(withDrops('random', [3, 1, 2])).toBe('random+drop=1-3');
    expect(withDrops('pct:3+jitter=2+deviations=9', [4])).toBe(
      'pct:3+jitter=2+drop=4+deviations=9',
    );
    expect(withDrops('random+drop=1-3+deviations=9', [])).toBe('random+deviations=9');
    expect(withDeviationsMax(withDrops('random', [2]), 5)).toBe('random+drop=2+deviations=5');
    for (const s of ['random+drop=1-3', 'pct:3+jitter=2+drop=4+deviations=9'])
      expect(() => parseSchedule(s)).not.toThrow();
  });
});

describe('+drop=LIST runs', () => {
  for (const schedule of ['random', 'pct:3', 'random+jitter=2'])
    test(`${schedule}: a dropped choice is fifo's, the budget counts it`, () => {
      for (const seed of [1, 2, 3]) {
        const full = world(seed, schedule);
        expect(full.deviations).toBeGreaterThan(2);
        // a drop past the run's last deviating choice changes nothing
        expect(world(seed, withDrops(schedule, [full.deviations + 1]))).toEqual(full);
        // dropping the first one changes the run
        expect(world(seed, withDrops(schedule, [1])).hash).not.toBe(full.hash);
        // with a budget K the run makes K choices, so K - |drops <= K| deviations
        const k = Math.min(full.deviations, 3);
        const cut = world(seed, withDeviationsMax(withDrops(schedule, [1, 2]), k));
        expect(cut.deviations).toBe(k - 2);
        // all K choices dropped: none made
        expect(world(seed, withDeviationsMax(withDrops(schedule, [1, 2, 3]), 3)).deviations).toBe(
          0,
        );
      }
    });
});
