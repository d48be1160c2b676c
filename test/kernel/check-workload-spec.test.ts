/**
 * sim.workload refuses specs that would not mean what they say, and
 * createSimulation / hotswap refuse unknown option names.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation, type WorkloadSpec } from 'kernel-sim';

const ok: WorkloadSpec = { threads: 3, meanGapTicks: 2, lifetime: { kind: 'fixed', ticks: 4 } };

describe('workload spec checks', () => {
  test.each([
    [
      { lifetime: { kind: 'weird' } },
      /unknown lifetime kind 'weird'; use one of fixed, uniform, exponential, bimodal/,
    ],
    [
      { lifetime: { kind: 'fixed', tick: 4 } },
      /lifetime 'fixed' has no field 'tick'; it takes ticks/,
    ],
    [{ lifetime: { kind: 'uniform', min: 5, max: 2 } }, /min <= max/],
    [
      { lifetime: { kind: 'bimodal', short: 1, long: 9, longChance: 2 } },
      /longChance must be from 0 to 1/,
    ],
    [{ threads: 2.5 }, /threads must be an integer >= 0, got 2.5/],
    [{ meanGapTicks: -1 }, /meanGapTicks must be a number >= 0/],
    [{ sleepFraction: 3 }, /sleepFraction must be from 0 to 1/],
    [{ theads: 3 }, /unknown field 'theads'/],
    [{ lifetime: undefined }, /lifetime must be an object/],
  ])('%j is refused', (patch, message) => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    expect(() => sim.workload({ ...ok, ...patch } as WorkloadSpec)).toThrow(message);
    expect(sim.run().ticks).toBe(0); // nothing was scheduled
  });

  test('a good spec runs every thread', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const stats = sim.workload(ok);
    expect(sim.run().outcome).toBe('passed');
    expect(stats.arrived).toBe(3);
  });
});

describe('unknown option names', () => {
  test('createSimulation names the unknown option and the known ones', () => {
    expect(() => createSimulation({ seed: 1, detektor: 'event' } as never)).toThrow(
      /unknown option 'detektor'; known: seed, cpus/,
    );
  });
  test('hotswap names the unknown option', () => {
    class A {
      f(): number {
        return 1;
      }
    }
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const ref = sim.objects.create(A);
    expect(() => sim.hotswap(ref, A, { timeout: 5 } as never)).toThrow(
      /hotswap: unknown option 'timeout'; known: timeoutTicks/,
    );
    expect(() => sim.hotswap(ref, A, { prepare: 'no' } as never)).toThrow(
      /option prepare must be a function/,
    );
  });
});
