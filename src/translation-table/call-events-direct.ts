/**
 * callEventsDirect: call.entered, call.reached and call.exited hashed field
 * by field when the event hash is on and nobody subscribes (kernel
 * event-bus.ts, "Direct emitters"): no event object is built, and the hash
 * gets the bytes the built event would give (keyless, the fields in the
 * order EVENT_FIELDS declares, simulation/event-fields.ts;
 * test/simulation/direct-events.test.ts compares them).
 *
 * Interface: `directEntered`, `directReached`, `directExited`, each taking
 * the DirectEvents face of the bus and the event's fields.
 */
import type { DirectEvents } from '../kernel/index.ts';

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
  const h = d.begin('call.entered');
  h.int(call);
  h.int(object);
  h.sym(objectName);
  h.sym(method);
  h.int(thread);
  h.int(cpu);
  h.value(args);
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
  const h = d.begin('call.reached');
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
  const h = d.begin('call.exited');
  h.int(call);
  h.int(object);
  h.sym(method);
  h.int(thread);
  h.int(cpu);
  h.value(error);
}
