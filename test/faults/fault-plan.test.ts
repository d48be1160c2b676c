import { expect, test } from 'vitest';
import { createSimulation, Prng } from 'kernel-sim';
import { FAULT_SITES, FaultPlan, installFaults } from '../../src/faults/index.ts';

test('a plan draws its active sites from the seed, each site from its own stream', () => {
  const active = (seed: number, sites?: (typeof FAULT_SITES)[number][]) =>
    new FaultPlan(new Prng(seed).derive('faults'), sites ? { sites } : {}).active;
  for (let seed = 1; seed <= 30; seed++) {
    expect(active(seed)).toEqual(active(seed));
    // turning other sites off does not change whether this one is active
    expect(active(seed, ['swap-cancel']).includes('swap-cancel')).toBe(
      active(seed).includes('swap-cancel'),
    );
  }
  const counts = Array.from({ length: 100 }, (_, s) => active(s).length);
  expect(Math.min(...counts)).toBeLessThan(Math.max(...counts));
});

test('force makes sites active in every run; activateChance 0 and no sites make none', () => {
  const plan = new FaultPlan(new Prng(3), { sites: [], force: ['swap-cancel', 'call-throws'] });
  expect(plan.active).toEqual(['call-throws', 'swap-cancel']);
  expect(new FaultPlan(new Prng(3), { activateChance: 0 }).active).toEqual([]);
});

test('bad input says what is accepted; a plan serves one simulation', () => {
  expect(() => new FaultPlan(new Prng(1), { sites: ['disk-full' as never] })).toThrow(
    /unknown site 'disk-full'; the sites are call-throws, thread-never-exits/,
  );
  const sim = createSimulation({ seed: 1 });
  const plan = installFaults(sim, { activateChance: 0 });
  expect(() => plan.install(sim)).toThrow(/one simulation/);
  expect(plan.summary()).toEqual([]);
});

test("installFaults uses the simulation's faults stream: same seed, same plan", () => {
  const a = installFaults(createSimulation({ seed: 9 }));
  const b = installFaults(createSimulation({ seed: 9 }));
  expect(a.active).toEqual(b.active);
});
