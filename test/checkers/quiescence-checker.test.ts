import { describe, expect, test } from 'vitest';
import { compute, createSimulation, deactivateSelf, quiescentPoint, sleep } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import {
  dispatched,
  entered,
  exited,
  feed,
  qReached,
  requested,
  stream,
  threadExited,
} from './event-stream.ts';
import { Counter, counterWorkload } from './swap-workload.ts';

const only = { only: ['quiescence'] as const };
const detectors = ['k42', 'event', 'oracle'] as const;

describe('QuiescenceChecker: passes', () => {
  test('every detector is sound on swaps with daemons and quiescent points, over 45 seeds', () => {
    for (let seed = 1; seed <= 45; seed++) {
      const sim = createSimulation({ seed, cpus: 1 + (seed % 4), detector: detectors[seed % 3] });
      const checks = attachCheckers(sim, only);
      const { counter } = counterWorkload(sim, {
        threads: 4,
        rounds: 4,
        swapAt: 4 + (seed % 9),
        late: 3,
      });
      const c = counter as unknown as Counter;
      sim.spawn('daemon', function* () {
        yield* deactivateSelf();
        for (let i = 0; i < 12; i++) {
          yield* c.slowInc(2);
          yield* sleep(3);
        }
      });
      sim.spawn('qsbr', function* () {
        for (let i = 0; i < 12; i++) {
          yield* compute(3);
          yield* quiescentPoint();
        }
      });
      sim.at(40, () => void sim.quiescence.request(() => {}, { cpus: [0], label: 'cpu 0 only' }));
      expect(sim.run().outcome).toBe('passed');
      const r = checks.report();
      expect(r.violations, `seed ${seed}`).toEqual([]);
    }
  });

  test('an exit reported after the reach, in the same kernel operation, is not a violation', () => {
    const r = feed(
      stream(
        [0, dispatched(1)],
        [1, requested(1, [0], 1)],
        [9, qReached(1)],
        [9, threadExited(1)],
        [10, dispatched(2)],
      ),
      only,
    );
    expect(r.ok).toBe(true);
  });
});

describe('QuiescenceChecker: catches', () => {
  test('a request reached while a thread alive at the request still runs', () => {
    const r = feed(
      stream(
        [0, dispatched(1, 1)],
        [1, requested(1, [0, 1], 1)],
        [5, qReached(1)],
        [6, threadExited(1, 1)],
      ),
      only,
    );
    expect(r.violations[0]).toMatchObject({ checker: 'quiescence', tick: 5, seq: 2 });
    expect(r.violations[0].message).toContain(
      "request 1 ('r1', requested at tick 1) reached while thread 1 (cpu 1, active since tick 0), alive at the request, still runs",
    );
  });

  test('only threads counted on the covered CPUs matter', () => {
    expect(
      feed(stream([0, dispatched(1, 1)], [1, requested(1, [0], 0)], [5, qReached(1)]), only).ok,
    ).toBe(true);
  });

  test('a self-deactivated thread counts while inside a call, not outside', () => {
    const inside = stream(
      [0, dispatched(1)],
      [1, { type: 'thread.deactivated', thread: 1, cpu: 0 }],
      [2, entered(5, 1)],
      [3, requested(1, [0], 1)],
      [4, qReached(1)],
      [5, exited(5, 1)],
    );
    expect(feed(inside, only).violations[0].message).toContain('thread 1');
    const outside = stream(
      [0, dispatched(1)],
      [1, { type: 'thread.deactivated', thread: 1, cpu: 0 }],
      [3, requested(1, [0], 0)],
      [4, qReached(1)],
    );
    expect(feed(outside, only).ok).toBe(true);
  });

  test('an alive count that disagrees with the event stream', () => {
    const r = feed(stream([0, dispatched(1)], [0, dispatched(2)], [1, requested(1, [0], 1)]), only);
    expect(r.violations[0].message).toContain(
      'says 1 thread(s) alive on cpus [0], the event stream shows 2 (thread 1, thread 2)',
    );
    expect(
      feed(stream([0, dispatched(1)], [0, dispatched(2)], [1, requested(1, [0], 1)]), {
        ...only,
        quiescence: { checkAliveCount: false },
      }).ok,
    ).toBe(true);
  });

  test('a request reached twice, or after it was cancelled', () => {
    expect(
      feed(stream([1, requested(1, [0], 0)], [2, qReached(1)], [3, qReached(1)]), only)
        .violations[0].message,
    ).toContain('it was reached at tick 2');
    expect(
      feed(
        stream(
          [1, requested(1, [0], 0)],
          [2, { type: 'quiescence.cancelled', request: 1 }],
          [3, qReached(1)],
        ),
        only,
      ).violations[0].message,
    ).toContain('cancelled at tick 2');
  });

  test('a sabotaged K42 detector that reports quiescence at its first poll (real run)', () => {
    const sim = createSimulation({ seed: 5, cpus: 2, detector: 'k42' });
    const checks = attachCheckers(sim, only);
    // its poll reaches every pending request at once; soundToReach() is the detector's own guard, which would panic
    const detector = sim.quiescence as unknown as {
      pending: readonly unknown[];
      poll: () => void;
      reach: (r: unknown) => void;
      soundToReach: () => boolean;
    };
    detector.poll = function (this: typeof detector) {
      for (const r of this.pending) this.reach(r);
    };
    detector.soundToReach = () => true;
    counterWorkload(sim, { threads: 4, rounds: 4, swapAt: 6 });
    sim.run();
    const v = checks.report().violations[0];
    expect(v.message).toMatch(
      /request 1 \('swap 1 forward', requested at tick 6\) reached while thread \d+ .*still run/,
    );
    expect(v.tick).toBe(6);
  });
});
