/**
 * kernelEventsDirect: the kernel's hot events hashed field by field when the
 * event hash is on and nobody subscribes (event-bus.ts, "Direct emitters"),
 * so no event object is built. Each function gives the hash the bytes the
 * built event would give: its fields in sorted key order, stamp included
 * (test/simulation/direct-events.test.ts compares them with the built events).
 *
 * Interface: `directOnCpu(d, type, thread, cpu)` for the events shaped
 * { type, thread, cpu } (thread.dispatched, preempted, yielded, exited);
 * `directSpawned(d, thread, name, parent, daemon)`; `directAction(d, label)`.
 */
import type { DirectEvents } from './event-bus.ts';

/** { cpu, seq, thread, tick, type } */
export function directOnCpu(d: DirectEvents, type: string, thread: number, cpu: number): void {
  d.begin(5);
  d.field('cpu', cpu);
  d.field('seq', d.seq);
  d.field('thread', thread);
  d.field('tick', d.tick);
  d.field('type', type);
}

/** { daemon, name, parent, seq, thread, tick, type } */
export function directSpawned(
  d: DirectEvents,
  thread: number,
  name: string,
  parent: number | null,
  daemon: boolean,
): void {
  d.begin(7);
  d.field('daemon', daemon);
  d.field('name', name);
  d.field('parent', parent);
  d.field('seq', d.seq);
  d.field('thread', thread);
  d.field('tick', d.tick);
  d.field('type', 'thread.spawned');
}

/** { label, seq, tick, type } */
export function directAction(d: DirectEvents, label: string): void {
  d.begin(4);
  d.field('label', label);
  d.field('seq', d.seq);
  d.field('tick', d.tick);
  d.field('type', 'kernel.action');
}
