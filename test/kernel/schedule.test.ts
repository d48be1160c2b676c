import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, yieldCpu } from 'kernel-sim';
import { parseSchedule } from '../../src/kernel/index.ts';

/** A world built only from sim.at and sim.spawn: under fifo the seed changes nothing. */
function fixedWorld(seed: number, schedule?: string) {
  const sim = createSimulation({ seed, cpus: 2, quantumTicks: 6, schedule });
  const log: string[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'thread.dispatched') log.push(`${e.tick}:${e.cpu}:${e.thread}`);
  });
  const shared = { order: [] as number[] };
  for (let i = 0; i < 4; i++) {
    sim.at(i * 3, () => {
      sim.spawn(`t${i}`, function* () {
        for (let k = 0; k < 3; k++) {
          yield* compute(4);
          shared.order.push(i);
          yield* yieldCpu();
          yield* sleep(2);
        }
      });
    });
  }
  const r = sim.run();
  return { r, log: log.join(' '), order: shared.order.join(''), sim };
}

describe('parseSchedule', () => {
  test('accepts fifo, random, pct, pct:D and +jitter=N', () => {
    expect(parseSchedule('fifo')).toEqual({
      kind: 'fifo',
      depth: 3,
      jitterTicks: 0,
      deviationsMax: Infinity,
      drops: new Set(),
    });
    expect(parseSchedule('random')).toMatchObject({ kind: 'random', depth: 3, jitterTicks: 0 });
    expect(parseSchedule('pct:5')).toMatchObject({ kind: 'pct', depth: 5, jitterTicks: 0 });
    expect(parseSchedule('random+jitter=4').jitterTicks).toBe(4);
    expect(parseSchedule('pct:2+jitter=1')).toMatchObject({
      kind: 'pct',
      depth: 2,
      jitterTicks: 1,
    });
  });

  test.each(['lifo', 'random:2', 'pct:0', 'pct:x', 'fifo+jitter=2', ''])(
    "rejects '%s' with the accepted syntax",
    (text) => {
      expect(() => parseSchedule(text)).toThrow(/option schedule: .*use fifo, random or pct/);
    },
  );

  test('createSimulation checks the option', () => {
    expect(() => createSimulation({ schedule: 'lottery' })).toThrow(/option schedule/);
  });
});

describe('schedules', () => {
  test('fifo is the default and draws nothing: the same log as no option', () => {
    const a = fixedWorld(1);
    const b = fixedWorld(1, 'fifo');
    expect(b.r.eventsHash).toBe(a.r.eventsHash);
    expect(fixedWorld(2, 'fifo').r.eventsHash).toBe(a.r.eventsHash);
  });

  test.each(['random', 'pct', 'pct:1', 'pct:4', 'random+jitter=3'])(
    '%s: 40 seeds give distinct logs where fifo gives one, and every seed replays exactly',
    (schedule) => {
      const hashes = new Set<string>();
      const fifo = new Set<string>();
      for (let seed = 1; seed <= 40; seed++) {
        const a = fixedWorld(seed, schedule);
        const b = fixedWorld(seed, schedule);
        expect(a.r.outcome).toBe('passed');
        expect(b.r.eventsHash).toBe(a.r.eventsHash);
        expect(b.log).toBe(a.log);
        hashes.add(a.r.eventsHash);
        fifo.add(fixedWorld(seed, 'fifo').r.eventsHash);
      }
      expect(fifo.size).toBe(1);
      expect(hashes.size).toBeGreaterThanOrEqual(schedule === 'pct:1' ? 10 : 36);
    },
  );

  test('random varies which thread runs next, not just when', () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) orders.add(fixedWorld(seed, 'random').order);
    expect(orders.size).toBeGreaterThan(5);
  });

  test('every thread still runs to completion: the policy loses no thread', () => {
    for (const schedule of ['random', 'pct:3']) {
      for (let seed = 1; seed <= 20; seed++) {
        const { r } = fixedWorld(seed, schedule);
        expect(r.threads).toEqual({ spawned: 4, exited: 4, failed: 0, alive: 0 });
      }
    }
  });

  test('jitter delays a sleep by at most N ticks, and fifo never', () => {
    const spans = (schedule: string): number[] => {
      const sim = createSimulation({ seed: 5, cpus: 1, schedule });
      const ticks: number[] = [];
      sim.events$.subscribe((e) => {
        if (e.type === 'thread.slept') ticks.push(e.untilTick - e.tick);
      });
      sim.spawn('s', function* () {
        for (let i = 0; i < 50; i++) yield* sleep(3);
      });
      sim.run();
      return ticks;
    };
    const j = spans('random+jitter=4');
    expect(Math.min(...j)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...j)).toBeLessThanOrEqual(8);
    expect(new Set(j).size).toBeGreaterThan(1);
    expect(new Set(spans('fifo'))).toEqual(new Set([4]));
  });
});
