/**
 * K42Detector: K42's quiescence detection (COSMgrObject, ActiveThrdCnt):
 * per-CPU generation counters advanced only when polled, markers that elapse
 * after two advances, and a token that circulates round the CPUs for
 * machine-wide requests.
 *
 * Polling: while any request is pending, a background kernel action (it
 * does not keep a run alive by itself) runs every `pollTicks`; on each CPU the request involves it calls updateTheGen (two
 * advance attempts). A request for a subset of CPUs takes a marker
 * (genCount) per CPU and is reached when every one has elapsed.
 *
 * Token ring (machine-wide requests): the token rests at a CPU; when it
 * arrives there the CPU takes a marker, and passes the token on only when that
 * marker has elapsed. Each arrival back at CPU 0 increments the global
 * generation, which starts at the number of CPUs (K42 VPLimit). A global
 * request takes the global generation as its marker and is reached when the
 * global generation is at least marker + 2: one partial round and then one
 * whole round after the request.
 *
 * A machine-wide request with `markers: 'per-cpu'` (the hot swap's wait,
 * K42's CObjRootMediator workers: one per CPU, each setting a VP marker and
 * polling until it elapses) takes a marker on every CPU instead of the
 * global one; it is reached when every CPU's marker has elapsed, without
 * waiting for the token to come round.
 *
 * Cost: a poll is O(CPUs) plus the requests it reaches. Markers only grow,
 * so the requests waiting on each CPU's genCount, and the machine-wide ones
 * waiting on the global generation, are FIFO queues by marker; a poll pops
 * the ones whose markers have elapsed. Each CPU counts the pending per-CPU
 * requests whose marker on it has not yet elapsed (the CPUs a poll updates:
 * as a K42 swap worker, a CPU stops being polled for a request once its
 * marker there has elapsed). Invariant: a CPU's marker has elapsed exactly
 * when the request has been drained from that CPU's queue (genCount moves
 * only in a poll, which drains right after).
 *
 * Planted bug (docs/CHECKING.md, "Planted core bugs"): plantEarlyGeneration()
 * makes every marker elapse one generation early and turns off the
 * detector's own soundness guard, so only the checkers can catch it. Only
 * plantCoreBug (src/faults/plant-core-bug.ts) calls it; never by default.
 */
import type { EventSink, Kernel, Thread } from '../kernel/index.ts';
import { ActiveThreadCount } from './active-thread-count.ts';
import {
  MARKER_MODES,
  QuiescenceDetector,
  type MarkerMode,
  type RequestOptions,
} from './quiescence-detector.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';
import { RequestQueue } from './request-queue.ts';

type K42Marker = { readonly global: number } | { readonly perCpu: ReadonlyMap<number, number> };

export class K42Detector extends QuiescenceDetector {
  readonly name = 'k42';
  readonly counts: ActiveThreadCount[];
  global: number;
  tokenAt = 0;
  private tokenMarker = -1;
  private polling = false;
  polls = 0;
  /** Per CPU: pending per-CPU requests by marker, and how many pending ones cover the CPU. */
  private readonly waiting: RequestQueue[];
  private readonly involved: number[];
  /** Pending machine-wide requests by global marker, and how many are pending. */
  private readonly waitingGlobal = new RequestQueue('k42 detector global');
  private globalPending = 0;
  /** The marker mode of the request being opened (read by `opened`). */
  private opening: MarkerMode = 'token-ring';
  /** Planted bug on: markers elapse one generation early, no soundness guard. */
  private plantedEarly = false;

  constructor(
    kernel: Kernel,
    bus: EventSink<QuiescenceEvent>,
    readonly pollTicks: number,
  ) {
    super(kernel, bus);
    if (!Number.isInteger(pollTicks) || pollTicks < 1)
      throw new RangeError(`k42 detector: pollTicks must be an integer >= 1, got ${pollTicks}`);
    this.counts = kernel.cpus.map((c) => new ActiveThreadCount(c.index));
    this.global = kernel.cpus.length;
    this.waiting = kernel.cpus.map((c) => new RequestQueue(`k42 detector cpu ${c.index}`));
    this.involved = kernel.cpus.map(() => 0);
  }

  /** Plant the bug 'early-generation': a marker elapses after one advance, not two (never by default). */
  plantEarlyGeneration(): void {
    this.plantedEarly = true;
    for (const c of this.counts) c.generationsToElapse = 1;
  }

  protected override soundToReach(r: QuiescenceRequest): boolean {
    return this.plantedEarly || super.soundToReach(r);
  }

  /** The thread keeps the genCount it was counted at; its parity is K42's counter slot (ActiveThreadCount.slotOf). */
  protected counted(t: Thread, cpu: number): void {
    const c = this.counts[cpu];
    c.count();
    t.countGeneration = c.genCount;
  }

  protected uncounted(t: Thread, cpu: number): void {
    this.counts[cpu].uncount(ActiveThreadCount.slotOf(t.countGeneration));
  }

  override request(
    onReached: (r: QuiescenceRequest) => void,
    options: RequestOptions = {},
  ): QuiescenceRequest {
    if (options.markers !== undefined && !MARKER_MODES.includes(options.markers))
      throw new RangeError(
        `quiescence request: markers must be one of ${MARKER_MODES.join(', ')}, got '${String(options.markers)}'`,
      );
    this.opening = options.markers ?? 'token-ring';
    try {
      return super.request(onReached, options);
    } finally {
      this.opening = 'token-ring';
    }
  }

  protected opened(r: QuiescenceRequest): void {
    if (r.cpus.length === this.cpuCount && this.opening === 'token-ring') {
      r.marker = { global: this.global } satisfies K42Marker;
      r.detectorWaits = 1;
      this.waitingGlobal.push(r, this.global);
      this.globalPending++;
    } else {
      r.marker = {
        perCpu: new Map(r.cpus.map((c) => [c, this.counts[c].genCount])),
      } satisfies K42Marker;
      for (const c of r.cpus) {
        r.detectorWaits++;
        this.waiting[c].push(r, this.counts[c].genCount);
        this.involved[c]++;
      }
    }
    this.schedulePoll(this.kernel.now);
  }

  protected override closed(r: QuiescenceRequest): void {
    const m = r.marker as K42Marker;
    if ('global' in m) this.globalPending--;
    else
      for (const [c, marker] of m.perCpu) if (!this.counts[c].elapsed(marker)) this.involved[c]--;
  }

  /** The pending requests whose markers have all elapsed (a marker m elapses at genCount m + 2; a global one at global m + 2). */
  private elapsedRequests(): QuiescenceRequest[] {
    const done: QuiescenceRequest[] = [];
    const met = (r: QuiescenceRequest): void => {
      if (--r.detectorWaits === 0) done.push(r);
    };
    for (const c of this.counts)
      this.waiting[c.cpu].drainUpTo(c.genCount - c.generationsToElapse, (r) => {
        this.involved[c.cpu]--; // K42's swap worker stops polling its VP once its marker elapsed
        met(r);
      });
    this.waitingGlobal.drainUpTo(this.global - (this.plantedEarly ? 1 : 2), met);
    return done;
  }

  protected override detectorSteps(): number {
    let n = this.waitingGlobal.steps;
    for (const q of this.waiting) n += q.steps;
    return n;
  }

  /** The threads counted on the CPUs whose generation still has to advance for `r`. */
  protected override detectorBlockers(r: QuiescenceRequest): number[] {
    const m = r.marker as K42Marker;
    const cpus =
      'global' in m
        ? [this.tokenAt]
        : [...m.perCpu]
            .filter(([cpu, marker]) => !this.counts[cpu].elapsed(marker))
            .map(([cpu]) => cpu);
    return cpus.flatMap((cpu) => this.liveOn(cpu).map((t) => t.id));
  }

  private schedulePoll(tick: number): void {
    if (this.polling) return;
    this.polling = true;
    this.kernel.at(tick, () => this.poll(), 'k42 poll', true);
  }

  private poll(): void {
    this.polling = false;
    this.polls++;
    const global = this.globalPending > 0;
    for (const c of this.counts) {
      if (this.involved[c.cpu] > 0 || (global && this.tokenAt === c.cpu)) this.update(c);
      if (global && this.tokenAt === c.cpu) this.moveToken(c);
    }
    this.reachAll(this.elapsedRequests());
    if (this.pendingCount > 0) this.schedulePoll(this.kernel.now + this.pollTicks);
  }

  private update(c: ActiveThreadCount): void {
    const before = c.genCount;
    const failedBefore = c.failedAdvances;
    c.updateTheGen();
    if (!this.bus.on) return;
    for (let g = before + 1; g <= c.genCount; g++)
      this.bus.emit({
        type: 'generation.advanced',
        cpu: c.cpu,
        generation: g,
        detector: this.name,
      });
    if (c.failedAdvances > failedBefore)
      this.bus.emit({ type: 'generation.advance-failed', cpu: c.cpu, older: c.older });
  }

  /** The token holder passes it on once its marker (taken on arrival) has elapsed. */
  private moveToken(c: ActiveThreadCount): void {
    if (this.tokenMarker < 0) this.tokenMarker = c.genCount;
    if (!c.elapsed(this.tokenMarker)) return;
    const to = (c.cpu + 1) % this.cpuCount;
    if (to === 0) this.global++;
    this.tokenAt = to;
    this.tokenMarker = this.counts[to].genCount;
    if (this.bus.on)
      this.bus.emit({ type: 'quiescence.token-passed', from: c.cpu, to, global: this.global });
  }
}
