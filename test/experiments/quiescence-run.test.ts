import { describe, expect, test } from 'vitest';
import { runQuiescenceRun, type QuiescenceRunSpec } from '../../src/experiments/index.ts';
import type { DetectorName } from '../../src/quiescence/index.ts';

const spec = (
  detector: DetectorName,
  seed = 1,
  over: Partial<QuiescenceRunSpec> = {},
): QuiescenceRunSpec => ({
  point: 0,
  seed,
  cpus: 3,
  detector,
  pollTicks: detector === 'k42' ? 5 : null,
  gapPerCpuTicks: 18,
  lifetime: { kind: 'bimodal', short: 5, long: 200, longChance: 0.05 },
  threadsPerCpu: 40,
  requests: 15,
  sleepFraction: 0.2,
  quantumTicks: 10,
  ticksMax: 1_000_000,
  ...over,
});

describe('runQuiescenceRun', () => {
  test('runs the workload, issues every request and records latency and lag per reached request', () => {
    const { record, wallMs } = runQuiescenceRun(spec('k42'));
    expect(record).toMatchObject({
      point: 0,
      seed: 1,
      outcome: 'passed',
      reason: null,
      threadsCompleted: 120,
      requests: 15,
      reached: 15,
    });
    expect(record.latenciesTicks).toHaveLength(15);
    expect(record.lagsTicks).toHaveLength(15);
    record.latenciesTicks.forEach((latency, i) => {
      expect(record.lagsTicks[i]).toBeGreaterThanOrEqual(0);
      expect(record.lagsTicks[i]).toBeLessThanOrEqual(latency);
    });
    expect(wallMs).toBeGreaterThan(0);
  });

  test('is a pure function of its spec (wall time aside)', () => {
    for (const d of ['k42', 'event', 'oracle'] as const) {
      expect(runQuiescenceRun(spec(d, 4)).record).toEqual(runQuiescenceRun(spec(d, 4)).record);
    }
    expect(runQuiescenceRun(spec('event', 4)).record).not.toEqual(
      runQuiescenceRun(spec('event', 5)).record,
    );
  });

  test('every detector faces the same workload: event equals oracle, k42 is later by exactly its lag', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const oracle = runQuiescenceRun(spec('oracle', seed)).record;
      const event = runQuiescenceRun(spec('event', seed)).record;
      const k42 = runQuiescenceRun(spec('k42', seed)).record;
      expect(event.latenciesTicks).toEqual(oracle.latenciesTicks);
      expect(event.lagsTicks.every((l) => l === 0)).toBe(true);
      expect(k42.latenciesTicks.map((l, i) => l - k42.lagsTicks[i])).toEqual(oracle.latenciesTicks);
    }
  });

  test('one arrival stream per CPU: the same load per CPU at any CPU count', () => {
    const light = {
      lifetime: { kind: 'fixed', ticks: 4 },
      threadsPerCpu: 400,
      gapPerCpuTicks: 20,
    } as const;
    const one = runQuiescenceRun(spec('event', 2, { ...light, cpus: 1 })).record;
    const many = runQuiescenceRun(spec('event', 2, { ...light, cpus: 32 })).record;
    expect([one.threadsCompleted, many.threadsCompleted]).toEqual([400, 32 * 400]);
    // Both last about threadsPerCpu x gap ticks: 32 streams arrive 32 times as fast, not faster.
    expect(many.ticks / one.ticks).toBeGreaterThan(0.8);
    expect(many.ticks / one.ticks).toBeLessThan(1.25);
  });

  test('a run that hits ticksMax reports its outcome and only the requests reached', () => {
    const { record } = runQuiescenceRun(
      spec('event', 1, { ticksMax: 60, lifetime: { kind: 'fixed', ticks: 500 } }),
    );
    expect(record.outcome).toBe('liveness');
    expect(record.reason).toMatch(/ticksMax 60 reached/);
    expect(record.reached).toBeLessThan(record.requests);
    expect(record.latenciesTicks).toHaveLength(record.reached);
  });
});
