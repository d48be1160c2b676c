import { describe, expect, test } from 'vitest';
import { createSimulation, sleep, type Simulation, type Swap } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import {
  aborted,
  completed,
  entered,
  feed,
  held,
  reached,
  released,
  stream,
} from './event-stream.ts';
import { Counter, CounterV2 } from './swap-workload.ts';

const only = { only: ['held-calls'] as const };

/** Threads keep calling a counter; a swap at tick 5 holds the calls of the threads that start after it. */
function heldWorkload(sim: Simulation, sabotage?: (swap: Swap) => void): { swap: Swap | null } {
  const c = sim.objects.createNamed('counter', Counter);
  sim.spawn('long', function* () {
    yield* c.slowInc(30);
  });
  for (let t = 0; t < 5; t++) {
    sim.at(6 + t, () => {
      sim.spawn(`late${t}`, function* () {
        for (let i = 0; i < 12; i++) {
          yield* c.slowInc(2 + ((t + i) % 3));
          yield* sleep(t % 2);
        }
      });
    });
  }
  const out = { swap: null as Swap | null };
  sim.at(5, () => {
    out.swap = sim.hotswap(c, CounterV2, { transferTicks: 8 });
    sabotage?.(out.swap);
  });
  return out;
}

describe('HeldCallsChecker: passes', () => {
  test('held calls are released in arrival order and reach the new object, over 30 seeds', () => {
    let heldInAll = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const sim = createSimulation({ seed, cpus: 2, detector: seed % 2 ? 'event' : 'oracle' });
      const checks = attachCheckers(sim, only);
      const w = heldWorkload(sim);
      expect(sim.run().outcome).toBe('passed');
      expect(w.swap!.outcome).toBe('completed');
      heldInAll += w.swap!.held;
      expect(checks.report().violations, `seed ${seed}`).toEqual([]);
    }
    expect(heldInAll).toBeGreaterThan(30);
  });
});

describe('HeldCallsChecker: catches', () => {
  test('calls released out of arrival order', () => {
    const r = feed(
      stream(
        [1, held(1, 10)],
        [2, held(1, 11)],
        [3, released(1, 11)],
        [3, released(1, 10)],
        [3, completed(1)],
      ),
      only,
    );
    expect(r.violations[0].message).toContain(
      'swap 1 released call 11 before call 10, which was held earlier: not arrival order',
    );
    expect(r.counts['held-calls']).toBe(1);
  });

  test('a held call never released when the swap ends (completed or aborted)', () => {
    const r = feed(
      stream([1, held(1, 10)], [2, held(1, 11)], [3, released(1, 10)], [3, completed(1)]),
      only,
    );
    expect(r.violations[0].message).toContain(
      'swap 1 completed at tick 3 with 1 held call(s) never released: lost (calls 11)',
    );
    const a = feed(stream([1, held(2, 10)], [3, aborted(2)]), only);
    expect(a.violations[0].message).toContain(
      'swap 2 aborted at tick 3 (cancelled in block) with 1 held call(s) never released',
    );
  });

  test('a held call reaching an implementation before its release', () => {
    const r = feed(stream([1, entered(10, 1)], [1, held(1, 10)], [2, reached(10)]), only);
    expect(r.violations[0].message).toContain('call 10 reached V1 v1 while held by swap 1');
  });

  test('a release of a call the swap does not hold', () => {
    expect(feed(stream([1, released(1, 10)]), only).violations[0].message).toContain(
      'released call 10, which it does not hold',
    );
  });

  test('a call released by a completed swap that reaches the old version', () => {
    const r = feed(
      stream(
        [1, held(1, 10)],
        [2, released(1, 10)],
        [2, completed(1, [2], [2])],
        [3, reached(10, 2, 1)],
      ),
      only,
    );
    expect(r.violations[0].message).toContain(
      'held and released by swap 1 which completed with v2, reached the old V1 v1',
    );
  });

  test('still-held calls at the end are a note, not a violation', () => {
    const r = feed(stream([1, held(1, 10)]), only);
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual(['held-calls: swap 1 still holds 1 call(s) at the end (calls 10)']);
  });

  test('a sabotaged swap that drops one held call (real run)', () => {
    const sim = createSimulation({ seed: 2, cpus: 2, detector: 'event' });
    const checks = attachCheckers(sim, only);
    heldWorkload(sim, (swap) => {
      const s = swap as unknown as { release: () => void; holding: { held: unknown[] } };
      const release = s.release;
      s.release = function (this: typeof s) {
        this.holding.held.pop();
        release.call(this);
      };
    });
    sim.run();
    expect(checks.report().violations[0].message).toMatch(
      /swap 1 completed at tick \d+ with 1 held call\(s\) never released: lost/,
    );
  });

  test('a sabotaged swap that releases held calls in reverse order (real run)', () => {
    const sim = createSimulation({ seed: 2, cpus: 2, detector: 'event' });
    const checks = attachCheckers(sim, only);
    heldWorkload(sim, (swap) => {
      const s = swap as unknown as { release: () => void; holding: { held: unknown[] } };
      const release = s.release;
      s.release = function (this: typeof s) {
        this.holding.held.reverse();
        release.call(this);
      };
    });
    sim.run();
    expect(checks.report().violations[0].message).toMatch(
      /swap 1 released call \d+ before call \d+, which was held earlier: not arrival order/,
    );
  });
});
