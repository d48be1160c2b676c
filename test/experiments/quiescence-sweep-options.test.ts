import { describe, expect, test } from 'vitest';
import { DEFAULT_SWEEP, resolveQuiescenceSweep } from '../../src/experiments/index.ts';

describe('resolveQuiescenceSweep', () => {
  test('fills defaults and keeps given values; undefined means default', () => {
    const s = resolveQuiescenceSweep({ cpus: [1, 8], seeds: 3, threadsPerCpu: undefined });
    expect(s.cpus).toEqual([1, 8]);
    expect(s.seeds).toBe(3);
    expect(s.threadsPerCpu).toBe(DEFAULT_SWEEP.threadsPerCpu);
    expect(s.detectors).toEqual(['k42', 'event', 'oracle']);
  });

  test('lifetimes may be text or objects; duplicates on any axis collapse', () => {
    const s = resolveQuiescenceSweep({
      lifetimes: ['exp:5', { kind: 'exponential', mean: 5 }, 'fixed:3'],
      cpus: [2, 2],
    });
    expect(s.lifetimes).toEqual([
      { kind: 'exponential', mean: 5 },
      { kind: 'fixed', ticks: 3 },
    ]);
    expect(s.cpus).toEqual([2]);
  });

  test.each([
    [{ cpus: [0] }, /cpus must be an integer from 1 to 64, got 0/],
    [{ cpus: [65] }, /cpus must be an integer from 1 to 64/],
    [{ cpus: [] }, /cpus needs at least one value/],
    [{ detectors: ['fast'] }, /'fast' is not one of k42, event, oracle/],
    [{ pollsTicks: [0] }, /pollsTicks must be an integer from 1/],
    [{ seeds: 0 }, /seeds must be an integer from 1/],
    [{ sleepFraction: 2 }, /sleepFraction must be from 0 to 1/],
    [{ lifetimes: [] }, /lifetimes needs at least one value/],
    [{ lifetimes: [{ kind: 'weibull' }] }, /unknown kind/],
    [{ gapsPerCpuTicks: [1.5] }, /gapsPerCpuTicks must be an integer/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveQuiescenceSweep(options as never)).toThrow(message);
  });
});
