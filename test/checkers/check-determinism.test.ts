import { expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';
import { checkDeterminism, compareRuns } from '../../src/checkers/index.ts';
import { counterWorkload } from './swap-workload.ts';

function run(seed: number, swapAt = 7) {
  const sim = createSimulation({ seed, cpus: 3 });
  counterWorkload(sim, { threads: 5, rounds: 4, swapAt, late: 2 });
  sim.workload({ threads: 6, meanGapTicks: 3, lifetime: { kind: 'exponential', mean: 10 } });
  return sim.run();
}

test('the same seed gives the same event log, over 10 seeds', () => {
  for (let seed = 1; seed <= 10; seed++) {
    const v = checkDeterminism(run, seed);
    expect(v.ok, v.message).toBe(true);
    expect(v.first.eventsHash).toBe(v.second.eventsHash);
  }
});

test('catches a run that depends on something besides its seed', () => {
  let calls = 0;
  const v = checkDeterminism((seed) => run(seed, 7 + calls++), 1);
  expect(v.ok).toBe(false);
  expect(v.message).toMatch(
    /^not deterministic: the same seed gave eventsHash [0-9a-f]{16} then [0-9a-f]{16}/,
  );
});

test('compareRuns says when hashing is off', () => {
  const off = { outcome: 'passed', ticks: 1, events: 1, eventsHash: 'off' };
  expect(compareRuns(off, off)).toContain('hashEvents: false');
});
