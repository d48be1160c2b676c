/**
 * Cpu: one simulated processor (K42: virtual processor, VP).
 *
 * Runs at most one thread at a time. Fields are owned by the kernel:
 * `thread` is the running thread (null when it switches or idles),
 * `quantumEnd` the tick at which that thread is preempted, `idle` whether the
 * CPU has no event pending and waits to be kicked by a newly ready thread.
 * It sits in the kernel's event queue as its own entry (kind 'cpu').
 */
import type { Thread } from './thread.ts';

export class Cpu {
  readonly kind = 'cpu';
  thread: Thread | null = null;
  quantumEnd = 0;
  idle = true;
  /** Ticks this CPU spent running thread code. */
  busyTicks = 0;
  dispatches = 0;

  constructor(readonly index: number) {}
}
