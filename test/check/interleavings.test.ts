/**
 * Interleaving coverage (src/check/interleavings.ts): the observer's cells
 * from a hand-made event stream, the per-run counts over seeds, the table
 * check prints, and, on a bundled scenario, that seed-driven schedules
 * reach (swap phase x call state) cells fifo never does.
 */
import { describe, expect, test } from 'vitest';
import {
  formatInterleavings,
  formatSummary,
  interleavingCellCount,
  interleavingCoverageOf,
  InterleavingObserver,
  runCheck,
} from '../../src/check/index.ts';

type Ev = Parameters<InterleavingObserver['observe']>[0];
let seq = 0;
const ev = (tick: number, e: Record<string, unknown>): Ev => ({ tick, seq: seq++, ...e }) as never;
const entered = (tick: number, call: number, thread: number, object = 7) =>
  ev(tick, {
    type: 'call.entered',
    call,
    object,
    objectName: 'o',
    method: 'm',
    thread,
    cpu: 0,
    args: [],
  });
const exited = (tick: number, call: number, thread: number, object = 7) =>
  ev(tick, { type: 'call.exited', call, object, method: 'm', thread, cpu: 0, error: null });
const phase = (tick: number, to: string, previous: string) =>
  ev(tick, { type: 'swap.phase-changed', swap: 1, objects: [7], phase: to, previous });

describe('InterleavingObserver', () => {
  test('counts each call state in the phase it happened, per swap label', () => {
    const o = new InterleavingObserver();
    const stream: Ev[] = [
      entered(0, 1, 10), // in flight before the request
      entered(0, 2, 11, 99), // another object: never counted
      ev(1, { type: 'swap.requested', swap: 1, objects: [7], from: ['A'], to: ['B'] }),
      phase(1, 'forward', 'negotiate'),
      entered(2, 3, 12), // forwarded
      entered(3, 4, 10), // recursive: thread 10 is inside
      exited(4, 4, 10),
      exited(5, 1, 10),
      phase(6, 'block', 'forward'), // call 3 still inside
      entered(7, 5, 13),
      ev(7, { type: 'swap.call-held', swap: 1, call: 5, thread: 13, object: 7 }),
      exited(8, 3, 12),
      phase(9, 'transfer', 'block'),
      phase(9, 'complete', 'transfer'),
      ev(9, { type: 'swap.call-released', swap: 1, call: 5, thread: 13, object: 7, heldTicks: 2 }),
      ev(9, {
        type: 'swap.completed',
        swap: 1,
        objects: [7],
        versions: [2],
        phaseTicks: {},
        forwarded: 2,
        held: 1,
        maxHoldTicks: 2,
      }),
      exited(10, 5, 13), // after the swap: not counted
    ];
    for (const e of stream) o.observe(e);
    expect(o.cells()).toEqual({
      '#1 A->B': {
        'negotiate/in-flight': 1,
        'forward/in-flight': 1,
        'forward/entered': 2,
        'forward/recursive': 1,
        'forward/exited': 2,
        'block/in-flight': 1,
        'block/entered': 1,
        'block/held': 1,
        'block/exited': 1,
        'transfer/in-flight': 1,
        'complete/in-flight': 1,
        'complete/released': 1,
      },
    });
  });

  test('a refused swap and an aborted one count their outcome in the phase they ended', () => {
    const o = new InterleavingObserver();
    o.observe(ev(0, { type: 'swap.requested', swap: 1, objects: [7], from: ['A'], to: ['B'] }));
    o.observe(
      ev(0, {
        type: 'swap.phase-changed',
        swap: 1,
        objects: [7],
        phase: 'done',
        previous: 'negotiate',
      }),
    );
    o.observe(ev(0, { type: 'swap.refused', swap: 1, objects: [7], reason: 'no' }));
    o.observe(ev(1, { type: 'swap.requested', swap: 2, objects: [7], from: ['A'], to: ['C'] }));
    o.observe(
      ev(1, {
        type: 'swap.phase-changed',
        swap: 2,
        objects: [7],
        phase: 'forward',
        previous: 'negotiate',
      }),
    );
    o.observe(
      ev(2, {
        type: 'swap.phase-changed',
        swap: 2,
        objects: [7],
        phase: 'done',
        previous: 'forward',
      }),
    );
    o.observe(
      ev(2, {
        type: 'swap.aborted',
        swap: 2,
        objects: [7],
        phase: 'forward',
        reason: 'x',
        blockers: [],
      }),
    );
    expect(o.cells()).toEqual({
      '#1 A->B': { 'negotiate/refused': 1 },
      '#2 A->C': { 'forward/aborted': 1 },
    });
  });
});

describe('interleaving coverage over runs', () => {
  test('counts the runs a cell occurred in, not its events, and renders a table', () => {
    const c = interleavingCoverageOf([
      { '#1 A->B': { 'forward/entered': 5, 'block/held': 1 } },
      { '#1 A->B': { 'forward/entered': 2 } },
      undefined,
    ]);
    expect(c).toEqual({ '#1 A->B': { 'forward/entered': 2, 'block/held': 1 } });
    expect(interleavingCellCount(c)).toBe(2);
    const table = formatInterleavings(c).join('\n');
    expect(table).toContain('swap #1 A->B: 2 cell(s)');
    expect(table).toMatch(/forward\s+2\s+\./);
    expect(table).toMatch(/block\s+\.\s+1/);
  });
});

describe('seed-driven schedules reach cells fifo does not (multi-object-swap)', () => {
  const SEEDS = Number(process.env.KERNEL_SIM_SCHEDULE_SEEDS ?? 40);
  const cells = async (schedule: string) => {
    const s = await runCheck({
      scenario: 'scenarios/multi-object-swap.ts',
      seeds: SEEDS,
      rerun: 0,
      schedule,
    });
    expect(formatSummary(s).join('\n')).toContain(
      `${s.coverage.interleavingCells} swap interleaving cell(s)`,
    );
    return s.coverage;
  };

  test(
    'random, pct and random with jitter cover more cells than fifo',
    { timeout: 300_000 },
    async () => {
      const fifo = await cells('fifo');
      expect(fifo.schedules).toBe(1);
      const random = await cells('random');
      const pct = await cells('pct');
      expect(random.interleavingCells).toBeGreaterThan(fifo.interleavingCells);
      const jitter = await cells('random+jitter=3');
      expect(pct.interleavingCells).toBeGreaterThan(fifo.interleavingCells);
      expect(jitter.interleavingCells).toBeGreaterThan(fifo.interleavingCells);
      // fifo runs one interleaving: every cell it reaches, every seed reaches
      for (const row of Object.values(fifo.interleavings))
        for (const runs of Object.values(row)) expect(runs).toBe(SEEDS);
    },
  );
});
