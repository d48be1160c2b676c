/**
 * Interleavings: which (swap phase x call state) pairs a run showed, per
 * swap, read from the event stream alone (docs/CHECKING.md, "Interleaving
 * coverage"). It is what only a hot-swap simulator can count: not just that
 * a schedule differed, but which moment of a swap the calls met.
 *
 *   const seen = observeInterleavings(sim);   // before sim.run()
 *   ...run...
 *   seen.cells()   // { '#1 Counter->FastCounter': { 'block/held': 2, ... } }
 *
 * A swap is named by its id and classes (`#2 A->B`, several classes joined
 * by '+'): ids count requests in order, so the same swap in every seed of
 * a check lands in one table. A cell is
 * `phase/state`, counted once per event. Call states, for calls on the
 * swap's objects while the swap is on (requested, not yet completed,
 * aborted or refused):
 *   in-flight   entered before the phase began and still inside at its start
 *   entered     entered during the phase (forwarded, passed or then held)
 *   recursive   entered during the phase by a thread already inside one of
 *               the swap's objects
 *   held        held by the swap during the phase
 *   released    released by the swap during the phase
 *   exited      left the object during the phase
 * and two swap outcomes, once per swap: `negotiate/refused` and
 * `P/aborted` (rolled back in phase P).
 *
 * Invariant: an observer only; it takes no decision and draws nothing.
 */
import { PHASES } from '../hotswap/index.ts';
import type { Stamped } from '../kernel/index.ts';
import type { Simulation, SimulationEvent } from '../simulation/index.ts';

/** The swap phases, in order: the hot-swap protocol's own list. */
export const INTERLEAVING_PHASES = PHASES;
export const CALL_STATES = [
  'in-flight',
  'entered',
  'recursive',
  'held',
  'released',
  'exited',
  'refused',
  'aborted',
] as const;

/** Per swap label, per `phase/state` cell: how many times it occurred. */
export type InterleavingCells = Record<string, Record<string, number>>;

interface OpenSwap {
  readonly label: string;
  phase: string;
  readonly objects: ReadonlySet<number>;
}

interface OpenCall {
  readonly object: number;
  readonly thread: number;
}

export class InterleavingObserver {
  private readonly swaps = new Map<number, OpenSwap>();
  /** Object id -> the swap covering it now. */
  private readonly swapOf = new Map<number, OpenSwap>();
  /** Calls inside an object now. */
  private readonly calls = new Map<number, OpenCall>();
  private readonly counts: InterleavingCells = {};

  observe(e: Stamped<SimulationEvent>): void {
    switch (e.type) {
      case 'swap.requested':
        return this.requested(
          e.swap,
          e.objects,
          `#${e.swap} ${e.from.join('+')}->${e.to.join('+')}`,
        );
      case 'swap.phase-changed':
        return this.phaseChanged(e.swap, e.phase);
      case 'swap.call-held':
        return this.count(this.swaps.get(e.swap), 'held');
      case 'swap.call-released':
        return this.count(this.swaps.get(e.swap), 'released');
      case 'swap.refused':
        this.count(this.swaps.get(e.swap), 'refused', 1, 'negotiate');
        return this.ended(e.swap);
      case 'swap.aborted':
        this.count(this.swaps.get(e.swap), 'aborted', 1, e.phase);
        return this.ended(e.swap);
      case 'swap.completed':
        return this.ended(e.swap);
      case 'call.entered':
        return this.entered(e.call, e.object, e.thread);
      case 'call.exited':
        this.calls.delete(e.call);
        return this.count(this.swapOf.get(e.object), 'exited');
    }
  }

  /** The cells seen so far (a copy). */
  cells(): InterleavingCells {
    return Object.fromEntries(Object.entries(this.counts).map(([k, v]) => [k, { ...v }]));
  }

  private count(swap: OpenSwap | undefined, state: string, n = 1, phase?: string): void {
    if (swap === undefined || n === 0) return;
    const table = (this.counts[swap.label] ??= {});
    const cell = `${phase ?? swap.phase}/${state}`;
    table[cell] = (table[cell] ?? 0) + n;
  }

  private requested(id: number, objects: readonly number[], label: string): void {
    const swap: OpenSwap = { label, phase: 'negotiate', objects: new Set(objects) };
    this.swaps.set(id, swap);
    for (const o of objects) this.swapOf.set(o, swap);
    this.count(swap, 'in-flight', this.inside(swap));
  }

  private phaseChanged(id: number, phase: string): void {
    const swap = this.swaps.get(id);
    if (swap === undefined) return;
    swap.phase = phase;
    this.count(swap, 'in-flight', this.inside(swap));
  }

  private entered(call: number, object: number, thread: number): void {
    const swap = this.swapOf.get(object);
    if (swap !== undefined) {
      let recursive = false;
      for (const c of this.calls.values())
        if (c.thread === thread && swap.objects.has(c.object)) recursive = true;
      this.count(swap, 'entered');
      if (recursive) this.count(swap, 'recursive');
    }
    this.calls.set(call, { object, thread });
  }

  private inside(swap: OpenSwap): number {
    let n = 0;
    for (const c of this.calls.values()) if (swap.objects.has(c.object)) n++;
    return n;
  }

  private ended(id: number): void {
    const swap = this.swaps.get(id);
    if (swap === undefined) return;
    this.swaps.delete(id);
    for (const o of swap.objects) if (this.swapOf.get(o) === swap) this.swapOf.delete(o);
  }
}

/** Subscribe an InterleavingObserver to a simulation (before sim.run()). */
export function observeInterleavings(sim: Simulation): InterleavingObserver {
  const observer = new InterleavingObserver();
  sim.events$.subscribe((e) => observer.observe(e));
  return observer;
}

/** Per swap label, per cell: in how many runs it occurred. Mergeable: add key by key. */
export type InterleavingCoverage = Record<string, Record<string, number>>;

export function interleavingCoverageOf(
  runs: readonly (InterleavingCells | undefined)[],
): InterleavingCoverage {
  const out: InterleavingCoverage = {};
  for (const cells of runs) {
    if (cells === undefined) continue;
    for (const [label, table] of Object.entries(cells)) {
      const row = (out[label] ??= {});
      for (const cell of Object.keys(table)) row[cell] = (row[cell] ?? 0) + 1;
    }
  }
  return sortCoverage(out);
}

function sortCoverage(c: InterleavingCoverage): InterleavingCoverage {
  const order = (cell: string) => {
    const [phase, state] = cell.split('/');
    return INTERLEAVING_PHASES.indexOf(phase as never) * 100 + CALL_STATES.indexOf(state as never);
  };
  return Object.fromEntries(
    Object.keys(c)
      .sort((a, b) => swapId(a) - swapId(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map((label) => [
        label,
        Object.fromEntries(
          Object.keys(c[label])
            .sort((a, b) => order(a) - order(b))
            .map((cell) => [cell, c[label][cell]]),
        ),
      ]),
  );
}

function swapId(label: string): number {
  return Number(/^#(\d+)/.exec(label)?.[1] ?? 0);
}

/** Distinct (swap, phase, state) cells covered. */
export function interleavingCellCount(c: InterleavingCoverage): number {
  return Object.values(c).reduce((n, row) => n + Object.keys(row).length, 0);
}

/** Swaps whose table is printed; the rest are in --json. */
export const TABLES_MAX = 6;

/** The table as lines: one row per phase, one column per call state, runs per cell ('.' for none). */
export function formatInterleavings(c: InterleavingCoverage): string[] {
  const lines: string[] = [];
  const width = 10;
  const pad = (s: string) => s.padStart(width);
  const swaps = Object.entries(c);
  for (const [label, row] of swaps.slice(0, TABLES_MAX)) {
    const states = CALL_STATES.filter((s) => Object.keys(row).some((k) => k.endsWith(`/${s}`)));
    lines.push(`  swap ${label}: ${Object.keys(row).length} cell(s), runs per cell`);
    lines.push(`    ${'phase'.padEnd(9)}${states.map(pad).join('')}`);
    for (const phase of INTERLEAVING_PHASES) {
      if (!states.some((s) => row[`${phase}/${s}`] !== undefined)) continue;
      const cells = states.map((s) => pad(String(row[`${phase}/${s}`] ?? '.')));
      lines.push(`    ${phase.padEnd(9)}${cells.join('')}`);
    }
  }
  if (swaps.length > TABLES_MAX)
    lines.push(
      `  (${swaps.length - TABLES_MAX} more swap(s): see coverage.interleavings in --json)`,
    );
  return lines;
}
