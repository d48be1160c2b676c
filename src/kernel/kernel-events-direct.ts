/**
 * kernelEventsDirect: the kernel's hot events hashed field by field when the
 * event hash is on and nobody subscribes (event-bus.ts, "Direct emitters"),
 * so no event object is built. Each function gives the hash the bytes the
 * built event would give: keyless, its fields in the order EVENT_FIELDS
 * declares for its type (simulation/event-fields.ts;
 * test/simulation/direct-events.test.ts compares them with the built events).
 *
 * Interface: `directOnCpu(d, type, thread, cpu)` for the events shaped
 * { type, thread, cpu } (thread.dispatched, preempted, yielded, exited);
 * `directSpawned(d, thread, name, parent, daemon)`; `directAction(d, label)`.
 */
import type { DirectEvents } from './event-bus.ts';

/** thread, cpu */
export function directOnCpu(d: DirectEvents, type: string, thread: number, cpu: number): void {
  const h = d.begin(type);
  h.int(thread);
  h.int(cpu);
}

/** thread, name, parent, daemon */
export function directSpawned(
  d: DirectEvents,
  thread: number,
  name: string,
  parent: number | null,
  daemon: boolean,
): void {
  const h = d.begin('thread.spawned');
  h.int(thread);
  h.text(name);
  h.value(parent);
  h.value(daemon);
}

/** label */
export function directAction(d: DirectEvents, label: string): void {
  d.begin('kernel.action').text(label);
}
