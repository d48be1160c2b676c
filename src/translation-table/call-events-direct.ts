/**
 * callEventsDirect: call.entered, call.reached and call.exited hashed field
 * by field when the event hash is on and nobody subscribes (kernel
 * event-bus.ts, "Direct emitters"): no event object is built, and the hash
 * gets the bytes the built event would give (keyless, the fields in the
 * order EVENT_FIELDS declares, simulation/event-fields.ts;
 * test/simulation/direct-events.test.ts compares them).
 *
 * Interface: `directEntered`, `directReached`, `directExited`, each taking
 * the DirectEvents face of the bus, the call's table entry and the event's
 * other fields. Each type is a DirectType made once here (kernel
 * direct-type.ts). Each event is one call to the sink's fused form
 * (FusedEvents, kernel event-hash-sink.ts) after `stamp()`: the entry goes
 * in as a NamedObject, so its name is not built and its name, method and
 * implementation symbols come from the sink's per-object cache; `args` is
 * the call's own array (never a Proxy), hashed as a list.
 */
import { directType, type DirectEvents } from '../kernel/index.ts';
import type { TableEntry } from './table-entry.ts';

/** call.entered's DirectType (call-entered-args.ts starts its events with it too). */
export const CALL_ENTERED = directType('call.entered');
const REACHED = directType('call.reached');
const EXITED = directType('call.exited');

/** call, object, objectName, method, thread, cpu, args */
export function directEntered(
  d: DirectEvents,
  call: number,
  entry: TableEntry,
  method: string,
  thread: number,
  cpu: number,
  args: readonly unknown[],
): void {
  d.stamp().callEntered(CALL_ENTERED, call, entry, method, thread, cpu, args);
}

/** call, object, version, impl, cpu (the version is the entry's now) */
export function directReached(
  d: DirectEvents,
  call: number,
  entry: TableEntry,
  impl: string,
  cpu: number,
): void {
  d.stamp().callReached(REACHED, call, entry, entry.version, impl, cpu);
}

/** call, object, method, thread, cpu, error (a message, or null when the call returned) */
export function directExited(
  d: DirectEvents,
  call: number,
  entry: TableEntry,
  method: string,
  thread: number,
  cpu: number,
  error: string | null,
): void {
  d.stamp().callExited(EXITED, call, entry, method, thread, cpu, error);
}
