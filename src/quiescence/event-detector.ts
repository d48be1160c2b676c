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
 *
 * Cost: per CPU, `low` is the oldest generation with a live thread. It only
 * grows (new threads join the newest generation), so finding the next one
 * when it drains visits each generation once; the requests waiting on a CPU
 * are queued by marker and popped when `low` passes it. O(1) amortised per
 * uncount and per request CPU.
 */
import type { EventSink, Kernel } from '../kernel/index.ts';
import type { CountSlot } from './count-slot.ts';
import { QuiescenceDetector } from './quiescence-detector.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';
import { RequestQueue } from './request-queue.ts';

class CpuGenerations {
  generation = 0;
  /** Live threads counted per generation number (only non-zero entries). */
  readonly live = new Map<number, number>();
  /** The oldest generation with a live thread (meaningful while `live` is not empty). */
  low = 0;
  steps = 0;
  /** Requests waiting for every generation up to their marker to drain, by marker. */
  readonly waiting: RequestQueue;

  constructor(cpu: number) {
    this.waiting = new RequestQueue(`event detector cpu ${cpu}`);
  }

  /** The oldest generation with a live thread; Infinity when none. */
  oldestLive(): number {
    if (this.live.size === 0) return Infinity;
    while (!this.live.has(this.low)) {
      this.low++;
      this.steps++;
    }
    return this.low;
  }
}

export class EventDetector extends QuiescenceDetector {
  readonly name = 'event';
  private readonly gens: CpuGenerations[];

  constructor(kernel: Kernel, bus: EventSink<QuiescenceEvent>) {
    super(kernel, bus);
    this.gens = kernel.cpus.map((c) => new CpuGenerations(c.index));
  }

  protected counted(slot: CountSlot): void {
    const g = this.gens[slot.cpu];
    if (g.live.size === 0) g.low = g.generation;
    g.live.set(g.generation, (g.live.get(g.generation) ?? 0) + 1);
    slot.generation = g.generation;
  }

  protected uncounted(slot: CountSlot): void {
    const g = this.gens[slot.cpu];
    const n = g.live.get(slot.generation)! - 1;
    if (n > 0) {
      g.live.set(slot.generation, n);
      return;
    }
    g.live.delete(slot.generation);
    const done: QuiescenceRequest[] = [];
    g.waiting.drainUpTo(g.oldestLive() - 1, (r) => {
      if (--r.detectorWaits === 0) done.push(r);
    });
    this.reachAll(done);
  }

  protected opened(r: QuiescenceRequest): void {
    const marker = new Map<number, number>();
    for (const cpu of r.cpus) {
      const g = this.gens[cpu];
      marker.set(cpu, g.generation);
      if (g.live.size > 0) {
        r.detectorWaits++;
        g.waiting.push(r, g.generation);
      }
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
    if (r.detectorWaits === 0) this.reach(r);
  }

  protected override detectorSteps(): number {
    let n = 0;
    for (const g of this.gens) n += g.steps + g.waiting.steps;
    return n;
  }
}
