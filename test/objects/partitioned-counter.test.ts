import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  PartitionedCounter,
  quiescentPoint,
  SharedCounter,
  type Simulation,
} from 'kernel-sim';

/** Threads pinned round-robin to CPUs, each incrementing `n` times with a quiescent point between. */
function hammer(sim: Simulation, c: { inc(): void }, threads: number, n: number) {
  const rng = sim.random('hammer');
  const done = { incs: 0 };
  for (let i = 0; i < threads; i++) {
    sim.spawn(
      `t${i}`,
      function* () {
        for (let j = 0; j < n; j++) {
          c.inc();
          done.incs++;
          yield* compute(rng.int(1, 3));
          yield* quiescentPoint();
        }
      },
      { cpu: i % sim.options.cpus },
    );
  }
  return done;
}

describe('PartitionedCounter', () => {
  test.each([2, 4])('one rep per CPU; value() sums the reps (%i CPUs)', (cpus) => {
    const sim = createSimulation({ seed: cpus, cpus });
    const c = sim.objects.create(PartitionedCounter);
    const done = hammer(sim, c, 2 * cpus, 25);
    sim.spawn('adder', function* () {
      yield* compute(3);
      c.add(1000);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(sim.objects.info(c).clustered).toBe(true);
    const reps = sim.objects.peek(c) as unknown as (PartitionedCounter | undefined)[];
    const locals = reps.flatMap((rep) => (rep ? [rep.local] : []));
    expect(locals.length).toBe(cpus);
    expect(locals.every((v) => v > 0)).toBe(true);
    expect(c.value()).toBe(done.incs + 1000);
    expect(locals.reduce((a, b) => a + b, 0)).toBe(c.value());
  });

  test('formats: K42 intctr ids 1, 2, 4 exported, 1-4 imported', () => {
    const p = new PartitionedCounter();
    expect(p.exportFormats()).toEqual(['partitioned-val', 'partitioned-ref', 'canonical-val']);
    expect(p.importFormats()).toEqual([
      'partitioned-val',
      'partitioned-ref',
      'canonical-ref',
      'canonical-val',
    ]);
  });

  test('a whole value goes to the rep importing part 0 only', () => {
    const a = new PartitionedCounter();
    const b = new PartitionedCounter();
    a.importState('canonical-val', 10, { cpu: 0, cpus: [0, 1], index: 0, count: 2 });
    b.importState('canonical-val', 10, { cpu: 1, cpus: [0, 1], index: 1, count: 2 });
    expect([a.local, b.local]).toEqual([10, 0]);
    a.importState('partitioned-ref', { value: 5 }, { cpu: 0, cpus: [0], index: 0, count: 1 });
    expect(a.local).toBe(15);
  });

  test('shared -> partitioned -> shared under load keeps the total; formats differ each way (K42 3, then 1)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const cpus = seed % 2 === 0 ? 4 : 2;
      const sim = createSimulation({ seed, cpus });
      const c = sim.objects.create(SharedCounter);
      const done = hammer(sim, c, 2 * cpus, 80);
      const formats: (string | null)[] = [];
      const parts: number[] = [];
      sim.select('swap.transferred').subscribe((e) => {
        formats.push(e.format);
        parts.push(e.exported.length);
      });
      const rng = sim.random('swap');
      const swaps: ReturnType<typeof sim.hotswap>[] = [];
      let between = -1;
      sim.at(rng.int(5, 40), () => {
        swaps.push(
          sim.hotswap(c, PartitionedCounter, {
            after: () =>
              void sim.at(sim.now + rng.int(20, 60), () => {
                between = sim.objects.info(c).clustered ? 1 : 0;
                swaps.push(sim.hotswap(c, SharedCounter));
              }),
          }),
        );
      });
      const r = sim.run();
      expect(r.outcome, r.reason).toBe('passed');
      expect(swaps.map((s) => s.outcome)).toEqual(['completed', 'completed']);
      expect(swaps[0].members[0].format).toBe('canonical-ref');
      expect(formats).toEqual(['canonical-ref', 'partitioned-val']);
      expect(between).toBe(1);
      // back from partitioned, one part per CPU that had a rep
      expect(parts[1]).toBeGreaterThan(1);
      expect(sim.objects.info(c).class).toBe('SharedCounter');
      expect(c.value()).toBe(done.incs);
    }
  });
});
