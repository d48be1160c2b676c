/**
 * callEventsDirect: call.entered, call.reached and call.exited hashed field
 * by field when the event hash is on and nobody subscribes (kernel
 * event-bus.ts, "Direct emitters"): no event object is built, and the hash
 * gets the bytes the built event would give (fields in sorted key order,
 * stamp included; test/simulation/direct-events.test.ts compares them).
 *
 * Interface: `directEntered`, `directReached`, `directExited`, each taking
 * the DirectEvents face of the bus and the event's fields.
 */
import type { DirectEvents } from '../kernel/index.ts';

/** { args, call, cpu, method, object, objectName, seq, thread, tick, type } */
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
  d.begin(10);
  d.field('args', args);
  d.field('call', call);
  d.field('cpu', cpu);
  d.field('method', method);
  d.field('object', object);
  d.field('objectName', objectName);
  d.field('seq', d.seq);
  d.field('thread', thread);
  d.field('tick', d.tick);
  d.field('type', 'call.entered');
}

/** { call, cpu, impl, object, seq, tick, type, version } */
export function directReached(
  d: DirectEvents,
  call: number,
  object: number,
  version: number,
  impl: string,
  cpu: number,
): void {
  d.begin(8);
  d.field('call', call);
  d.field('cpu', cpu);
  d.field('impl', impl);
  d.field('object', object);
  d.field('seq', d.seq);
  d.field('tick', d.tick);
  d.field('type', 'call.reached');
  d.field('version', version);
}

/** { call, cpu, error, method, object, seq, thread, tick, type } */
export function directExited(
  d: DirectEvents,
  call: number,
  object: number,
  method: string,
  thread: number,
  cpu: number,
  error: string | null,
): void {
  d.begin(9);
  d.field('call', call);
  d.field('cpu', cpu);
  d.field('error', error);
  d.field('method', method);
  d.field('object', object);
  d.field('seq', d.seq);
  d.field('thread', thread);
  d.field('tick', d.tick);
  d.field('type', 'call.exited');
}
