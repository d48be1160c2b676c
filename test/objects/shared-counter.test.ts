import { describe, expect, test } from 'vitest';
import { compute, createSimulation, quiescentPoint, SharedCounter } from 'kernel-sim';

const single = { cpu: -1, cpus: [], index: 0, count: 1 };

describe('SharedCounter', () => {
  test('inc, add and value through the table, from threads on every CPU', () => {
    const sim = createSimulation({ seed: 2, cpus: 4 });
    const c = sim.objects.create(SharedCounter);
    for (let i = 0; i < 8; i++) {
      sim.spawn(
        `t${i}`,
        function* () {
          for (let j = 0; j < 10; j++) {
            c.inc();
            yield* compute(1);
          }
          c.add(5);
        },
        { cpu: i % 4 },
      );
    }
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(c.value()).toBe(8 * 15);
    expect(sim.objects.info(c).clustered).toBe(false);
  });

  test('add rejects a non-number, naming the method', () => {
    const c = new SharedCounter();
    expect(() => c.add(Number.NaN)).toThrow(
      'SharedCounter.add: n must be a finite number, got NaN',
    );
  });

  test('exports canonical-ref (its own cell) and canonical-val', () => {
    const c = new SharedCounter();
    c.add(7);
    expect(c.exportFormats()).toEqual(['canonical-ref', 'canonical-val']);
    expect(c.exportState('canonical-ref')).toEqual({ value: 7 });
    expect(c.exportState('canonical-val')).toBe(7);
  });

  test('imports: the first part replaces, later parts add', () => {
    const c = new SharedCounter();
    c.add(100);
    c.importState('partitioned-val', 3, { cpu: 0, cpus: [0, 2], index: 0, count: 2 });
    c.importState('partitioned-val', 4, { cpu: 2, cpus: [0, 2], index: 1, count: 2 });
    expect(c.value()).toBe(7);
    c.importState('canonical-ref', { value: 9 }, single);
    expect(c.value()).toBe(9);
    expect(() => c.importState('canonical-val', 'x', single)).toThrow(
      `counter import: a 'canonical-val' part must carry a finite number, got "x"`,
    );
  });

  test('a swap to another SharedCounter under load loses no increment (several seeds)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const sim = createSimulation({ seed, cpus: 3 });
      const c = sim.objects.create(SharedCounter);
      const rng = sim.random('work');
      let incs = 0;
      for (let i = 0; i < 6; i++) {
        sim.spawn(`t${i}`, function* () {
          for (let j = 0; j < 60; j++) {
            c.inc();
            incs++;
            yield* compute(rng.int(1, 3));
            yield* quiescentPoint();
          }
        });
      }
      let format: string | null | undefined;
      sim.select('swap.transferred').subscribe((e) => (format = e.format));
      const swap = { s: undefined as ReturnType<typeof sim.hotswap> | undefined };
      sim.at(rng.int(10, 60), () => (swap.s = sim.hotswap(c, SharedCounter)));
      const r = sim.run();
      expect(r.outcome, r.reason).toBe('passed');
      expect(swap.s!.outcome, swap.s!.reason).toBe('completed');
      expect(format).toBe('canonical-ref');
      expect(c.value()).toBe(incs);
    }
  });
});
