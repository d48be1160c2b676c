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
 * direct-type.ts). The entry's id, name (`objectName`), version, method
 * and implementation name (`method`, `impl`) go in through the sink's
 * per-object calls (kernel event-hash-sink.ts), so the entry's name is not
 * built and no symbol is looked up by string per event; `args` is the
 * call's own array (never a Proxy), hashed as a list.
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
  const h = d.begin(CALL_ENTERED);
  h.int(call);
  h.int(entry.id);
  h.objectName(entry);
  h.method(entry, method);
  h.int(thread);
  h.int(cpu);
  h.list(args);
}

/** call, object, version, impl, cpu (the version is the entry's now) */
export function directReached(
  d: DirectEvents,
  call: number,
  entry: TableEntry,
  impl: string,
  cpu: number,
): void {
  const h = d.begin(REACHED);
  h.int(call);
  h.int(entry.id);
  h.int(entry.version);
  h.impl(entry, impl);
  h.int(cpu);
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
  const h = d.begin(EXITED);
  h.int(call);
  h.int(entry.id);
  h.method(entry, method);
  h.int(thread);
  h.int(cpu);
  h.stringOrNull(error);
}
