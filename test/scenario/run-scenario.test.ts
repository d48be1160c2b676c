import { describe, expect, test } from 'vitest';
import {
  compute,
  defineScenario,
  runScenario,
  ScenarioSetupError,
  Simulation,
  sleep,
  type Op,
  type ScenarioPlugin,
} from 'kernel-sim';

class Counter {
  n = 0;
  *slowInc(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
  read(): number {
    return this.n;
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, v: unknown) {
    this.n = v as number;
  }
}
class Counter2 extends Counter {}

/** Threads bump a counter; at tick 30 it is swapped (with an optional timeout). */
function counterScenario(opts: { timeoutTicks?: number; threads?: number; loops?: number } = {}) {
  return defineScenario({
    name: 'counter',
    description: 'threads bump a counter while it is swapped',
    options: { cpus: 2, ticksMax: 100_000 },
    setup(sim) {
      const c = sim.objects.createNamed('c', Counter);
      for (let i = 0; i < (opts.threads ?? 6); i++) {
        sim.spawn(`t${i}`, function* () {
          for (let j = 0; j < (opts.loops ?? 4); j++) {
            yield* c.slowInc(2);
            yield* sleep(1 + (i % 3));
          }
        });
      }
      sim.at(
        30,
        () =>
          void sim.hotswap(
            c,
            Counter2,
            opts.timeoutTicks === undefined ? {} : { timeoutTicks: opts.timeoutTicks },
          ),
      );
      return { c };
    },
    expect(_r, _sim, { c }) {
      if (c.read() !== (opts.threads ?? 6) * (opts.loops ?? 4))
        throw new Error(`lost an increment: ${c.read()}`);
    },
    summary(_r, _sim, { c }) {
      return [`final count ${c.read()}`];
    },
  });
}

describe('runScenario', () => {
  test('reports seed, resolved options (overrides win), outcome, threads, calls, objects and summary', () => {
    const r = runScenario(counterScenario(), { seed: 9, overrides: { cpus: 3 } });
    expect(r.outcome, r.reason ?? '').toBe('passed');
    expect(r.seed).toBe(9);
    expect(r.options).toMatchObject({
      seed: 9,
      cpus: 3,
      ticksMax: 100_000,
      quantumTicks: 10,
      detector: 'k42',
    });
    expect(r.reason).toBeNull();
    expect(r.threads).toEqual({ spawned: 6, exited: 6, failed: 0, alive: 0 });
    expect(r.calls.byObject.c).toBe(6 * 4); // the run's calls only, not those expect and summary make
    expect(r.calls.entered).toBe(r.calls.exited);
    expect(r.objects.find((o) => o.name === 'c')).toEqual({
      id: 2,
      name: 'c',
      class: 'Counter2',
      version: 2,
      state: 'live',
    });
    expect(r.summary).toEqual(['final count 24']);
    expect(r.eventsHash).toMatch(/^[0-9a-f]{16}$/);
    expect(r.scenario).toEqual({
      name: 'counter',
      description: 'threads bump a counter while it is swapped',
      source: 'counter',
    });
    expect(r.reproduce).toBe('kernel-sim scenario counter --seed 9 --cpus 3');
  });

  test('a completed swap is reported with its classes, phases in order and their ticks, and call counts', () => {
    const r = runScenario(counterScenario(), { seed: 2 });
    expect(r.swaps).toHaveLength(1);
    const s = r.swaps[0];
    expect(s).toMatchObject({
      id: 1,
      objects: ['c'],
      from: ['Counter'],
      to: ['Counter2'],
      outcome: 'completed',
      reason: null,
      phase: 'done',
      requestedTick: 30,
    });
    expect(s.phases.map((p) => p.phase)).toEqual([
      'negotiate',
      'forward',
      'block',
      'transfer',
      'complete',
    ]);
    for (let i = 1; i < s.phases.length; i++)
      expect(s.phases[i].startTick).toBe(s.phases[i - 1].startTick + s.phases[i - 1].ticks);
    expect(s.phaseTicks).toEqual(Object.fromEntries(s.phases.map((p) => [p.phase, p.ticks])));
    expect(s.forwarded).toBeGreaterThan(0);
    expect(s.held).toBeGreaterThanOrEqual(0);
    expect(s.maxHoldTicks).toBeGreaterThanOrEqual(0);
  });

  test('an aborted swap is reported with its reason and the phases it went through', () => {
    const r = runScenario(counterScenario({ timeoutTicks: 1, threads: 8, loops: 30 }), { seed: 1 });
    const s = r.swaps[0];
    expect(s.outcome).toBe('aborted');
    expect(s.reason).toMatch(/timeout/);
    expect(s.phases.map((p) => p.phase)).not.toContain('complete');
    expect(r.objects.find((o) => o.name === 'c')?.class).toBe('Counter');
  });

  test('the same seed gives the same report; the seed changes the interleaving', () => {
    const a = JSON.stringify(runScenario(counterScenario(), { seed: 4 }));
    expect(JSON.stringify(runScenario(counterScenario(), { seed: 4 }))).toBe(a);
    const random = defineScenario({
      name: 'random',
      description: 'sleeps drawn from the seed',
      setup(sim) {
        const r = sim.random('sleeps');
        for (let i = 0; i < 4; i++)
          sim.spawn(`t${i}`, function* () {
            yield* sleep(r.int(1, 100));
          });
      },
    });
    const hashes = new Set([1, 2, 3, 4, 5].map((seed) => runScenario(random, { seed }).eventsHash));
    expect(hashes.size).toBeGreaterThan(1);
  });

  test('an expectation that throws makes the outcome correctness, with its message', () => {
    const s = defineScenario({
      name: 'wrong',
      description: 'expects the impossible',
      setup(sim) {
        sim.spawn('t', function* () {
          yield* sleep(5);
        });
      },
      expect() {
        throw new Error('the moon is not made of cheese');
      },
    });
    const r = runScenario(s, { seed: 1 });
    expect(r.outcome).toBe('correctness');
    expect(r.reason).toContain('the moon is not made of cheese');
    expect(r.ticks).toBeGreaterThanOrEqual(5);
  });

  test('a run that fails liveness is not judged by expect (the failure is not masked)', () => {
    let judged = false;
    const s = defineScenario({
      name: 'forever',
      description: 'a thread that never ends',
      options: { ticksMax: 200 },
      setup(sim) {
        sim.spawn('spinner', function* () {
          for (;;) yield* compute(10);
        });
      },
      expect() {
        judged = true;
      },
      summary: () => ['still summarised'],
    });
    const r = runScenario(s, { seed: 1 });
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toMatch(/spinner/);
    expect(judged).toBe(false);
    expect(r.summary).toEqual(['still summarised']);
  });

  test('setup that throws is an input error with its message and the location in the scenario', () => {
    const s = defineScenario({
      name: 'broken',
      description: 'setup throws',
      setup() {
        throw new TypeError('no such widget');
      },
    });
    const withFile = { ...s, file: new URL(import.meta.url).pathname };
    let error: unknown;
    try {
      runScenario(withFile, { seed: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioSetupError);
    expect((error as Error).message).toMatch(
      /^scenario 'broken': setup threw TypeError: no such widget\n {4}at .*run-scenario\.test\.ts:\d+$/,
    );
  });

  test('a summary that throws gives a line saying so and leaves the outcome alone', () => {
    const s = defineScenario({
      name: 's',
      description: 'd',
      setup() {},
      summary: () => {
        throw new Error('oops');
      },
    });
    const r = runScenario(s);
    expect(r.outcome).toBe('passed');
    expect(r.summary).toEqual(['summary() threw Error: oops']);
  });

  test('attach sees the simulation before setup; plugins attach before and after setup and report', () => {
    const order: string[] = [];
    const plugin: ScenarioPlugin = {
      name: 'probe',
      attach: (sim) => void order.push(`plugin attach, ${sim.table.entries.length} objects`),
      report: () => ({ seen: order.length }),
      lines: () => ['probe line'],
    };
    const s = defineScenario({
      name: 'hooks',
      description: 'd',
      setup(sim) {
        order.push('setup');
        sim.objects.create(Counter);
      },
    });
    const r = runScenario(s, {
      seed: 3,
      plugins: [plugin],
      attach: (sim) => {
        expect(sim).toBeInstanceOf(Simulation);
        order.push('attach');
      },
      source: 'hooks.ts',
      reproduceArgs: ['--plugin', 'probe'],
    });
    expect(order).toEqual([
      'attach',
      'plugin attach, 1 objects',
      'setup',
      'plugin attach, 2 objects',
    ]);
    expect(r.plugins).toEqual([{ name: 'probe', report: { seen: 4 }, lines: ['probe line'] }]);
    expect(r.reproduce).toBe('kernel-sim scenario hooks.ts --seed 3 --plugin probe');
  });

  test('refuses what is not a scenario', () => {
    expect(() => runScenario({ name: 'x', description: '', setup() {} } as never)).toThrow(
      /expected a scenario made by defineScenario/,
    );
  });
});
