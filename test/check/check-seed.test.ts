import { describe, expect, test } from 'vitest';
import { compute, defineScenario, sleep, type Op } from 'kernel-sim';
import { checkSeed } from '../../src/check/index.ts';
import { Counter, CounterV2, counterWorkload } from '../checkers/swap-workload.ts';

const clean = defineScenario({
  name: 'clean',
  description: 'a counter swapped under load',
  options: { cpus: 2 },
  setup(sim) {
    return counterWorkload(sim, { threads: 4, rounds: 4, swapAt: 6, late: 2 });
  },
  expect(_r, _sim, { swap }) {
    if (swap.handle?.outcome !== 'completed') throw new Error(`swap ${swap.handle?.outcome}`);
  },
});

describe('checkSeed', () => {
  test('a clean seed passes, re-run for determinism, with replay lines', () => {
    const r = checkSeed(clean, 4, { rerun: true });
    expect(r).toMatchObject({
      seed: 4,
      verdict: 'passed',
      outcome: 'passed',
      reason: null,
      tolerated: null,
      violations: [],
      faults: null,
    });
    expect(r.reproduce).toBe('kernel-sim scenario clean --seed 4');
    expect(r.recheck).toBe('kernel-sim check clean --seed-from 4 --seed-to 4');
  });

  test('a checker violation fails the seed, with the violation text', () => {
    class Lossy extends CounterV2 {
      override importState(): void {}
    }
    const lossy = defineScenario({
      name: 'lossy',
      description: 'the new class forgets the count',
      setup: (sim) => counterWorkload(sim, { threads: 2, rounds: 2, swapAt: 4, New: Lossy }),
    });
    const r = checkSeed(lossy, 1, { source: 'lossy.ts' });
    expect(r.verdict).toBe('violation');
    expect(r.violations[0].checker).toBe('transfer');
    expect(r.violations[0].text).toMatch(
      /^\[transfer\] tick \d+, seed 1: swap 1 object \d+, format 'count': state not preserved/,
    );
    expect(r.reproduce).toBe('kernel-sim scenario lossy.ts --seed 1');
  });

  test("the scenario's own checker options apply (here: a mapping for its format)", () => {
    class Doubling extends CounterV2 {
      override importState(_f: string, state: unknown): void {
        this.n = 2 * (state as number);
      }
    }
    const doubling = defineScenario({
      name: 'doubling',
      description: 'the new counter counts in halves',
      setup: (sim) => counterWorkload(sim, { threads: 2, rounds: 2, swapAt: 4, New: Doubling }),
    });
    const withMapping = Object.assign(Object.create(null) as object, doubling, {
      checkers: {
        transfer: {
          formats: { count: { map: (xs: readonly unknown[]) => xs.map((x) => 2 * (x as number)) } },
        },
      },
    }) as typeof doubling;
    expect(checkSeed(doubling, 1).verdict).toBe('violation');
    expect(checkSeed(withMapping, 1).verdict).toBe('passed');
  });

  test('an expectation that fails with no fault fired is a failure; after faults fired it is tolerated', () => {
    const strict = defineScenario({
      name: 'strict',
      description: 'expects every thread to finish cleanly',
      options: { cpus: 2 },
      onFailedThread: 'report', // expect() judges the failed threads itself
      setup: (sim) => counterWorkload(sim, { threads: 4, rounds: 6, swapAt: 6, late: 2 }),
      expect(result) {
        if (result.threads.failed > 0) throw new Error(`${result.threads.failed} thread(s) failed`);
        throw new Error('always unhappy');
      },
    });
    expect(checkSeed(strict, 1)).toMatchObject({
      verdict: 'expectation',
      reason: 'always unhappy',
    });
    const faulty = checkSeed(strict, 1, {
      faults: { sites: [], force: ['mediator-throws'], fireChance: { 'mediator-throws': 0.3 } },
    });
    expect(faulty.verdict).toBe('passed');
    expect(faulty.tolerated).toMatch(
      /^expectation not met after faults fired: \d+ thread\(s\) failed/,
    );
    expect(faulty.faults!.active).toEqual(['mediator-throws']);
    expect(faulty.reproduce).toBe('kernel-sim scenario strict --seed 1 --faults');
    expect(faulty.recheck).toBe('kernel-sim check strict --seed-from 1 --seed-to 1 --faults');
  });

  test('a thread failed by an injected fault fails no seed (check fails on failed threads only without faults)', () => {
    const plain = defineScenario({
      name: 'plain',
      description: 'threads bump a counter across a swap',
      options: { cpus: 2 },
      setup: (sim) => counterWorkload(sim, { threads: 4, rounds: 6, swapAt: 6, late: 2 }),
    });
    const faulty = checkSeed(plain, 1, {
      faults: { sites: [], force: ['mediator-throws'], fireChance: { 'mediator-throws': 0.3 } },
    });
    expect(faulty.verdict).toBe('passed');
    // the failed thread is the fault's own: it does not fail the run, so nothing is tolerated
    // (the seed counts as checked) and the failure is still listed
    expect(faulty.tolerated).toBeNull();
    expect(faulty.outcome).toBe('passed');
  });

  test('a crash is a failure; one the injected faults caused in kernel-context code is tolerated', () => {
    const crashing = defineScenario({
      name: 'crashing',
      description: 'a kernel-context action throws',
      setup(sim) {
        sim.at(3, () => {
          throw new Error('bug in an action');
        });
      },
    });
    expect(checkSeed(crashing, 1)).toMatchObject({ verdict: 'crash', outcome: 'crash' });
    const touchy = defineScenario({
      name: 'touchy',
      description: 'an action calls the counter after a fault destroyed it',
      options: { detector: 'event' },
      setup(sim) {
        const c = sim.objects.create(Counter);
        sim.spawn('long', function* () {
          yield* c.slowInc(20);
        });
        for (let t = 0; t < 4; t++) {
          sim.at(
            6 + t,
            () =>
              void sim.spawn(`late${t}`, function* () {
                for (let i = 0; i < 8; i++) {
                  yield* c.slowInc(2);
                  yield* sleep(1);
                }
              }),
          );
        }
        sim.at(5, () => void sim.hotswap(c, CounterV2, { transferTicks: 6 }));
        sim.at(200, () => void c.inc());
      },
    });
    const r = checkSeed(touchy, 1, {
      faults: {
        sites: [],
        force: ['destroy-during-swap'],
        fireChance: { 'destroy-during-swap': 1 },
        windowTicks: 2,
      },
    });
    expect(r.outcome).toBe('crash');
    expect(r.verdict).toBe('passed');
    expect(r.tolerated).toContain('StaleRefError');
  });

  test('a scenario that is not a function of its seed is nondeterministic', () => {
    let runs = 0;
    const drifting = defineScenario({
      name: 'drifting',
      description: 'reads state outside the simulation',
      setup(sim) {
        const n = ++runs;
        sim.spawn('t', function* (): Op<void> {
          yield* compute(n);
        });
      },
    });
    const r = checkSeed(drifting, 1, { rerun: true });
    expect(r.verdict).toBe('nondeterministic');
    expect(r.reason).toMatch(/^not deterministic: the same seed gave eventsHash/);
  });
});
