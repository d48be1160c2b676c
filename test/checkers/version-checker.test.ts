import { describe, expect, test } from 'vitest';
import { createSimulation, type Call } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import { entered, feed, reached, retargeted, stream } from './event-stream.ts';
import { counterWorkload } from './swap-workload.ts';

const only = { only: ['versions'] as const };

describe('VersionChecker: passes', () => {
  test('versions only go up on a real swap workload, over 30 seeds', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const sim = createSimulation({ seed, cpus: 2, detector: seed % 2 ? 'k42' : 'event' });
      const checks = attachCheckers(sim, only);
      const { swap } = counterWorkload(sim, { threads: 5, rounds: 6, swapAt: 3 + seed });
      sim.run();
      expect(swap.handle!.outcome).toBe('completed');
      expect(checks.report().violations, `seed ${seed}`).toEqual([]);
    }
  });
});

describe('VersionChecker: catches', () => {
  test('a call reaching an older version once a newer one was reached', () => {
    const r = feed(
      stream([1, entered(1, 1)], [2, reached(1, 2, 2)], [3, entered(2, 1)], [4, reached(2, 2, 1)]),
      only,
    );
    expect(r.violations[0]).toMatchObject({ tick: 4 });
    expect(r.violations[0].message).toContain(
      'reached V1 v1 of object 2, but v2 was in place since tick 2: version went backwards',
    );
  });

  test('a call reaching the old version after the entry was retargeted', () => {
    const r = feed(stream([1, retargeted(2, 2)], [2, reached(5, 2, 1)]), only);
    expect(r.violations[0].message).toContain('version went backwards');
  });

  test('a call reaching a version a swap destroyed', () => {
    const oldGone = feed(
      stream(
        [1, { type: 'swap.old-destroyed', swap: 1, object: 2, version: 1 }],
        [2, reached(5, 2, 1)],
      ),
      only,
    );
    expect(oldGone.violations[0].message).toContain('a version destroyed at tick 1');
  });

  test('a call that entered after the destroy request reaching the object; any call once it is destroyed', () => {
    const destroying = { type: 'object.destroy-requested', object: 2, reason: 'x' } as const;
    const late = feed(
      stream([0, entered(4, 1)], [1, destroying], [2, entered(5, 1)], [3, reached(5, 2, 1)]),
      only,
    );
    expect(late.violations[0].message).toContain(
      'call 5 reached V1 v1 of object 2 after its destroy was requested at tick 1, entering after that',
    );
    const early = feed(stream([0, entered(4, 1)], [1, destroying], [3, reached(4, 2, 1)]), only);
    expect(early.ok).toBe(true);
    const destroyed = feed(
      stream(
        [0, entered(4, 1)],
        [1, destroying],
        [2, { type: 'object.destroyed', object: 2, class: 'C', version: 1 }],
        [3, reached(4, 2, 1)],
      ),
      only,
    );
    expect(destroyed.violations[0].message).toBe(
      'call 4 reached V1 v1 of object 2 after it was destroyed at tick 2',
    );
  });

  test('a sabotaged table that lets one call reach the old object after the swap completed (real run)', () => {
    // the event detector does not wait for the late thread (K42's two-slot counters would)
    const sim = createSimulation({ seed: 3, cpus: 2, detector: 'event' });
    const checks = attachCheckers(sim, only);
    const { counter, swap } = counterWorkload(sim, { threads: 4, rounds: 8, swapAt: 10 });
    const entry = sim.objects.entry(counter);
    let oldImpl: object | null = null;
    sim.at(10, () => void (oldImpl = entry.target), 'remember the old implementation');
    const c = counter as unknown as { slowInc(t: number): Generator<never, number> };
    sim.at(
      11,
      () =>
        void sim.spawn('late', function* () {
          for (let i = 0; i < 100; i++) yield* c.slowInc(3);
        }),
      'a thread that starts after the request',
    );
    const table = sim.table as unknown as { arrive: (call: Call) => unknown };
    const arrive = table.arrive;
    let stale = 0;
    table.arrive = function (this: unknown, call: Call) {
      if (swap.handle?.outcome !== 'completed' || stale > 0 || call.method !== 'slowInc')
        return arrive.call(this, call);
      stale++;
      const [version, target] = [entry.version, entry.target];
      [entry.version, entry.target] = [version - 1, oldImpl];
      const r = arrive.call(this, call);
      [entry.version, entry.target] = [version, target];
      return r;
    };
    sim.run();
    expect(stale).toBe(1);
    const v = checks.report().violations[0];
    expect(v.message).toMatch(
      /reached Counter v1 of object \d+, but v2 was in place since tick \d+: version went backwards/,
    );
  });
});
