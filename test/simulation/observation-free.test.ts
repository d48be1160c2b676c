/**
 * Observing a run never changes it. With the same seed, a run watched by
 * every observer we have (the timeline recorder, all checkers, a raw
 * subscriber) and a run watched by nothing produce the same outcome, ticks,
 * swaps, thread results, transfers and call stats; with hashing on, the same
 * event hash. An observer that only reads cannot steer the simulation.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSimulation, runScenario, type Simulation } from 'kernel-sim';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { createCheckers } from '../../src/checkers/index.ts';
import { TimelineRecorder } from '../../src/report/index.ts';

const BUNDLED = readdirSync('scenarios').filter((f) => f.endsWith('.ts'));

function watchEverything(sim: Simulation): void {
  new TimelineRecorder().attach(sim);
  createCheckers().attach(sim);
  sim.events$.subscribe(() => {});
}

describe('observed and unobserved runs of every bundled scenario are the same run', () => {
  test.each(BUNDLED)('%s', async (file) => {
    const scenario = await loadScenario(resolve('scenarios', file));
    for (const seed of [1, 2, 3]) {
      const plain = runScenario(scenario, { seed });
      const watched = runScenario(scenario, { seed, attach: watchEverything });
      const strip = (r: typeof plain) => ({ ...r, calls: undefined, plugins: undefined });
      expect(strip(watched), `${file} seed ${seed}`).toEqual(strip(plain));
    }
  });
});

class Box {
  n = 0;
  *add(k: number) {
    yield { kind: 'compute', ticks: 2 } as never;
    this.n += k;
    return this.n;
  }
  get(): number {
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
  importState(_f: string, n: unknown) {
    this.n = n as number;
  }
}
class Box2 extends Box {}

function statsRun(options: { hashEvents: boolean; observe: boolean; callStats: boolean }) {
  const { observe: _observe, ...simOptions } = options; // observe is this test's, not an option
  const sim = createSimulation({ seed: 5, cpus: 2, ...simOptions });
  const exports: number[] = [];
  class Counted extends Box2 {
    override exportState() {
      exports.push(sim.now);
      return super.exportState();
    }
  }
  if (options.observe) sim.events$.subscribe(() => {});
  const box = sim.objects.create(Box);
  for (let i = 0; i < 8; i++)
    sim.spawn(`t${i}`, function* () {
      yield* box.add(1);
      box.get();
    });
  sim.at(3, () => sim.hotswap(box, Counted));
  const r = sim.run();
  return { outcome: r.outcome, ticks: r.ticks, stats: sim.objects.info(box).stats, exports };
}

test('call stats and transfer calls are the same with and without observers', () => {
  for (const callStats of [false, true]) {
    const runs = [
      statsRun({ hashEvents: true, observe: true, callStats }),
      statsRun({ hashEvents: true, observe: false, callStats }),
      statsRun({ hashEvents: false, observe: true, callStats }),
      statsRun({ hashEvents: false, observe: false, callStats }),
    ];
    for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
    if (callStats) expect(runs[0].stats.add).toEqual({ calls: 8, failed: 0, inFlight: 0 });
    else expect(runs[0].stats).toEqual({});
  }
});

test('callStats must be a boolean', () => {
  expect(() => createSimulation({ callStats: 'yes' as never })).toThrow(
    /option callStats must be true or false, got "yes"/,
  );
});

test('with callStats on and nothing observing, plain calls outside any swap are counted', () => {
  const sim = createSimulation({ seed: 1, cpus: 2, hashEvents: false, callStats: true });
  const box = sim.objects.create(Box);
  for (let i = 0; i < 3; i++)
    sim.spawn(`t${i}`, function* () {
      yield* box.add(1);
      box.get();
    });
  expect(sim.run().outcome).toBe('passed');
  expect(sim.objects.info(box).stats.get).toEqual({ calls: 3, failed: 0, inFlight: 0 });
});
