import { describe, expect, test } from 'vitest';
import { RingStore, ringNullUpgrade, runRing, scheduleNamed } from '../../src/cluster/index.ts';

describe('runRing: the null upgrade of a ring under load', () => {
  test('hand-checked: 8 nodes, seed 1, rolling: every node upgraded, 0 disallowed, every read checked', () => {
    const r = runRing({ nodes: 8, seed: 1, schedule: 'rolling' });
    expect(r.result.outcome, r.result.reason).toBe('passed');
    expect(r.ok).toBe(true);
    expect(r.cluster.pending).toBe(0);
    expect(r.cluster.ledger.disallowedCalls).toBe(0);
    expect(r.puts + r.gets).toBe(8 * 40);
    expect(r.readChecks).toBe(r.gets); // no loss: every get answered and checked
    expect(r.staleReads).toEqual([]);
    // the upgrade ran while the load ran: some calls crossed versions
    const marks = r.cluster.timeline.marks.filter((m) => m.what === 'upgraded');
    expect(marks).toHaveLength(8);
    expect(Math.max(...marks.map((m) => m.tick))).toBeLessThan(r.result.ticks / 2);
  });

  test('the same seed gives the same run', () => {
    const a = runRing({ nodes: 6, seed: 9, loss: 0.05, failures: 1 });
    const b = runRing({ nodes: 6, seed: 9, loss: 0.05, failures: 1 });
    expect([b.result.ticks, b.puts, b.gets, b.readChecks]).toEqual([
      a.result.ticks,
      a.puts,
      a.gets,
      a.readChecks,
    ]);
    expect(b.cluster.timeline.marks).toEqual(a.cluster.timeline.marks);
  });

  test('the read check catches an upgrade whose state transfer loses writes', () => {
    class Forgetful extends RingStore {
      override importState(): void {
        this.table = new Map();
      }
    }
    // the invariant (new view vs its own retro) cannot see it; the clients' reads do
    const base = {
      nodes: 4,
      seed: 1,
      schedule: 'rolling',
      opsPerClient: 60,
      upgradeAtTick: 300,
    } as const;
    expect(runRing(base).ok).toBe(true);
    const bad = runRing({ ...base, upgrade: { ...ringNullUpgrade, newClass: Forgetful } });
    expect(bad.result.violations).toEqual([]);
    expect(bad.staleReads.length).toBeGreaterThan(0);
    expect(bad.ok).toBe(false);
  });

  test('unknown schedules and bad options are refused clearly', () => {
    expect(() => scheduleNamed('sometimes', 4)).toThrow(
      /unknown schedule 'sometimes': use one of rolling, by-group, at-time, when-idle/,
    );
    expect(() => runRing({ nodes: 4, seed: 1, opsPerClient: -1 })).toThrow(
      /opsPerClient must be an integer >= 0, got -1/,
    );
    expect(() => runRing({ nodes: 2, seed: 1, failures: 3 })).toThrow(
      /failures \(3\) must be at most nodes \(2\)/,
    );
  });
});

const SEEDS = Number(process.env.CLUSTER_SEEDS ?? 6);

describe(`ring under loss, a partition and 2 node failures: ${SEEDS} seeds per schedule`, () => {
  for (const schedule of ['rolling', 'by-group', 'when-idle'] as const) {
    test(`${schedule}: zero checker violations, no stale read, every node upgraded, 0 disallowed`, () => {
      for (let s = 1; s <= SEEDS; s++) {
        const r = runRing({
          nodes: 8,
          seed: s,
          schedule,
          loss: 0.05,
          failures: 2,
          partition: true,
        });
        expect(r.result.violations, `seed ${s}`).toEqual([]);
        expect(r.staleReads, `seed ${s}`).toEqual([]);
        expect(r.errors, `seed ${s}`).toEqual([]);
        expect(r.ok, `seed ${s}: ${r.result.reason}`).toBe(true);
        expect(r.cluster.ledger.disallowedCalls).toBe(0);
        expect(r.readChecks, `seed ${s}`).toBeGreaterThan(50);
      }
    });
  }
});
