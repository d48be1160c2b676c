import { describe, expect, test } from 'vitest';
import { compute, defineScenario, runScenario, sleep, type OnFailedThread } from 'kernel-sim';

/** Three workers; two throw (at different ticks), one exits cleanly. */
function throwing(onFailedThread?: OnFailedThread) {
  return defineScenario({
    name: 'throwing',
    description: 'two of three workers throw',
    options: { cpus: 1 },
    ...(onFailedThread === undefined ? {} : { onFailedThread }),
    setup(sim) {
      sim.spawn('ok', function* () {
        yield* compute(2);
      });
      for (const [name, ticks] of [
        ['late', 9],
        ['early', 3],
      ] as const) {
        sim.spawn(name, function* () {
          yield* sleep(ticks);
          throw new Error(`${name} broke`);
        });
      }
    },
  });
}

describe('failed threads', () => {
  test('every failed thread is listed with its name, tick and error, in the order they failed', () => {
    const r = runScenario(throwing(), { seed: 1 });
    expect(r.threads.failed).toBe(2);
    expect(r.failedThreads.map((f) => [f.name, f.error])).toEqual([
      ['early', 'Error: early broke'],
      ['late', 'Error: late broke'],
    ]);
    expect(r.failedThreads[0].tick).toBeLessThan(r.failedThreads[1].tick);
    expect(r.failedThreads[0].thread).not.toBe(r.failedThreads[1].thread);
  });

  test("by default ('report') the run still passes", () => {
    expect(runScenario(throwing(), { seed: 1 }).outcome).toBe('passed');
  });

  test("onFailedThread 'fail' (scenario or caller) makes it correctness, naming the first thread", () => {
    for (const r of [
      runScenario(throwing('fail'), { seed: 1 }),
      runScenario(throwing(), { seed: 1, onFailedThread: 'fail' }),
    ]) {
      expect(r.outcome).toBe('correctness');
      expect(r.reason).toMatch(
        /^thread 'early' \(#\d+\) failed at tick \d+: Error: early broke \(and 1 more failed threads\)/,
      );
    }
  });

  test("the caller's mode wins over the scenario's", () => {
    expect(runScenario(throwing('fail'), { seed: 1, onFailedThread: 'report' }).outcome).toBe(
      'passed',
    );
  });

  test('a run without failed threads is unchanged by the mode', () => {
    const clean = defineScenario({
      name: 'clean',
      description: 'one worker',
      onFailedThread: 'fail',
      setup(sim) {
        sim.spawn('w', function* () {
          yield* compute(1);
        });
      },
    });
    const r = runScenario(clean, { seed: 1 });
    expect(r.outcome).toBe('passed');
    expect(r.failedThreads).toEqual([]);
  });

  test('defineScenario refuses an unknown mode', () => {
    expect(() =>
      defineScenario({
        name: 'x',
        description: 'd',
        onFailedThread: 'ignore' as OnFailedThread,
        setup() {},
      }),
    ).toThrow(/'onFailedThread' must be 'fail' or 'report', got "ignore"/);
  });
});
