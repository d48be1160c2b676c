/**
 * EventDetector: generation counts advanced by events instead of polls.
 *
 * Beyond K42 in two ways: (1) a request advances the generation of each CPU
 * it covers at once, so every thread alive at the request is in a generation
 * at or before the request's marker, and threads that start later are not;
 * (2) generations are unbounded (a count per generation number, not K42's
 * two slots), so a request never waits for an older generation to drain
 * before it can open its own. The request is reached on the exit of the last
 * thread counted in a generation at or before its marker, at the very tick
 * the oracle names: its lag is 0 by construction (asserted over many seeds).
 */
import type { EventSink, Kernel, Thread } from '../kernel/index.ts';
import { QuiescenceDetector, type CountSlot } from './quiescence-detector.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';

class CpuGenerations {
  generation = 0;
  /** Live threads counted per generation number (only non-zero entries). */
  readonly live = new Map<number, number>();
}

export class EventDetector extends QuiescenceDetector {
  readonly name = 'event';
  private readonly gens: CpuGenerations[];

  constructor(kernel: Kernel, bus: EventSink<QuiescenceEvent>) {
    super(kernel, bus);
    this.gens = kernel.cpus.map(() => new CpuGenerations());
  }

  protected counted(_thread: Thread, cpu: number): CountSlot {
    const g = this.gens[cpu];
    g.live.set(g.generation, (g.live.get(g.generation) ?? 0) + 1);
    return { cpu, generation: g.generation, tickCounted: this.kernel.now };
  }

  protected uncounted(_thread: Thread, slot: CountSlot): void {
    const g = this.gens[slot.cpu];
    const n = g.live.get(slot.generation)! - 1;
    if (n > 0) {
      g.live.set(slot.generation, n);
      return;
    }
    g.live.delete(slot.generation);
    if (this.pending.length > 0) this.reachDone();
  }

  protected opened(r: QuiescenceRequest): void {
    const marker = new Map<number, number>();
    for (const cpu of r.cpus) {
      const g = this.gens[cpu];
      marker.set(cpu, g.generation);
      g.generation++;
      if (this.bus.on)
        this.bus.emit({
          type: 'generation.advanced',
          cpu,
          generation: g.generation,
          detector: this.name,
        });
    }
    r.marker = marker;
    this.reachDone();
  }

  protected check(r: QuiescenceRequest): boolean {
    for (const [cpu, marker] of r.marker as Map<number, number>) {
      for (const gen of this.gens[cpu].live.keys()) if (gen <= marker) return false;
    }
    return true;
  }
}
