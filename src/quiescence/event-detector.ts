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
 *
 * Storage: per CPU, an array of live counts indexed by generation - `base`
 * (generations only grow, so it is a sliding window from `low` to the
 * current one; it restarts when the CPU has no counted thread and is cut
 * when `low` has passed more than half of it). No Map; counting a thread
 * allocates nothing once the window has room.
 */
import type { EventSink, Kernel, Thread } from '../kernel/index.ts';
import { QuiescenceDetector } from './quiescence-detector.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';
import { RequestQueue } from './request-queue.ts';

const CUT_AT = 1024;

class CpuGenerations {
  generation = 0;
  /** live[g - base]: threads counted in generation g and still counted (base <= low <= generation). */
  private live: number[] = [];
  private base = 0;
  /** Threads counted on this CPU, every generation together. */
  liveTotal = 0;
  /** The oldest generation with a live thread (meaningful while liveTotal > 0). */
  low = 0;
  steps = 0;
  /** Requests waiting for every generation up to their marker to drain, by marker. */
  readonly waiting: RequestQueue;

  constructor(cpu: number) {
    this.waiting = new RequestQueue(`event detector cpu ${cpu}`);
  }

  /** Count a thread in the current generation; returns it. */
  count(): number {
    if (this.liveTotal === 0) {
      this.live.length = 0;
      this.base = this.low = this.generation;
    }
    const i = this.generation - this.base;
    while (this.live.length <= i) this.live.push(0);
    this.live[i]++;
    this.liveTotal++;
    return this.generation;
  }

  /** Uncount a thread counted in `generation`; true when that generation has drained. */
  uncount(generation: number): boolean {
    this.liveTotal--;
    return --this.live[generation - this.base] === 0;
  }

  /** The oldest generation with a live thread; Infinity when none. */
  oldestLive(): number {
    if (this.liveTotal === 0) return Infinity;
    while (this.live[this.low - this.base] === 0) {
      this.low++;
      this.steps++;
    }
    const passed = this.low - this.base;
    if (passed > CUT_AT && passed * 2 > this.live.length) {
      this.live = this.live.slice(passed);
      this.base = this.low;
      this.steps += this.live.length;
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

  protected counted(t: Thread, cpu: number): void {
    t.countGeneration = this.gens[cpu].count();
  }

  protected uncounted(t: Thread, cpu: number): void {
    const g = this.gens[cpu];
    if (!g.uncount(t.countGeneration)) return;
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
      if (g.liveTotal > 0) {
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
