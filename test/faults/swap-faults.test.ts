import { describe, expect, test } from 'vitest';
import { createSimulation, sleep, type Swap } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import { installFaults, type FaultSiteName } from '../../src/faults/index.ts';
import { Counter, CounterV2 } from '../checkers/swap-workload.ts';

/** A long call keeps the swap in forward; late threads keep calling, so calls are held in block. */
function run(seed: number, site: FaultSiteName, windowTicks = 30) {
  const sim = createSimulation({ seed, cpus: 2, detector: 'event' });
  const checks = attachCheckers(sim);
  const plan = installFaults(sim, {
    sites: [],
    force: [site],
    fireChance: { [site]: 1 },
    windowTicks,
  });
  const c = sim.objects.createNamed('counter', Counter);
  const failed: string[] = [];
  sim.select('thread.failed').subscribe((e) => failed.push(e.error));
  sim.spawn('long', function* () {
    yield* c.slowInc(25);
  });
  for (let t = 0; t < 5; t++) {
    sim.at(
      6 + t,
      () =>
        void sim.spawn(`late${t}`, function* () {
          for (let i = 0; i < 10; i++) {
            yield* c.slowInc(2 + (i % 3));
            yield* sleep(t % 2);
          }
        }),
    );
  }
  const out = { swap: null as Swap | null };
  sim.at(5, () => void (out.swap = sim.hotswap(c, CounterV2, { transferTicks: 6 })));
  const result = sim.run();
  return { sim, c, result, report: checks.report(), plan, swap: out.swap!, failed };
}

describe('faults around a running swap', () => {
  test('swap-cancel: rolled back in forward or block (held calls go to the old object), too late in transfer, over 30 seeds', () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const { result, report, swap, plan, c } = run(seed, 'swap-cancel');
      expect(result.outcome).toBe('passed');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      const note = plan.log[0].detail;
      outcomes.add(note.replace(/swap \d+ /, ''));
      if (note.endsWith('rolled back')) expect(swap.outcome).toBe('aborted');
      else expect(swap.outcome).toBe('completed');
      expect(c.get()).toBe(1 + 5 * 10);
    }
    expect(outcomes).toEqual(
      new Set([
        'cancelled in forward: rolled back',
        'cancelled in block: rolled back',
        'cancelled in transfer: too late, it goes on',
      ]),
    );
  });

  test('swap-during-swap: the second request is refused with a reason, over 20 seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { report, swap, plan } = run(seed, 'swap-during-swap');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(swap.outcome).toBe('completed');
      expect(plan.log[0].detail).toMatch(
        /^second request \(swap 2\) during swap 1 \((forward|block|transfer)\): refused: object 'counter' \(Counter, id \d+\) is already being swapped by swap 1/,
      );
    }
  });

  test('destroy-during-swap: the destroy waits for the swap; held calls are released, then fail once each, over 20 seeds', () => {
    let stale = 0;
    let whileHeld = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { result, report, swap, plan, sim, c, failed } = run(seed, 'destroy-during-swap');
      expect(result.outcome).toBe('passed');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(plan.log[0].detail).toMatch(
        /^counter destroyed during swap 1 \((forward|block|transfer), \d+ call\(s\) held so far\)$/,
      );
      if (!plan.log[0].detail.endsWith(' 0 call(s) held so far)')) whileHeld++;
      expect(swap.outcome).toBe('completed');
      expect(sim.objects.info(c).state).toBe('destroyed');
      expect(failed.every((e) => e.startsWith('StaleRefError'))).toBe(true);
      stale += failed.length;
    }
    expect(stale).toBeGreaterThan(20);
    expect(whileHeld).toBeGreaterThan(2);
  });
});
