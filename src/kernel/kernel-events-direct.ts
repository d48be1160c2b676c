/**
 * kernelEventsDirect: the kernel's hot events hashed field by field when the
 * event hash is on and nobody subscribes (event-bus.ts, "Direct emitters"),
 * so no event object is built. Each function gives the hash the bytes the
 * built event would give: keyless, its fields in the order EVENT_FIELDS
 * declares for its type (simulation/event-fields.ts;
 * test/simulation/direct-events.test.ts compares them with the built events).
 * Each type is a DirectType made once here (direct-type.ts), so starting an
 * event looks nothing up by name.
 *
 * Interface: `directOnCpu(d, type, thread, cpu)` for the events shaped
 * { type, thread, cpu } (thread.dispatched, preempted, yielded, exited: the
 * type by name, picked by identity, no lookup; one call to the sink's fused
 * `ints2`); `directSpawned(d, thread,
 * name, parent, daemon)`; `directAction(d, label)`.
 */
import { directType, type DirectType } from './direct-type.ts';
import type { DirectEvents } from './event-bus.ts';

export type OnCpuEventType =
  'thread.dispatched' | 'thread.preempted' | 'thread.yielded' | 'thread.exited';

const DISPATCHED = directType('thread.dispatched');
const PREEMPTED = directType('thread.preempted');
const YIELDED = directType('thread.yielded');
const EXITED = directType('thread.exited');
const SPAWNED = directType('thread.spawned');
const ACTION = directType('kernel.action');

/** thread, cpu */
export function directOnCpu(
  d: DirectEvents,
  type: OnCpuEventType,
  thread: number,
  cpu: number,
): void {
  d.stamp().ints2(onCpuType(type), thread, cpu);
}

/** The DirectType of an event shaped { type, thread, cpu } (string literals compare by identity). */
function onCpuType(type: OnCpuEventType): DirectType {
  if (type === 'thread.dispatched') return DISPATCHED;
  if (type === 'thread.preempted') return PREEMPTED;
  if (type === 'thread.yielded') return YIELDED;
  return EXITED;
}

/** thread, name, parent, daemon */
export function directSpawned(
  d: DirectEvents,
  thread: number,
  name: string,
  parent: number | null,
  daemon: boolean,
): void {
  const h = d.begin(SPAWNED);
  h.int(thread);
  h.text(name);
  h.value(parent);
  h.value(daemon);
}

/** label */
export function directAction(d: DirectEvents, label: string): void {
  d.begin(ACTION).text(label);
}
