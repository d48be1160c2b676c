import { expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import { NEVER_EXITING_THREAD, installFaults } from '../../src/faults/index.ts';
import { counterWorkload } from '../checkers/swap-workload.ts';

test('a thread that never exits stalls a swap until its timeout: aborted with the thread named as blocker', () => {
  for (let seed = 1; seed <= 10; seed++) {
    const sim = createSimulation({ seed, cpus: 2, ticksMax: 20_000 });
    const checks = attachCheckers(sim);
    const plan = installFaults(sim, {
      sites: [],
      force: ['thread-never-exits'],
      windowTicks: 0,
      loopTicks: 3000,
    });
    const stalls: string[] = [];
    sim
      .select('swap.stalled')
      .subscribe((e) => stalls.push(e.blockers.map((b) => b.name).join(',')));
    const w = counterWorkload(sim, {
      threads: 3,
      rounds: 3,
      swapAt: 5,
      options: { timeoutTicks: 1500, stallTicks: 500 },
    });
    const result = sim.run();
    expect(result.outcome).toBe('passed');
    expect(checks.report().violations).toEqual([]);
    expect(plan.log[0].detail).toMatch(
      new RegExp(`'${NEVER_EXITING_THREAD}' loops on compute until tick 3000`),
    );
    expect(stalls[0]).toContain(NEVER_EXITING_THREAD);
    expect(w.swap.handle!.outcome).toBe('aborted');
    expect(w.swap.handle!.reason).toMatch(
      /^timeout: not complete 1500 ticks after the request \(in forward\); blocked by thread \d+ 'fault-never-exits'/,
    );
    expect(result.ticks).toBeGreaterThanOrEqual(3000);
  }
});

test('without a timeout the swap completes once the thread is gone', () => {
  const sim = createSimulation({ seed: 1, cpus: 2 });
  installFaults(sim, { sites: [], force: ['thread-never-exits'], windowTicks: 0, loopTicks: 800 });
  const w = counterWorkload(sim, { threads: 2, rounds: 2, swapAt: 5 });
  sim.run();
  expect(w.swap.handle!.outcome).toBe('completed');
  expect(w.swap.handle!.phaseTicks.forward).toBeGreaterThanOrEqual(790);
});
