/**
 * Live limits (options threadsMax and objectsMax): a fork bomb or an object
 * bomb ends the run as liveness, naming who made one too many, what was
 * made and what is alive, and the option to raise; wherever the bomb runs
 * (a thread body, a spawn effect, a kernel action, setup), and even if the
 * code catches the LiveLimitError thrown at it.
 */
import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  defineScenario,
  runScenario,
  sleep,
  spawn,
  type Op,
  type Simulation,
} from 'kernel-sim';
import { LiveLimitError } from 'kernel-sim';
import { tallyTop } from '../../src/kernel/index.ts';

class Node {
  next: unknown = null;
}

function* forkBomb(): Op<void> {
  for (;;) {
    yield* spawn('bomb', forkBomb);
    yield* sleep(1);
  }
}

describe('threadsMax', () => {
  test('a fork bomb through the spawn effect ends as liveness naming the spawner', () => {
    const sim = createSimulation({ seed: 1, threadsMax: 50 });
    sim.spawn('bomb', forkBomb);
    const r = sim.run();
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(
      /^live threads: thread 'bomb' \(#\d+\) spawned 'bomb' at tick \d+, past threadsMax 50 \(live threads: bomb 50\); a fork bomb\? if the scenario needs more, raise the option threadsMax \(up to 10000000\)$/,
    );
    expect(r.threads.alive).toBe(50);
  });

  test('sim.spawn in a body that catches the error: still liveness, and the thread saw the error', () => {
    const sim = createSimulation({ seed: 1, threadsMax: 10 });
    const seen: string[] = [];
    sim.spawn('main', function* () {
      for (let i = 0; i < 20; i++) {
        try {
          sim.spawn(`child${i % 2}`, function* () {
            yield* sleep(100);
          });
        } catch (e) {
          seen.push(e instanceof LiveLimitError ? e.option : String(e));
        }
      }
      yield* compute(1);
    });
    const r = sim.run();
    expect(seen).toHaveLength(11);
    expect(new Set(seen)).toEqual(new Set(['threadsMax']));
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(/thread 'main' \(#1\) spawned 'child1' at tick 0, past threadsMax 10/);
    expect(r.reason).toMatch(/\(live threads: child0 5, child1 4, main 1\)/);
  });

  test('a kernel action that spawns too many: liveness naming the action', () => {
    const sim = createSimulation({ seed: 1, threadsMax: 5 });
    sim.at(
      3,
      () => {
        for (;;)
          sim.spawn('s', function* () {
            yield* sleep(10);
          });
      },
      'storm',
    );
    const r = sim.run();
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(
      /^live threads: kernel action 'storm' spawned 's' at tick 3, past threadsMax 5/,
    );
  });

  test('the default (10000) stops an unbounded bomb; a raised limit lets a big run pass', () => {
    const bomb = createSimulation({ seed: 1 });
    bomb.spawn('bomb', forkBomb);
    const r = bomb.run();
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(/past threadsMax 10000 /);

    const big = (threadsMax?: number): Simulation => {
      const sim = createSimulation({ seed: 1, ...(threadsMax ? { threadsMax } : {}) });
      sim.at(0, () => {
        for (let i = 0; i < 200; i++)
          sim.spawn('w', function* () {
            yield* compute(1);
          });
      });
      return sim;
    };
    expect(big(100).run().outcome).toBe('liveness');
    expect(big(200).run().outcome).toBe('passed');
  });

  test('threads that exit free their place: the limit is on live threads, not on spawns', () => {
    const sim = createSimulation({ seed: 1, threadsMax: 3 });
    sim.spawn('parent', function* () {
      for (let i = 0; i < 50; i++) {
        yield* spawn('short', function* () {
          yield* compute(1);
        });
        yield* sleep(5);
      }
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(r.threads.spawned).toBe(51);
  });
});

describe('objectsMax', () => {
  test('an object bomb in a body ends as liveness naming the thread, the class and the tally', () => {
    const sim = createSimulation({ seed: 1, objectsMax: 100 });
    sim.spawn('hoarder', function* () {
      for (;;) {
        sim.objects.create(Node);
        yield* compute(1);
      }
    });
    const r = sim.run();
    expect(r.outcome).toBe('liveness');
    // the scheduler is an object too: 99 Nodes fill the table
    expect(r.reason).toMatch(
      /^live objects: thread 'hoarder' \(#1\) created a Node at tick \d+, past objectsMax 100 \(live objects: Node 99, RoundRobinPolicy 1\); an object bomb\? if the scenario needs more, raise the option objectsMax \(up to 100000000\)$/,
    );
  });

  test('destroyed objects free their place once reclaimed: the limit is on live objects', () => {
    const sim = createSimulation({ seed: 1, objectsMax: 5 });
    for (let i = 0; i < 40; i++)
      sim.at(i * 50, () => sim.objects.destroy(sim.objects.create(Node)), 'churn');
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(sim.table.entries).toHaveLength(41);
    expect(sim.table.objectsLive).toBe(1);
  });
});

describe('limits in a scenario', () => {
  test('a setup that makes too many objects: liveness (not an input error), with the message', () => {
    const scenario = defineScenario({
      name: 'setup-bomb',
      description: 'setup creates objects without end',
      options: { objectsMax: 20 },
      setup(sim) {
        for (;;) sim.objects.create(Node);
      },
    });
    const report = runScenario(scenario, { seed: 3 });
    expect(report.outcome).toBe('liveness');
    expect(report.reason).toMatch(
      /^live objects: code outside the run \(setup\) created a Node at tick 0, past objectsMax 20/,
    );
  });

  test('the same seed gives the same verdict and the same events', () => {
    const scenario = defineScenario({
      name: 'fork-bomb',
      description: 'threads that each spawn more',
      options: { threadsMax: 40, schedule: 'random' },
      setup(sim) {
        sim.spawn('bomb', forkBomb);
      },
    });
    const a = runScenario(scenario, { seed: 9 });
    const b = runScenario(scenario, { seed: 9 });
    expect(a.outcome).toBe('liveness');
    expect([b.reason, b.eventsHash]).toEqual([a.reason, a.eventsHash]);
  });

  test('options out of range are refused, naming the option', () => {
    expect(() => createSimulation({ threadsMax: 0 })).toThrow(
      /option threadsMax must be an integer from 1 to 10000000, got 0/,
    );
    expect(() => createSimulation({ objectsMax: 1.5 })).toThrow(
      /option objectsMax must be an integer from 1 to 100000000, got 1\.5/,
    );
  });
});

test('tallyTop: most frequent first, ties by name, the rest counted', () => {
  expect(tallyTop(['b', 'a', 'b', 'c', 'd', 'a', 'b'])).toBe('b 3, a 2, c 1, 1 other name(s)');
  expect(tallyTop([])).toBe('');
});
