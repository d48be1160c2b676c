import { expect, test } from 'vitest';
import { Prng } from 'kernel-sim';
import { FaultSite } from '../../src/faults/index.ts';

test('a site is activated once per run from its stream, and fires only when active', () => {
  const active = new FaultSite('call-throws', new Prng(1), 1, 0.5);
  const inactive = new FaultSite('call-throws', new Prng(1), 0, 1);
  expect(active.active).toBe(true);
  expect(inactive.active).toBe(false);
  expect(Array.from({ length: 50 }, () => inactive.fires()).some(Boolean)).toBe(false);
  const fired = Array.from({ length: 200 }, () => active.fires()).filter(Boolean).length;
  expect(fired).toBe(active.fired);
  expect(fired).toBeGreaterThan(60);
  expect(fired).toBeLessThan(140);
});

test('the same seed gives the same activations and firings', () => {
  const draws = (seed: number) => {
    const s = new FaultSite('swap-cancel', new Prng(seed).derive('swap-cancel'), 0.5, 0.5);
    return [s.active, ...Array.from({ length: 20 }, () => s.fires())];
  };
  for (let seed = 1; seed <= 20; seed++) expect(draws(seed)).toEqual(draws(seed));
  const activeCount = Array.from({ length: 200 }, (_, i) => draws(i)[0]).filter(Boolean).length;
  expect(activeCount).toBeGreaterThan(70);
  expect(activeCount).toBeLessThan(130);
});
