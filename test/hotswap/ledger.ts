/**
 * A test ledger of calls, read from the event stream: for each call on the
 * watched objects, how often it entered, reached an implementation (and
 * which version), and exited. Used to assert "every call executed exactly
 * once, on the old object or the new one; after the first call reaches the
 * new object none reaches the old one".
 */
import type { Simulation } from '../../src/index.ts';

export interface CallRecord {
  entered: number;
  reached: number[];
  exited: number;
  error: string | null;
}

export class Ledger {
  readonly calls = new Map<number, CallRecord>();
  readonly reachOrder: { object: number; version: number; call: number }[] = [];
  readonly held: number[] = [];
  readonly released: number[] = [];

  constructor(sim: Simulation, objects: Set<number>) {
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && objects.has(e.object))
        this.calls.set(e.call, { entered: 1, reached: [], exited: 0, error: null });
      if (e.type === 'call.reached' && objects.has(e.object)) {
        this.calls.get(e.call)!.reached.push(e.version);
        this.reachOrder.push({ object: e.object, version: e.version, call: e.call });
      }
      if (e.type === 'call.exited' && objects.has(e.object)) {
        const c = this.calls.get(e.call)!;
        c.exited++;
        c.error = e.error;
      }
      if (e.type === 'swap.call-held') this.held.push(e.call);
      if (e.type === 'swap.call-released') this.released.push(e.call);
    });
  }

  /** Problems found, empty when all is well. */
  problems(): string[] {
    const out: string[] = [];
    for (const [id, c] of this.calls) {
      if (c.exited !== 1) out.push(`call ${id} exited ${c.exited} times`);
      if (c.error === null && c.reached.length !== 1)
        out.push(`call ${id} reached ${c.reached.length} implementations`);
    }
    const newest = new Map<number, number>();
    for (const r of this.reachOrder) {
      const n = newest.get(r.object) ?? 0;
      if (r.version < n)
        out.push(
          `call ${r.call} reached version ${r.version} of object ${r.object} after version ${n}`,
        );
      newest.set(r.object, Math.max(n, r.version));
    }
    if (this.held.join() !== this.released.join())
      out.push(`held ${this.held.join()} but released ${this.released.join()}`);
    return out;
  }
}
