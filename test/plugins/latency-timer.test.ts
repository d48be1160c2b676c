import { describe, expect, test } from 'vitest';
import { LatencyTimerPlugin, createSimulation, sleep } from 'kernel-sim';
import { Store } from './store-fixture.ts';

describe('LatencyTimerPlugin', () => {
  test('a generator call lasts its compute ticks; a plain call lasts 0; failures are timed too', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const a = sim.objects.createNamed('a', Store);
    const timer = new LatencyTimerPlugin('a');
    timer.attach(sim);
    sim.spawn('w1', function* () {
      a.put('x', 1);
      for (let n = 1; n <= 4; n++) yield* a.slowGet('x', n);
      try {
        a.fail('x');
      } catch {
        /* timed */
      }
    });
    expect(sim.run().outcome).toBe('passed');
    const r = timer.report();
    expect(Object.keys(r.methods)).toEqual(['a.fail', 'a.put', 'a.slowGet']);
    expect(r.methods['a.slowGet']).toEqual({
      count: 4,
      min: 1,
      p50: 2,
      p90: 4,
      p99: 4,
      max: 4,
      mean: 2.5,
      buckets: [
        { ticksMin: 0, ticksMax: 0, count: 0 },
        { ticksMin: 1, ticksMax: 1, count: 1 },
        { ticksMin: 2, ticksMax: 3, count: 2 },
        { ticksMin: 4, ticksMax: 7, count: 1 },
      ],
    });
    expect(r.methods['a.put']).toMatchObject({ count: 1, max: 0 });
    expect(r.methods['a.fail']).toMatchObject({ count: 1, max: 0 });
    expect(timer.lines()).toEqual([
      'latency (ticks): 3 methods',
      '  method       count    p50    p90    p99    max',
      '  a.fail           1      0      0      0      0',
      '  a.put            1      0      0      0      0',
      '  a.slowGet        4      2      4      4      4',
    ]);
  });

  test('time spent preempted counts: two threads contending for one CPU', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 2 });
    const a = sim.objects.createNamed('a', Store);
    const timer = new LatencyTimerPlugin('a.slowGet');
    timer.attach(sim);
    for (const name of ['w1', 'w2']) {
      sim.spawn(name, function* () {
        yield* a.slowGet('x', 6);
        yield* sleep(1);
      });
    }
    expect(sim.run().outcome).toBe('passed');
    const h = timer.histogram('a', 'slowGet')!;
    expect(h.count).toBe(2);
    // Each call computes 6 ticks, but the two share one CPU in 2-tick quanta, so each takes about twice that.
    expect([h.minTicks, h.maxTicks]).toEqual([12, 12]);
    expect(timer.histogram('a', 'get')).toBeUndefined();
  });
});
