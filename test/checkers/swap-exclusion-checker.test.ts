import { describe, expect, test } from 'vitest';
import { createSimulation, type Swap } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import { completed, feed, stream } from './event-stream.ts';
import { CounterV2, counterWorkload } from './swap-workload.ts';

const only = { only: ['swaps'] as const };
const req = (swap: number, objects = [2]) =>
  ({ type: 'swap.requested', swap, objects, from: ['A'], to: ['B'] }) as const;
const phase = (
  swap: number,
  to: 'forward' | 'block' | 'complete' | 'done',
  previous: string,
  objects = [2],
) => ({ type: 'swap.phase-changed', swap, objects, phase: to, previous }) as never;

describe('SwapExclusionChecker', () => {
  test('passes: a second request during a swap is refused with a reason (real run)', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const checks = attachCheckers(sim, only);
    const { counter } = counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 5 });
    let second: Swap | null = null;
    sim.at(6, () => void (second = sim.hotswap(counter, CounterV2)));
    sim.run();
    expect(second!.outcome).toBe('refused');
    expect(checks.report().ok).toBe(true);
  });

  test('catches two swaps active on one object', () => {
    const r = feed(
      stream(
        [1, req(1)],
        [1, phase(1, 'forward', 'negotiate')],
        [2, req(2)],
        [2, phase(2, 'forward', 'negotiate')],
      ),
      only,
    );
    expect(r.violations[0].message).toContain(
      'swap 2 started on object 2 while swap 1 is still active on it (phase forward): one swap per object at a time',
    );
  });

  test('a swap that completed frees its objects', () => {
    const r = feed(
      stream(
        [1, req(1)],
        [1, phase(1, 'forward', 'negotiate')],
        [2, phase(1, 'complete', 'forward')],
        [2, completed(1)],
        [3, req(2)],
        [3, phase(2, 'forward', 'negotiate')],
      ),
      only,
    );
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual([
      'swaps: swap 2 on object(s) 2 still pending at the end (phase forward)',
    ]);
  });

  test('catches a refusal without a reason, a phase move from the wrong phase, a swap ended twice', () => {
    expect(
      feed(
        stream([1, req(1)], [1, { type: 'swap.refused', swap: 1, objects: [2], reason: ' ' }]),
        only,
      ).violations[0].message,
    ).toContain('refused without a reason');
    expect(
      feed(stream([1, req(1)], [1, phase(1, 'block', 'forward')]), only).violations[0].message,
    ).toContain('moved forward -> block, but it was in negotiate');
    expect(
      feed(stream([1, req(1)], [2, completed(1)], [3, completed(1)]), only).violations[0].message,
    ).toContain('swap 1 completed at tick 3, but it had already completed at tick 2');
  });

  test('catches a sabotaged lock that lets a second swap start (real run)', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const checks = attachCheckers(sim, only);
    const { counter } = counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 5 });
    sim.at(6, () => {
      sim.objects.entry(counter).extension().swap = null;
      sim.hotswap(counter, CounterV2);
    });
    sim.run();
    expect(checks.report().violations[0].message).toMatch(
      /swap 2 started on object \d+ while swap 1 is still active on it/,
    );
  });
});
