import pc from 'picocolors';
import { describe, expect, test } from 'vitest';
import type { ScenarioReport } from 'kernel-sim';
import { renderAccount, renderHeader, renderVerdict } from '../../src/cli/render-report.ts';

const c = pc.createColors(false);
const base: ScenarioReport = {
  scenario: { name: 's', description: 'd', source: 's.ts' },
  seed: 7,
  options: {
    seed: 7,
    cpus: 2,
    quantumTicks: 10,
    ticksMax: 100,
    detector: 'k42',
    pollTicks: 5,
    hashEvents: true,
    callStats: false,
    callDepthMax: 1000,
    threadsMax: 10_000,
    objectsMax: 100_000,
    schedule: 'fifo',

    swapStrategy: 'quiescence',
    swapWait: 'per-cpu',
    swapMediation: 'global',
  },
  outcome: 'liveness',
  reason: 'ticksMax 100 reached',
  ticks: 100,
  eventsHash: '0123456789abcdef',
  events: 10,
  threads: { spawned: 2, exited: 1, failed: 0, alive: 1 },
  failedThreads: [],
  calls: { entered: 3, exited: 2, failed: 0, byObject: { box: 3 } },
  objects: [{ id: 2, name: 'box', class: 'Box', version: 1, state: 'live' }],
  swaps: [
    {
      id: 1,
      objects: ['box'],
      from: ['Box'],
      to: ['Box2'],
      outcome: 'pending',
      reason: null,
      phase: 'forward',
      requestedTick: 5,
      phases: [
        { phase: 'negotiate', startTick: 5, ticks: 0 },
        { phase: 'forward', startTick: 5, ticks: 95 },
      ],
      phaseTicks: { negotiate: 0, forward: 95 },
      forwarded: 1,
      held: 0,
      maxHoldTicks: 0,
    },
  ],
  summary: ['a line'],
  plugins: [{ name: 'counter', report: {}, lines: ['counter: 3 calls'] }],
  reproduce: 'kernel-sim scenario s.ts --seed 7',
};

describe('renderReport', () => {
  test('header: seed first, then options (without the seed again), then the scenario', () => {
    expect(
      renderHeader(
        { seed: 7, seedDrawn: false, options: base.options, scenario: base.scenario },
        c,
      ),
    ).toEqual([
      'seed: 7',
      'options: cpus=2 quantumTicks=10 ticksMax=100 detector=k42 pollTicks=5 hashEvents=true callStats=false callDepthMax=1000 threadsMax=10000 objectsMax=100000 schedule=fifo swapStrategy=quiescence swapWait=per-cpu swapMediation=global',
      'scenario: s (s.ts): d',
    ]);
    expect(
      renderHeader(
        { seed: 7, seedDrawn: true, options: base.options, scenario: base.scenario },
        c,
      )[0],
    ).toBe('seed: 7 (drawn at random; --seed 7 replays this run)');
  });

  test('account: threads still alive, a swap still pending with the phase it ended in, summary and plugin lines', () => {
    expect(renderAccount(base, c)).toEqual([
      '',
      'threads: 2 spawned, 1 exited, 0 failed, 1 still alive',
      'calls: 3 entered, 2 exited, 0 failed (box 3)',
      'objects: box Box v1',
      'events: 10, hash 0123456789abcdef',
      'swaps: 1',
      '  swap 1: box Box -> Box2, requested at tick 5: pending (in forward at the end)',
      '    phases (ticks): negotiate 0, forward 95',
      '    calls: 1 forwarded, 0 held (longest hold 0 ticks)',
      'summary:',
      '  a line',
      'plugin counter:',
      '  counter: 3 calls',
    ]);
  });

  test('account: a long object list shows the first 20 and counts the rest', () => {
    const objects = Array.from({ length: 25 }, (_, i) => ({
      id: i + 2,
      name: `o${i}`,
      class: 'Box',
      version: 1,
      state: 'live',
    }));
    const byObject = Object.fromEntries(objects.map((o) => [o.name, 1]));
    const lines = renderAccount({ ...base, objects, calls: { ...base.calls, byObject } }, c);
    const shown = Array.from({ length: 20 }, (_, i) => `o${i} Box v1`).join(', ');
    expect(lines[3]).toBe(`objects: ${shown}, ... and 5 more (--json lists them all)`);
    expect(lines[2]).toMatch(/\(o0 1, .*o19 1, \.\.\. and 5 more \(--json lists them all\)\)$/);
  });

  test('account: the first three failed threads with their errors, then how many more', () => {
    const failedThreads = [1, 2, 3, 4, 5].map((i) => ({
      thread: i,
      name: `w${i}`,
      tick: 10 * i,
      error: `Error: boom ${i}`,
    }));
    const lines = renderAccount({ ...base, failedThreads }, c);
    expect(lines.slice(1, 6)).toEqual([
      'threads: 2 spawned, 1 exited, 0 failed, 1 still alive',
      "  failed: thread 'w1' (#1) at tick 10: Error: boom 1",
      "  failed: thread 'w2' (#2) at tick 20: Error: boom 2",
      "  failed: thread 'w3' (#3) at tick 30: Error: boom 3",
      '  ... and 2 more (all in --json)',
    ]);
    expect(lines[6]).toMatch(/^calls:/);
  });

  test('verdict: FAILED <outcome>: <reason> at tick N, then the reproduce line; PASSED (N ticks)', () => {
    expect(renderVerdict(base, c)).toEqual([
      'FAILED liveness: ticksMax 100 reached at tick 100',
      'reproduce: kernel-sim scenario s.ts --seed 7',
    ]);
    expect(renderVerdict({ ...base, outcome: 'passed', reason: null }, c)[0]).toBe(
      'PASSED (100 ticks)',
    );
  });
});
