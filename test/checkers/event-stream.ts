/**
 * Test doubles for checkers: hand-made event streams (stamped with tick and
 * seq like the EventBus does) and a helper that feeds them to a checker set.
 */
import type { SimulationEvent } from 'kernel-sim';
import {
  createCheckers,
  type CheckReport,
  type CheckerOptions,
  type CheckedEvent,
} from '../../src/checkers/index.ts';

type Unstamped = SimulationEvent;

/** Stamp events: `[tick, event]` pairs, seq in order. */
export function stream(...items: (readonly [number, Unstamped])[]): CheckedEvent[] {
  return items.map(([tick, e], seq) => ({ ...e, tick, seq }));
}

export function feed(events: readonly CheckedEvent[], options: CheckerOptions = {}): CheckReport {
  const set = createCheckers({ seed: 7, ...options });
  for (const e of events) set.observe(e);
  return set.report();
}

// ---- event builders (only the fields checkers read matter; the rest are filled) ----

export const entered = (
  call: number,
  thread: number,
  object = 2,
  method = 'm',
  cpu = 0,
): Unstamped => ({
  type: 'call.entered',
  call,
  object,
  objectName: `obj${object}`,
  method,
  thread,
  cpu,
  args: [],
});
export const reached = (call: number, object = 2, version = 1, cpu = 0): Unstamped => ({
  type: 'call.reached',
  call,
  object,
  version,
  impl: `V${version}`,
  cpu,
});
export const exited = (call: number, thread: number, object = 2, method = 'm'): Unstamped => ({
  type: 'call.exited',
  call,
  object,
  method,
  thread,
  cpu: 0,
  error: null,
});
export const dispatched = (thread: number, cpu = 0): Unstamped => ({
  type: 'thread.dispatched',
  thread,
  cpu,
});
export const threadExited = (thread: number, cpu = 0): Unstamped => ({
  type: 'thread.exited',
  thread,
  cpu,
});
export const requested = (request: number, cpus: number[], alive: number): Unstamped => ({
  type: 'quiescence.requested',
  request,
  detector: 'k42',
  cpus,
  label: `r${request}`,
  alive,
});
export const qReached = (request: number): Unstamped => ({
  type: 'quiescence.reached',
  request,
  detector: 'k42',
  latencyTicks: 0,
  oracleTick: 0,
  lagTicks: 0,
});
export const held = (swap: number, call: number, object = 2): Unstamped => ({
  type: 'swap.call-held',
  swap,
  call,
  thread: call,
  object,
});
export const released = (swap: number, call: number, object = 2): Unstamped => ({
  type: 'swap.call-released',
  swap,
  call,
  thread: call,
  object,
  heldTicks: 1,
});
export const completed = (
  swap: number,
  objects: number[] = [2],
  versions: number[] = [2],
): Unstamped => ({
  type: 'swap.completed',
  swap,
  objects,
  versions,
  phaseTicks: {},
  forwarded: 0,
  held: 0,
  maxHoldTicks: 0,
});
export const aborted = (swap: number, objects: number[] = [2]): Unstamped => ({
  type: 'swap.aborted',
  swap,
  objects,
  phase: 'block',
  reason: 'cancelled in block',
  blockers: [],
});
export const retargeted = (object: number, version: number): Unstamped => ({
  type: 'object.retargeted',
  object,
  class: `V${version}`,
  version,
});
export const transferred = (
  swap: number,
  object: number,
  exported: unknown[],
  imported: unknown[] | null,
  format: string | null = 'f',
): Unstamped => ({
  type: 'swap.transferred',
  swap,
  object,
  format,
  exported,
  imported,
});
