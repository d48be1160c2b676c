import { describe, expect, test } from 'vitest';
import { LatencyTimer, ReplicatorPlugin, compute, createSimulation, type Op } from 'kernel-sim';
import { Store } from './store-fixture.ts';

/** A faulty version: reads of 'y' are off by one, and slow reads of 'z' throw. */
class BuggyStore extends Store {
  override get(k: string): number | undefined {
    const v = super.get(k);
    return k === 'y' && v !== undefined ? v + 1 : v;
  }
  override *slowGet(k: string, ticks: number): Op<number | undefined> {
    if (k === 'z') throw new Error('lost z');
    return yield* super.slowGet(k, ticks);
  }
}

class OtherShape {
  get(k: string): string {
    return k;
  }
  *put(_k: string, _v: number): Op<void> {
    yield* compute(1);
  }
}

function setup(failRun = false) {
  const sim = createSimulation({ seed: 1, cpus: 1 });
  const primary = sim.objects.createNamed('primary', Store);
  const good = sim.objects.createNamed('good', Store);
  const buggy = sim.objects.createNamed('buggy', BuggyStore);
  const seen: string[] = [];
  const replicator = new ReplicatorPlugin({
    primary,
    replicas: [good, buggy],
    failRun,
    sink: (l) => seen.push(l),
  });
  replicator.attach(sim);
  return { sim, primary, good, buggy, replicator, seen };
}

describe('ReplicatorPlugin', () => {
  test('every call reaches the primary and each replica; divergences are reported with call id and values', () => {
    const { sim, primary, good, buggy, replicator, seen } = setup();
    const timer = new LatencyTimer(sim.kernel);
    sim.interpose(primary, timer);
    let got: unknown[] = [];
    sim.spawn('w1', function* () {
      primary.put('x', 1);
      primary.put('y', 2);
      primary.put('z', 3);
      got = [
        primary.get('x'),
        primary.get('y'),
        yield* primary.slowGet('x', 3),
        yield* primary.slowGet('z', 2),
      ];
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(got).toEqual([1, 2, 1, 3]); // the caller always sees the primary's results
    // (buggy's slowGet('z') throws before it counts itself)
    expect([primary, good, buggy].map((ref) => sim.objects.peek(ref).reached)).toEqual([7, 7, 6]);
    expect([...sim.objects.peek(buggy).m]).toEqual([
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ]);
    // Generator calls ran each replica in turn: the primary's slowGet('x', 3) lasted all three computes.
    expect(timer.histograms.get('slowGet')!.maxTicks).toBeGreaterThanOrEqual(9);
    expect(replicator.divergences).toEqual([
      {
        call: 15,
        tick: 0,
        object: 'primary',
        method: 'get',
        args: '"y"',
        replica: 'buggy',
        primary: '-> 2',
        value: '-> 3',
      },
      {
        call: expect.any(Number),
        tick: expect.any(Number),
        object: 'primary',
        method: 'slowGet',
        args: '"z", 2',
        replica: 'buggy',
        primary: '-> 3',
        value: 'threw Error: lost z',
      },
    ]);
    expect(seen[0]).toBe('call 15 primary.get("y"): primary -> 2, replica buggy -> 3');
    expect(replicator.report()).toMatchObject({
      primary: 'primary',
      replicas: ['good', 'buggy'],
      replicated: 7,
    });
    expect(replicator.lines()[0]).toBe(
      'replicator: primary x 2 replicas (good, buggy): 7 calls, 2 divergences',
    );
  });

  test('the same error from primary and replicas is agreement; the caller gets the primary error', () => {
    const { sim, primary, replicator } = setup();
    expect(() => primary.fail('same')).toThrow('same');
    expect(replicator.divergences).toEqual([]);
    sim.run();
  });

  test('failRun ends the run as a correctness failure at the first divergence', () => {
    const { sim, primary } = setup(true);
    sim.spawn('w1', function* () {
      primary.put('y', 1);
      primary.get('y');
      yield* primary.slowGet('y', 1);
    });
    const r = sim.run();
    expect(r.outcome).toBe('correctness');
    expect(r.reason).toBe('replicator: call 6 primary.get("y"): primary -> 1, replica buggy -> 2');
  });

  test('replicas must be other objects with the same interface', () => {
    const sim = createSimulation({ seed: 1 });
    const p = sim.objects.createNamed('p', Store);
    const o = sim.objects.createNamed('o', OtherShape);
    expect(() => new ReplicatorPlugin({ primary: p, replicas: [p] }).attach(sim)).toThrow(
      /is both the primary and a replica/,
    );
    expect(() => new ReplicatorPlugin({ primary: p, replicas: [o] }).attach(sim)).toThrow(
      /replica object 'o' \(OtherShape, id \d+\) has 'get'|lacks method|has 'put' as a op method/,
    );
    expect(() => new ReplicatorPlugin({ primary: p, replicas: [] }).attach(sim)).toThrow(
      /at least one replica/,
    );
    expect(() => new ReplicatorPlugin({ primary: p, replicas: [{}] }).attach(sim)).toThrow(
      /not an ObjectRef made by this simulation/,
    );
  });

  test('methods limits replication; detach stops it', () => {
    const sim = createSimulation({ seed: 1 });
    const p = sim.objects.createNamed('p', Store);
    const q = sim.objects.createNamed('q', Store);
    const rep = new ReplicatorPlugin({ primary: p, replicas: [q], methods: ['put'] });
    rep.attach(sim);
    p.put('a', 1);
    p.get('a');
    rep.detach();
    p.put('b', 2);
    expect([...sim.objects.peek(q).m]).toEqual([['a', 1]]);
    expect(sim.objects.peek(q).reached).toBe(1);
    expect(rep.report().replicated).toBe(1);
  });
});
