/**
 * callEventsDirect: call.entered, call.reached and call.exited hashed field
 * by field when the event hash is on and nobody subscribes (kernel
 * event-bus.ts, "Direct emitters"): no event object is built, and the hash
 * gets the bytes the built event would give (keyless, the fields in the
 * order EVENT_FIELDS declares, simulation/event-fields.ts;
 * test/simulation/direct-events.test.ts compares them).
 *
 * Interface: `directEntered`, `directReached`, `directExited`, each taking
 * the DirectEvents face of the bus and the event's fields. Each type is a
 * DirectType made once here (kernel direct-type.ts); `args` is the call's
 * own array (never a Proxy), hashed as a list (kernel event-hash-sink.ts).
 */
import { directType, type DirectEvents } from '../kernel/index.ts';

/** call.entered's DirectType (call-entered-args.ts starts its events with it too). */
export const CALL_ENTERED = directType('call.entered');
const REACHED = directType('call.reached');
const EXITED = directType('call.exited');

/** call, object, objectName, method, thread, cpu, args */
export function directEntered(
  d: DirectEvents,
  call: number,
  object: number,
  objectName: string,
  method: string,
  thread: number,
  cpu: number,
  args: readonly unknown[],
): void {
  const h = d.begin(CALL_ENTERED);
  h.int(call);
  h.int(object);
  h.sym(objectName);
  h.sym(method);
  h.int(thread);
  h.int(cpu);
  h.list(args);
}

/** call, object, version, impl, cpu */
export function directReached(
  d: DirectEvents,
  call: number,
  object: number,
  version: number,
  impl: string,
  cpu: number,
): void {
  const h = d.begin(REACHED);
  h.int(call);
  h.int(object);
  h.int(version);
  h.sym(impl);
  h.int(cpu);
}

/** call, object, method, thread, cpu, error */
export function directExited(
  d: DirectEvents,
  call: number,
  object: number,
  method: string,
  thread: number,
  cpu: number,
  error: string | null,
): void {
  const h = d.begin(EXITED);
  h.int(call);
  h.int(object);
  h.sym(method);
  h.int(thread);
  h.int(cpu);
  h.value(error);
}
