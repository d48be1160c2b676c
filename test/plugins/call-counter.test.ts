import { describe, expect, test } from 'vitest';
import { CallCounter, CallCounterPlugin, createSimulation, sleep } from 'kernel-sim';
import { Store } from './store-fixture.ts';

function scenario(plugin: { attach(sim: ReturnType<typeof createSimulation>): void }) {
  const sim = createSimulation({ seed: 7, cpus: 2 });
  const a = sim.objects.createNamed('a', Store);
  const b = sim.objects.createNamed('b', Store);
  plugin.attach(sim);
  sim.spawn('w1', function* () {
    for (let i = 0; i < 3; i++) a.put(`k${i}`, i);
    a.get('k0');
    a.get('k1');
    yield* a.slowGet('k2', 3);
    try {
      a.fail('on purpose');
    } catch {
      /* counted as failed */
    }
  });
  sim.spawn('w2', function* () {
    for (let i = 0; i < 4; i++) {
      b.get('x');
      yield* sleep(1);
    }
  });
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  return { sim, a, b };
}

describe('CallCounterPlugin', () => {
  test('counts every call per object and method, failures included', () => {
    const counter = new CallCounterPlugin('a,b');
    scenario(counter);
    expect(counter.report()).toEqual({
      total: 11,
      objects: {
        a: {
          fail: { calls: 1, failed: 1 },
          get: { calls: 2, failed: 0 },
          put: { calls: 3, failed: 0 },
          slowGet: { calls: 1, failed: 0 },
        },
        b: { get: { calls: 4, failed: 0 } },
      },
    });
    expect(counter.attached).toEqual(['a', 'b']);
    expect(counter.lines()).toEqual([
      'counter: 11 calls on 2 objects',
      '  a.fail     1 (1 failed)',
      '  a.get      2',
      '  a.put      3',
      '  a.slowGet  1',
      '  b.get      4',
    ]);
  });

  test('an object filter limits objects and methods', () => {
    const counter = new CallCounterPlugin('a.get,a.slow*');
    scenario(counter);
    expect(counter.report()).toEqual({
      total: 3,
      objects: { a: { get: { calls: 2, failed: 0 }, slowGet: { calls: 1, failed: 0 } } },
    });
    const byClass = new CallCounterPlugin('Store.put');
    scenario(byClass);
    expect(byClass.total).toBe(3);
  });

  test('the scheduler is an object like any other: counted unfiltered or by name, in agreement with the table', () => {
    const all = new CallCounterPlugin();
    const named = new CallCounterPlugin('scheduler');
    const sim = createSimulation({ seed: 1, callStats: true });
    const a = sim.objects.createNamed('a', Store);
    all.attach(sim);
    named.attach(sim);
    sim.spawn('w', function* () {
      a.get('x');
      yield* sleep(2);
    });
    sim.run();
    expect(all.attached).toEqual(['scheduler', 'a']);
    expect(named.attached).toEqual(['scheduler']);
    const stats = sim.objects.info(sim.scheduler).stats;
    const fromTable = Object.values(stats).reduce((n, s) => n + s.calls, 0);
    expect(fromTable).toBeGreaterThan(0);
    expect(named.total).toBe(fromTable);
    expect(all.total).toBe(fromTable + 1);
    for (const [m, s] of Object.entries(stats))
      expect(named.counters().get('scheduler')!.callsOf(m)).toBe(s.calls);
  });

  test('attaching again picks up new objects and never installs twice; detach removes', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.createNamed('a', Store);
    const counter = new CallCounterPlugin();
    counter.attach(sim);
    const b = sim.objects.createNamed('b', Store);
    counter.attach(sim);
    expect(sim.objects.info(a).mediators).toEqual(['counter']);
    expect(sim.objects.info(b).mediators).toEqual(['counter']);
    a.get('x');
    counter.detach();
    expect(sim.objects.info(a).mediators).toEqual([]);
    a.get('x');
    counter.attach(sim);
    a.get('x');
    expect(counter.counters().get('a')!.callsOf('get')).toBe(2);
    expect(() => counter.attach(createSimulation())).toThrow(
      /already attached to another simulation/,
    );
  });

  test('the CallCounter mediator works on its own through sim.interpose', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.createNamed('a', Store);
    const c = new CallCounter();
    const h = sim.interpose(a, c);
    a.put('x', 1);
    a.get('x');
    a.get('y');
    h.remove();
    a.get('z');
    expect(c.total).toBe(3);
    expect(c.callsOf('get')).toBe(2);
    expect(c.counts.get('put')).toEqual({ calls: 1, failed: 0 });
  });
});
