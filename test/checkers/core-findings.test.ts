/**
 * Bugs the checkers found in the hot-swap core, minimised to small runs
 * with their seed, kept as regression tests of the behaviour the design
 * promises (docs/CHECKING.md, "Caught bugs"). Before the fix, the first
 * failed the 'transfer' checker with "the old implementation has 2 rep(s)
 * but 1 exported state in format 'count': the state of the others is lost".
 */
import { describe, expect, test } from 'vitest';
import { createSimulation, sleep, type Swap } from 'kernel-sim';
import { attachCheckers, formatViolation } from '../../src/checkers/index.ts';
import { SplitCounter } from './swap-workload.ts';

describe('core findings', () => {
  // Was: SwapMember snapshot a clustered object's reps when the swap was
  // requested; a rep made later (a first call on another CPU, during forward
  // or block) was neither exported nor rebuilt, so its state was lost.
  test('a rep created during a swap keeps its state (seed 1)', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const checks = attachCheckers(sim);
    const c = sim.objects.create(SplitCounter);
    sim.spawn(
      'a',
      function* () {
        yield* c.slowInc(30);
      },
      { cpu: 0 },
    );
    sim.spawn(
      'b',
      function* () {
        yield* sleep(10);
        c.inc();
      },
      { cpu: 1 },
    );
    let swap: Swap | null = null;
    sim.at(5, () => void (swap = sim.hotswap(c, SplitCounter)));
    sim.run();
    expect(swap!.outcome).toBe('completed');
    const report = checks.report();
    expect(report.violations.map(formatViolation)).toEqual([]);
    expect(sim.objects.call(c, 'get')).toBe(2);
  });

  // Same root cause: with no rep yet when the swap was requested, negotiation
  // was skipped (format null, a "stateless" transfer) and whatever the reps
  // made during the swap counted was dropped. The event stream cannot tell
  // this from a genuinely stateless object, so only the count showed it.
  test('a clustered object first called during a swap keeps its state (seed 1)', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const c = sim.objects.create(SplitCounter);
    sim.spawn(
      'a',
      function* () {
        yield* sleep(10);
        yield* c.slowInc(20);
      },
      { cpu: 0 },
    );
    let swap: Swap | null = null;
    sim.at(5, () => void (swap = sim.hotswap(c, SplitCounter)));
    sim.run();
    expect(swap!.outcome).toBe('completed');
    expect(sim.objects.call(c, 'get')).toBe(1);
  });

  // Was: HotSwapper.swapTogether built SwapMembers before negotiate checked
  // the entry's state; for a clustered object reclaimed after a destroy,
  // `[...entry.reps]` threw TypeError (reps is null) instead of the swap
  // being refused. From kernel context the run crashed. Found by
  // `kernel-sim check scenarios/counter-negotiation.ts --seed-from 177 --seed-to 177 --faults`
  // (fault destroy-during-swap, then the scenario's second swap).
  test('a swap of a destroyed clustered object is refused, not a crash (seed 1)', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const c = sim.objects.create(SplitCounter);
    sim.spawn('a', function* () {
      yield* c.slowInc(2);
    });
    sim.at(10, () => sim.objects.destroy(c));
    let swap: Swap | null = null;
    sim.at(50, () => void (swap = sim.hotswap(c, SplitCounter)));
    const result = sim.run();
    expect(result.outcome, result.reason).toBe('passed');
    expect(swap!.outcome).toBe('refused');
  });
});
