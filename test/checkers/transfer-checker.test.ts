import { describe, expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import {
  aborted,
  completed,
  entered,
  feed,
  reached,
  retargeted,
  stream,
  transferred,
} from './event-stream.ts';
import { Counter, CounterV2, SplitCounter, counterWorkload, sum } from './swap-workload.ts';

const only = { only: ['transfer'] as const };

describe('TransferChecker: passes', () => {
  test('a counter keeps its count across a swap, over 20 seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sim = createSimulation({ seed, cpus: 2 });
      const checks = attachCheckers(sim, only);
      counterWorkload(sim, { threads: 4, rounds: 4, swapAt: 5 + seed, late: 2 });
      sim.run();
      const r = checks.report();
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.notes).toEqual([]);
    }
  });

  test('parts that add up compare with a supplied combine (clustered -> single)', () => {
    const sim = createSimulation({ seed: 3, cpus: 3 });
    const checks = attachCheckers(sim, {
      ...only,
      transfer: { formats: { count: { combine: sum } } },
    });
    const c = sim.objects.create(SplitCounter);
    for (let cpu = 0; cpu < 3; cpu++)
      sim.spawn(
        `t${cpu}`,
        function* () {
          for (let i = 0; i <= cpu; i++) yield* c.slowInc(2);
        },
        { cpu },
      );
    sim.at(30, () => void sim.hotswap(c, Counter));
    sim.run();
    expect(checks.report().ok).toBe(true);
    expect(sim.objects.call(c, 'get')).toBe(6);
  });

  test('without a combine, a part count that changes is noted as unchecked', () => {
    const r = feed(stream([1, transferred(1, 2, [1, 2], [3], 'count')]), only);
    expect(r.ok).toBe(true);
    expect(r.notes[0]).toContain(
      "2 part(s) exported, 1 re-exported in format 'count'; give the checker a combine",
    );
  });
});

describe('TransferChecker: catches', () => {
  test('state not preserved (default deep equality, part by part)', () => {
    const r = feed(stream([1, transferred(1, 2, [{ a: [1, 2] }], [{ a: [1] }])]), only);
    expect(r.violations[0].message).toContain(
      'state not preserved: part 0 exported {"a":[1,2]}, the new object holds {"a":[1]}',
    );
  });

  test('state not preserved under a supplied map or combine', () => {
    const map = { f: { map: (xs: readonly unknown[]) => xs.map((x) => (x as number) * 2) } };
    expect(
      feed(stream([1, transferred(1, 2, [3], [6])]), { ...only, transfer: { formats: map } }).ok,
    ).toBe(true);
    expect(
      feed(stream([1, transferred(1, 2, [3], [7])]), { ...only, transfer: { formats: map } })
        .violations[0].message,
    ).toContain('expected [6] after import, the new object holds [7]');
    const combine = { f: { combine: sum } };
    expect(
      feed(stream([1, transferred(1, 2, [1, 2], [4])]), { ...only, transfer: { formats: combine } })
        .violations[0].message,
    ).toContain('exported parts combine to 3, imported parts to 4');
  });

  test('a rep left out of the transfer', () => {
    const r = feed(
      stream(
        [0, { type: 'object.created', object: 2, name: 'c', class: 'C', clustered: true }],
        [1, { type: 'object.rep-created', object: 2, cpu: 0 }],
        [2, { type: 'object.rep-created', object: 2, cpu: 1 }],
        [3, transferred(1, 2, [5], [5])],
      ),
      only,
    );
    expect(r.violations[0].message).toContain(
      "has 2 rep(s) but 1 exported state in format 'f': the state of the others is lost",
    );
  });

  test('a call that reaches the old object after the export, in a swap that completes', () => {
    const late = stream(
      [1, transferred(1, 2, [1], [1])],
      [1, entered(9, 4, 2, 'inc')],
      [1, reached(9, 2, 1)],
      [1, retargeted(2, 2)],
      [2, completed(1)],
    );
    const r = feed(late, only);
    expect(r.violations[0].message).toContain(
      'call 9 (inc) reached the old V1 v1 of object 2 at tick 1, after its state was exported at tick 1 (swap 1)',
    );
    expect(r.violations[0].seq).toBe(4);
    expect(feed(late, { ...only, transfer: { readOnlyMethods: ['inc'] } }).ok).toBe(true);
    const rolledBack = stream(
      [1, transferred(1, 2, [1], [1])],
      [1, entered(9, 4, 2, 'inc')],
      [1, reached(9, 2, 1)],
      [2, aborted(1)],
    );
    expect(feed(rolledBack, only).ok).toBe(true);
  });

  test('a new class whose import loses state (real run)', () => {
    class Lossy extends CounterV2 {
      override importState(_format: string, state: unknown): void {
        this.n = Math.floor((state as number) / 2);
      }
    }
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const checks = attachCheckers(sim, only);
    counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 8, New: Lossy });
    sim.run();
    expect(checks.report().violations[0].message).toMatch(
      /swap 1 object \d+, format 'count': state not preserved: part 0 exported (\d+), the new object holds \d+/,
    );
  });
});
