import { describe, expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';
import {
  CHECKER_NAMES,
  attachCheckers,
  createCheckers,
  formatViolation,
  type Checker,
} from '../../src/checkers/index.ts';
import { entered, exited, feed, stream } from './event-stream.ts';
import { counterWorkload } from './swap-workload.ts';

const doubleExit = stream(
  [1, entered(1, 1)],
  [2, exited(1, 1)],
  [3, { type: 'kernel.action', label: 'a' }],
  [3, exited(1, 1)],
  [4, { type: 'kernel.action', label: 'b' }],
  [5, { type: 'kernel.action', label: 'c' }],
  [6, exited(1, 1)],
);

describe('CheckerSet', () => {
  test('all checkers by default; a violation carries the seed, tick, seq and a window around it', () => {
    const r = feed(doubleExit, { windowBefore: 2, windowAfter: 2 });
    expect(r.checkers).toEqual([...CHECKER_NAMES]);
    const v = r.violations[0];
    expect(v).toMatchObject({ checker: 'calls', seed: 7, tick: 3, seq: 3 });
    expect(v.window.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(formatViolation(v)).toBe(
      [
        '[calls] tick 3, seed 7: call 1 (m, thread 1) exited twice: duplicated',
        '    t3 #2 kernel.action label=a',
        '  > t3 #3 call.exited call=1 object=2 method=m thread=1 cpu=0 error=null',
        '    t4 #4 kernel.action label=b',
        '    t5 #5 kernel.action label=c',
      ].join('\n'),
    );
  });

  test('keeps the first violation of each checker and counts the rest', () => {
    const r = feed(doubleExit);
    expect(r.violations).toHaveLength(1);
    expect(r.counts).toEqual({ calls: 2 });
    expect(r.ok).toBe(false);
  });

  test('runs extra checkers, and only the ones named', () => {
    const seen: string[] = [];
    const spy: Checker = {
      name: 'spy',
      types: ['kernel.action'],
      observe: (e, report) => (seen.push(e.type), report('saw one')),
      end: () => {},
      notes: () => ['spy note'],
    };
    const r = feed(doubleExit, { only: ['versions'], extra: [spy] });
    expect(r.checkers).toEqual(['versions', 'spy']);
    expect(seen).toHaveLength(3);
    expect(r.violations.map((v) => v.checker)).toEqual(['spy']);
    expect(r.notes).toEqual(['spy: spy note']);
  });

  test('a checker that throws is reported as its violation, and the others go on', () => {
    const broken: Checker = {
      name: 'broken',
      types: ['call.exited'],
      observe: () => {
        throw new TypeError('mapping blew up');
      },
      end: () => {},
      notes: () => [],
    };
    const r = feed(doubleExit, { extra: [broken] });
    expect(r.violations.map((v) => [v.checker, v.message])).toEqual([
      ['broken', 'the checker threw on this event: TypeError: mapping blew up'],
      ['calls', 'call 1 (m, thread 1) exited twice: duplicated'],
    ]);
  });

  test('rejects an unknown checker name, saying which exist', () => {
    expect(() => createCheckers({ only: ['nope' as never] })).toThrow(
      /unknown checker 'nope'; the checkers are calls, versions/,
    );
  });

  test('attachCheckers takes the seed from the simulation and sees a whole real run', () => {
    const sim = createSimulation({ seed: 42, cpus: 2 });
    const checks = attachCheckers(sim);
    counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 5 });
    sim.run();
    const r = checks.report();
    expect(r).toMatchObject({ seed: 42, ok: true });
    expect(r.events).toBeGreaterThan(100);
    expect(() => checks.attach(sim)).toThrow(/already attached/);
  });

  test('failFast stops the run at the first violation with outcome correctness', () => {
    const sim = createSimulation({ seed: 3, cpus: 2 });
    const checks = attachCheckers(sim, {
      failFast: true,
      extra: [
        {
          name: 'no-swaps',
          types: ['swap.requested'],
          observe: (_e, report) => report('a swap was requested'),
          end: () => {},
          notes: () => [],
        },
      ],
    });
    counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 5 });
    const result = sim.run();
    expect(result.outcome).toBe('correctness');
    expect(result.reason).toContain('[no-swaps] tick 5, seed 3: a swap was requested');
    expect(result.ticks).toBe(5);
    expect(checks.report().violations).toHaveLength(1);
  });
});
