import { describe, expect, test } from 'vitest';
import { resolveQuiescenceSweep, sweepPoints, sweepRuns } from '../../src/experiments/index.ts';

describe('sweep grid', () => {
  const sweep = resolveQuiescenceSweep({
    gapsPerCpuTicks: [2, 8],
    lifetimes: ['exp:5', 'bimodal:5:200:0.1'],
    cpus: [1, 4],
    detectors: ['k42', 'event', 'oracle'],
    pollsTicks: [1, 10],
    seeds: 3,
    seedFirst: 7,
  });

  test('points: the product of the axes, with poll intervals for k42 only', () => {
    const points = sweepPoints(sweep);
    expect(points).toHaveLength(2 * 2 * 2 * (2 + 1 + 1));
    expect(points.map((p) => p.point)).toEqual(points.map((_, i) => i));
    expect(points.slice(0, 4).map((p) => p.series)).toEqual([
      'k42/poll=1',
      'k42/poll=10',
      'event',
      'oracle',
    ]);
    expect(points.filter((p) => p.detector !== 'k42').every((p) => p.pollTicks === null)).toBe(
      true,
    );
    expect(points[4]).toMatchObject({
      cpus: 4,
      gapPerCpuTicks: 2,
      lifetimeText: 'exp:5',
      lifetimeMeanTicks: 5,
    });
    expect(points.at(-1)).toMatchObject({
      cpus: 4,
      gapPerCpuTicks: 8,
      lifetimeText: 'bimodal:5:200:0.1',
      detector: 'oracle',
    });
  });

  test('runs: one per (point, seed), point-major, carrying the fixed parameters', () => {
    const points = sweepPoints(sweep);
    const runs = sweepRuns(sweep, points);
    expect(runs).toHaveLength(points.length * 3);
    expect(runs.slice(0, 4).map((r) => [r.point, r.seed])).toEqual([
      [0, 7],
      [0, 8],
      [0, 9],
      [1, 7],
    ]);
    expect(runs[0]).toMatchObject({
      cpus: 1,
      threadsPerCpu: sweep.threadsPerCpu,
      gapPerCpuTicks: 2,
      requests: sweep.requests,
      ticksMax: sweep.ticksMax,
      detector: 'k42',
      pollTicks: 1,
    });
  });
});
