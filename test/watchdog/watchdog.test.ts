/**
 * The watchdog ends runs whose user code never returns, as liveness, naming
 * the culprit; it never stops a run that makes progress, however long, and
 * never changes what a run does.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, defineScenario, runScenario, type Op } from 'kernel-sim';
import { STRETCH_MAX, Watchdog, WatchdogTimeout } from '../../src/watchdog/index.ts';

const LIMIT_MS = 300;
const spin = (): void => {
  for (;;) {
    /* never yields */
  }
};

class Spinner {
  *spin(): Op<void> {
    yield* compute(1);
    spin();
  }
}

describe('a run whose user code never returns ends as liveness, naming the culprit', () => {
  test('a thread body that never yields', () => {
    const s = defineScenario({
      name: 'spin-body',
      description: 'a body in while (true) {}',
      setup(sim) {
        sim.spawn('spinner', function* () {
          yield* compute(3);
          spin();
        });
      },
    });
    const r = runScenario(s, { seed: 1, watchdogMs: LIMIT_MS });
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(
      /^watchdog: no progress for 300 ms(?: of CPU time \([^)]*\))? at tick 3: thread 'spinner' \(#\d+\) on cpu \d never yielded/,
    );
  });

  test('a generator method that never yields names the object and method', () => {
    const s = defineScenario({
      name: 'spin-method',
      description: 'a method in while (true) {}',
      setup(sim) {
        const obj = sim.objects.createNamed('spinny', Spinner);
        sim.spawn('caller', function* () {
          yield* obj.spin();
        });
      },
    });
    const r = runScenario(s, { seed: 1, watchdogMs: LIMIT_MS });
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(
      /thread 'caller' \(#\d+\) on cpu \d inside spinny\.spin never yielded/,
    );
  });

  test('a sim.at action that never returns', () => {
    const s = defineScenario({
      name: 'spin-action',
      description: 'an action in while (true) {}',
      setup(sim) {
        sim.at(7, () => spin());
      },
    });
    const r = runScenario(s, { seed: 1, watchdogMs: LIMIT_MS });
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(/at tick 7: kernel action '.*' never returned/);
  });

  test('setup and expect that never return', () => {
    const hangsInSetup = defineScenario({ name: 's', description: 'd', setup: () => spin() });
    const a = runScenario(hangsInSetup, { seed: 1, watchdogMs: LIMIT_MS });
    expect(a.outcome).toBe('liveness');
    expect(a.reason).toMatch(
      /^watchdog: setup\(\) did not return within 300 ms(?: of CPU time \([^)]*\))? \(a loop that never ends\?\)$/,
    );
    const hangsInExpect = defineScenario({
      name: 'e',
      description: 'd',
      setup: () => undefined,
      expect: () => spin(),
    });
    const b = runScenario(hangsInExpect, { seed: 1, watchdogMs: LIMIT_MS });
    expect(b.outcome).toBe('liveness');
    expect(b.reason).toMatch(/^watchdog: expect\(\) did not return within 300 ms/);
  });
});

test('a run of slow steps that make progress is never stopped, however long in total', () => {
  const busyMs = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      /* a slow but finite step */
    }
  };
  const s = defineScenario({
    name: 'slow',
    description: 'twenty steps of 60 ms: 1.2 s in all, each far under the 1 s limit',
    setup(sim) {
      sim.spawn('slow', function* () {
        for (let i = 0; i < 20; i++) {
          busyMs(60);
          yield* compute(1);
        }
      });
    },
  });
  expect(runScenario(s, { seed: 1, watchdogMs: 1_000 }).outcome).toBe('passed');
});

test('the watchdog never changes what a run does (same events, same hash)', () => {
  const run = (slicer: boolean) => {
    const sim = createSimulation({ seed: 9, cpus: 3 });
    sim.workload({ threads: 200, meanGapTicks: 2, lifetime: { kind: 'uniform', min: 1, max: 40 } });
    return sim.run(slicer ? { slicer: new Watchdog(5_000).slicer(sim) } : {});
  };
  expect(run(true)).toEqual(run(false));
});

test('guard passes values and errors through, and names what timed out', () => {
  const w = new Watchdog(LIMIT_MS);
  expect(w.guard('x', () => 42)).toBe(42);
  expect(() =>
    w.guard('x', () => {
      throw new TypeError('boom');
    }),
  ).toThrow(TypeError);
  expect(() => w.guard('the probe', spin)).toThrow(WatchdogTimeout);
  expect(() => new Watchdog(0)).toThrow(/whole number of ms >= 1/);
});

describe('the limit is CPU time: on a loaded machine the wall timeout stretches', () => {
  test('stretch is wall over CPU time, between 1 and STRETCH_MAX', () => {
    const w = new Watchdog(100);
    expect(w.stretch).toBe(1);
    w.account(1000, 200); // the run got a fifth of a CPU
    expect(w.stretch).toBeCloseTo(5);
    w.account(9000, 0); // starved: capped
    expect(w.stretch).toBe(STRETCH_MAX);
    const busy = new Watchdog(100);
    busy.account(1000, 2000); // other threads of the process add CPU: never below 1
    expect(busy.stretch).toBe(1);
  });

  test('a step that outlives the limit only because the machine is loaded is not stopped', () => {
    const spinFor = (ms: number) => () => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        /* a slow step that does return */
      }
      return 'done';
    };
    const idle = new Watchdog(50);
    expect(() => idle.guard('the step', spinFor(250))).toThrow(WatchdogTimeout);
    const loaded = new Watchdog(50);
    loaded.account(2000, 100); // measured so far: 1/20 of a CPU
    expect(loaded.guard('the step', spinFor(250))).toBe('done');
  });

  test('the timeout message says how loaded the machine was', () => {
    const w = new Watchdog(50);
    w.account(1000, 250);
    expect(() => w.guard('the probe', spin)).toThrow(
      /the probe did not return within 50 ms of CPU time \(\d+ ms of wall time: the machine gave this run about 1\/\d\.\d of a CPU\)/,
    );
  });
});
