import { describe, expect, test } from 'vitest';
import {
  resolveQuiescenceSweep,
  summarizePoint,
  sweepPoints,
  type QuiescenceRunRecord,
} from '../../src/experiments/index.ts';

const point = sweepPoints(
  resolveQuiescenceSweep({
    detectors: ['k42'],
    pollsTicks: [7],
    lifetimes: ['exp:12'],
    cpus: [2],
    gapsPerCpuTicks: [3],
  }),
)[0];

function record(seed: number, over: Partial<QuiescenceRunRecord>): QuiescenceRunRecord {
  return {
    point: 0,
    seed,
    outcome: 'passed',
    reason: null,
    ticks: 1000,
    threadsCompleted: 100,
    requests: 3,
    reached: 3,
    latenciesTicks: [],
    lagsTicks: [],
    ...over,
  };
}

describe('summarizePoint', () => {
  test("pools every seed's requests for latency and lag, and sums throughput", () => {
    const s = summarizePoint(point, [
      record(1, { latenciesTicks: [10, 30, 20], lagsTicks: [1, 3, 2] }),
      record(2, {
        latenciesTicks: [40, 5],
        lagsTicks: [0, 9],
        reached: 2,
        ticks: 3000,
        threadsCompleted: 50,
        outcome: 'liveness',
      }),
    ]);
    expect(s).toEqual({
      point: 0,
      series: 'k42/poll=7',
      detector: 'k42',
      pollTicks: 7,
      cpus: 2,
      gapPerCpuTicks: 3,
      lifetime: 'exp:12',
      lifetimeMeanTicks: 12,
      runs: 2,
      runsFailed: 1,
      requests: 6,
      unreached: 1,
      latencyMedianTicks: 20,
      latencyP99Ticks: 40,
      latencyMaxTicks: 40,
      lagMedianTicks: 2,
      lagP99Ticks: 9,
      lagMaxTicks: 9,
      threadsCompleted: 150,
      simulatedTicks: 4000,
      throughputThreadsPerKtick: 37.5,
    });
  });

  test('no reached request gives null statistics', () => {
    const s = summarizePoint(point, [record(1, { reached: 0 })]);
    expect([s.latencyMedianTicks, s.lagMaxTicks, s.unreached]).toEqual([null, null, 3]);
  });
});
