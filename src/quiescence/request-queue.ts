/**
 * RequestQueue: pending quiescence requests waiting on one thing (a CPU's
 * oldest activation, a CPU's generation, the global generation), in the
 * order of the key they wait for. Keys only grow as requests are made, so a
 * FIFO is a priority queue here, and each request is pushed and popped once.
 *
 * Interface: `push(r, key)` (key >= the last key pushed), `drainUpTo(bound,
 * visit)` pops every entry whose key is <= bound and calls `visit` for those
 * still pending (a cancelled or reached request is skipped when popped:
 * lazy deletion). `steps` counts entries popped.
 *
 * Invariant: keys[head..] is non-decreasing. Breaking it panics.
 */
import { panic } from '../kernel/index.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';

const COMPACT_AT = 1024;

export class RequestQueue {
  private requests: (QuiescenceRequest | undefined)[] = [];
  private keys: number[] = [];
  private head = 0;
  steps = 0;

  constructor(private readonly where: string) {}

  get size(): number {
    return this.requests.length - this.head;
  }

  push(r: QuiescenceRequest, key: number): void {
    const last = this.keys.length > this.head ? this.keys[this.keys.length - 1] : -Infinity;
    if (key < last)
      panic(this.where, `request ${r.id} waits for ${key}, below the last key queued (${last})`);
    this.requests.push(r);
    this.keys.push(key);
  }

  drainUpTo(bound: number, visit: (r: QuiescenceRequest) => void): void {
    while (this.head < this.keys.length && this.keys[this.head] <= bound) {
      const r = this.requests[this.head]!;
      this.requests[this.head++] = undefined;
      this.steps++;
      if (r.state === 'pending') visit(r);
    }
    if (this.head === this.keys.length) {
      if (this.head === 0) return; // empty and already reset: allocate nothing
      this.requests = [];
      this.keys = [];
      this.head = 0;
    } else if (this.head > COMPACT_AT && this.head * 2 > this.keys.length) {
      this.requests = this.requests.slice(this.head);
      this.keys = this.keys.slice(this.head);
      this.steps += this.keys.length;
      this.head = 0;
    }
  }
}
