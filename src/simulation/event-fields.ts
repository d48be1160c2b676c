/**
 * EVENT_FIELDS: every event type's fields, in the fixed order the event hash
 * takes them (keyless: no field name is hashed), each with its kind:
 *   int    a number (a 32-bit integer in one word; any other number escaped)
 *   sym    a string from a small set (names of objects, methods, classes),
 *          interned once per run: hashed in full the first time, then by id
 *   text   any string, hashed in full each time
 *   value  anything (null, flags, arrays, nested payloads, user state, error
 *          descriptions): the general tagged encoding of event-stream-hasher.ts
 * `type`, `tick` and `seq` are not listed: every event starts with them.
 *
 * Interface: `EVENT_FIELDS[type]` (an object whose key order is the hash's
 * field order), `FieldKind`. The compiler checks the table against the
 * SimulationEvent union: every type is listed, and every field of each type,
 * optional ones included, and nothing else. Direct emitters
 * (kernel/kernel-events-direct.ts, translation-table/call-events-direct.ts)
 * hash their fields in this order by hand; test/simulation/direct-events.test.ts
 * checks they agree with it.
 *
 * Invariant: changing this table (an order, a kind, a field) changes hash
 * values; say so in docs/BENCHMARKS.md ("The event hash") when it happens.
 */
import type { SimulationEvent, SimulationEventType } from './simulation-event.ts';

export type FieldKind = 'int' | 'sym' | 'text' | 'value';

type FieldsOf<T extends SimulationEventType> = {
  readonly [K in Exclude<keyof Extract<SimulationEvent, { type: T }>, 'type'>]-?: FieldKind;
};

export const EVENT_FIELDS = {
  // kernel
  'thread.spawned': { thread: 'int', name: 'text', parent: 'value', daemon: 'value' },
  'thread.dispatched': { thread: 'int', cpu: 'int' },
  'thread.preempted': { thread: 'int', cpu: 'int' },
  'thread.yielded': { thread: 'int', cpu: 'int' },
  'thread.slept': { thread: 'int', cpu: 'int', untilTick: 'int' },
  'thread.blocked': { thread: 'int', cpu: 'int', queue: 'text' },
  'thread.woken': { thread: 'int', queue: 'value' },
  'thread.deactivated': { thread: 'int', cpu: 'int' },
  'thread.quiesced': { thread: 'int', cpu: 'int' },
  'thread.exited': { thread: 'int', cpu: 'int' },
  'thread.failed': { thread: 'int', cpu: 'int', error: 'text' },
  'kernel.action': { label: 'text' },
  // translation table
  'object.created': { object: 'int', name: 'sym', class: 'sym', clustered: 'value' },
  'object.rep-created': { object: 'int', cpu: 'int' },
  'object.retargeted': { object: 'int', class: 'sym', version: 'int' },
  'object.destroy-requested': { object: 'int', reason: 'text' },
  'object.destroyed': { object: 'int', class: 'sym', version: 'int' },
  'call.entered': {
    call: 'int',
    object: 'int',
    objectName: 'sym',
    method: 'sym',
    thread: 'int',
    cpu: 'int',
    args: 'value',
  },
  'call.reached': { call: 'int', object: 'int', version: 'int', impl: 'sym', cpu: 'int' },
  'call.exited': {
    call: 'int',
    object: 'int',
    method: 'sym',
    thread: 'int',
    cpu: 'int',
    error: 'value',
  },
  // quiescence
  'quiescence.requested': {
    request: 'int',
    detector: 'sym',
    cpus: 'value',
    label: 'text',
    alive: 'int',
  },
  'generation.advanced': { cpu: 'int', generation: 'int', detector: 'sym' },
  'generation.advance-failed': { cpu: 'int', older: 'int' },
  'quiescence.token-passed': { from: 'int', to: 'int', global: 'int' },
  'quiescence.reached': {
    request: 'int',
    detector: 'sym',
    latencyTicks: 'int',
    oracleTick: 'int',
    lagTicks: 'int',
  },
  'quiescence.cancelled': { request: 'int' },
  // interposition
  'mediator.installed': { object: 'int', mediator: 'sym', depth: 'int' },
  'mediator.removed': { object: 'int', mediator: 'sym', depth: 'int' },
  // hot swap
  'swap.requested': { swap: 'int', objects: 'value', from: 'value', to: 'value' },
  'swap.refused': { swap: 'int', objects: 'value', reason: 'text', vetoedBy: 'value' },
  'swap.phase-changed': { swap: 'int', objects: 'value', phase: 'sym', previous: 'sym' },
  'swap.cpu-phase': { swap: 'int', cpu: 'int', phase: 'sym', noRep: 'value' },
  'swap.call-held': { swap: 'int', call: 'int', thread: 'int', object: 'int' },
  'swap.call-released': {
    swap: 'int',
    call: 'int',
    thread: 'int',
    object: 'int',
    heldTicks: 'int',
  },
  'swap.transferred': {
    swap: 'int',
    object: 'int',
    format: 'value',
    exported: 'value',
    imported: 'value',
    lazy: 'value',
  },
  'swap.converted': {
    swap: 'int',
    object: 'int',
    format: 'value',
    exported: 'value',
    imported: 'value',
    thread: 'int',
    ticks: 'int',
  },
  'swap.conversion-failed': { swap: 'int', object: 'int', thread: 'int', reason: 'text' },
  'swap.completed': {
    swap: 'int',
    objects: 'value',
    versions: 'value',
    phaseTicks: 'value',
    forwarded: 'int',
    held: 'int',
    maxHoldTicks: 'int',
  },
  'swap.aborted': {
    swap: 'int',
    objects: 'value',
    phase: 'sym',
    reason: 'text',
    blockers: 'value',
  },
  'swap.stalled': { swap: 'int', phase: 'sym', blockers: 'value' },
  'swap.update-point': {
    swap: 'int',
    thread: 'int',
    point: 'sym',
    safe: 'value',
    unsafe: 'value',
    reason: 'value',
  },
  'swap.old-destroyed': { swap: 'int', object: 'int', version: 'int' },
  'swap.callback-failed': { swap: 'int', callback: 'sym', error: 'text' },
  // transactions
  'transaction.begun': {
    tx: 'int',
    attempt: 'int',
    name: 'text',
    thread: 'int',
    parent: 'value',
  },
  'transaction.committed': { tx: 'int', attempt: 'int', thread: 'int' },
  'transaction.rolled-back': {
    tx: 'int',
    attempt: 'int',
    thread: 'int',
    reason: 'text',
    bySwap: 'value',
    ticksLost: 'int',
    undone: 'value',
  },
  'transaction.failed': {
    tx: 'int',
    attempt: 'int',
    thread: 'int',
    error: 'text',
    undone: 'value',
  },
  'transaction.irrevocable': { tx: 'int', attempt: 'int', thread: 'int', what: 'text' },
} as const satisfies { readonly [T in SimulationEventType]: FieldsOf<T> };
