/**
 * QuiescenceDetector: the common part of every detector (K42, event-driven,
 * oracle). It is the kernel's ThreadLifecycle port, keeps the oracle's exact
 * view of each request (which threads alive at the request still live), and
 * reports blockers and lag the same way for all detectors.
 *
 * Interface: `request(onReached, {cpus, label})` returns a QuiescenceRequest;
 * `cancel(request)`; `blockers(request)`; `generationOf(thread)`; `pending`,
 * `pendingCount`. Subclasses implement `counted` / `uncounted` (their
 * generation bookkeeping), `opened` (a request began) and `closed`, and
 * reach requests with `reachAll`.
 *
 * Cost: O(1) amortised per count, per uncount and per request CPU, whatever
 * the number of pending requests and live threads. Each CPU keeps its
 * activations oldest first (CpuActivations) and the requests still waiting
 * on it by watermark (RequestQueue); an uncount pops only the requests it
 * meets. The subclasses index their own waits the same way.
 *
 * Where a count lives: on the Thread (`countCpu`, `countSeq`,
 * `countGeneration`, `tickCounted`; K42 keeps the counter pointer in the
 * thread too) and in per-CPU arrays; counting and uncounting a thread
 * allocate nothing and touch no Map (docs/QUIESCENCE.md, "Data structures").
 *
 * Invariant (soundness, checked by test/quiescence and checkers/): a request
 * is never reached while a thread that was counted at the request on one of
 * its CPUs is still counted.
 */
import {
  panic,
  type EventSink,
  type Kernel,
  type Thread,
  type ThreadLifecycle,
} from '../kernel/index.ts';
import { CpuActivations } from './cpu-activations.ts';
import { QuiescenceRequest } from './quiescence-request.ts';
import { RequestQueue } from './request-queue.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';

export interface RequestOptions {
  /** CPUs the request covers; default all. */
  readonly cpus?: readonly number[];
  readonly label?: string;
  /**
   * How a K42 detector waits for a request covering every CPU: 'token-ring'
   * (default: the global generation, K42's destruction path) or 'per-cpu'
   * (a marker per CPU, as K42's hot-swap workers do). Other detectors, and
   * requests for a subset of CPUs (always per CPU), ignore it.
   */
  readonly markers?: MarkerMode;
}

/** The two ways K42 waits for quiescence (RequestOptions.markers). */
export type MarkerMode = 'per-cpu' | 'token-ring';
export const MARKER_MODES: readonly MarkerMode[] = ['per-cpu', 'token-ring'];

/** A thread holding a request back: who, where, since when, inside what. */
export interface Blocker {
  readonly thread: number;
  readonly name: string;
  readonly cpu: number;
  readonly generation: number;
  readonly ageTicks: number;
  readonly calls: readonly {
    readonly call: number;
    readonly object: string;
    readonly method: string;
    readonly sinceTick: number;
  }[];
}

/** The requests an uncount met, when no request waits (shared, never written). */
const NONE_MET: readonly QuiescenceRequest[] = Object.freeze([]);

export abstract class QuiescenceDetector implements ThreadLifecycle {
  abstract readonly name: string;
  private readonly pendingSet = new Set<QuiescenceRequest>();
  /** Requests reached so far. */
  reachedCount = 0;
  private nextRequestId = 1;
  /** Per CPU: the activations counted there, oldest first (the oracle's view). */
  private readonly activationsOn: CpuActivations[];
  /** Activations so far: the next activation's number, and a request's watermark. */
  private activations = 0;
  /** Per CPU: pending requests whose oracle tick is unknown, by watermark. */
  private readonly oracleQueues: RequestQueue[];

  constructor(
    protected readonly kernel: Kernel,
    protected readonly bus: EventSink<QuiescenceEvent>,
  ) {
    this.activationsOn = kernel.cpus.map(() => new CpuActivations());
    this.oracleQueues = kernel.cpus.map(
      (c) => new RequestQueue(`${this.constructor.name} cpu ${c.index}`),
    );
  }

  get cpuCount(): number {
    return this.kernel.cpus.length;
  }

  /** Pending requests, oldest first (a copy). */
  get pending(): readonly QuiescenceRequest[] {
    return [...this.pendingSet];
  }

  get pendingCount(): number {
    return this.pendingSet.size;
  }

  /** Bookkeeping work so far: entries visited by every index (a measure that does not depend on the machine). */
  get bookkeepingSteps(): number {
    let n = this.detectorSteps();
    for (const a of this.activationsOn) n += a.steps;
    for (const q of this.oracleQueues) n += q.steps;
    return n;
  }

  // ---- ThreadLifecycle ---------------------------------------------------------

  activate(thread: Thread, cpu: number): void {
    if (thread.countCpu >= 0)
      panic(`${this.name}.activate`, `thread ${thread.id} is already counted`);
    thread.countCpu = cpu;
    thread.countSeq = this.activations++;
    thread.tickCounted = this.kernel.now;
    this.activationsOn[cpu].add(thread);
    this.counted(thread, cpu);
  }

  deactivate(thread: Thread): void {
    const cpu = thread.countCpu;
    if (cpu < 0) panic(`${this.name}.deactivate`, `thread ${thread.id} is not counted`);
    thread.countCpu = -1;
    thread.countSeq = -1; // its entry in activationsOn[cpu] is dead from now on
    const on = this.activationsOn[cpu];
    on.retire();
    this.uncounted(thread, cpu, this.noteOracle(cpu, on.oldestSeq()));
  }

  /** The generation the thread was last counted in (0 if never). */
  generationOf(thread: Thread): number {
    return thread.countGeneration;
  }

  /** The CPU a thread is counted on now (where a marker covers it), or -1 if it is not counted. */
  countedCpuOf(thread: Thread): number {
    return thread.countCpu;
  }

  // ---- the oracle: exactly when every thread counted at a request has gone ----

  /** True when no thread counted before `r` (activation number below its watermark) is still counted on its CPUs. */
  protected oracleSatisfied(r: QuiescenceRequest): boolean {
    for (const cpu of r.cpus) if (this.activationsOn[cpu].oldestSeq() < r.watermark) return false;
    return true;
  }

  /** The oldest activation on `cpu` is now `oldest`: stamp the oracle tick of the requests this meets on every CPU; returns them. */
  private noteOracle(cpu: number, oldest: number): readonly QuiescenceRequest[] {
    const queue = this.oracleQueues[cpu];
    if (queue.size === 0) return NONE_MET; // no request waits: nothing to allocate
    const met: QuiescenceRequest[] = [];
    queue.drainUpTo(oldest, (r) => {
      if (--r.oracleWaits > 0) return;
      r.oracleTick = this.kernel.now;
      met.push(r);
    });
    return met;
  }

  /** Ids of the threads counted at the request that are still counted (the oracle's blockers). */
  aliveFrom(r: QuiescenceRequest): number[] {
    const ids: number[] = [];
    for (const cpu of r.cpus) {
      for (const t of this.activationsOn[cpu].aliveBelow(r.watermark)) ids.push(t.id);
    }
    return ids;
  }

  // ---- requests --------------------------------------------------------------

  request(
    onReached: (r: QuiescenceRequest) => void,
    options: RequestOptions = {},
  ): QuiescenceRequest {
    const cpus = this.checkCpus(options.cpus);
    const r = new QuiescenceRequest(
      this.nextRequestId++,
      cpus,
      this.kernel.now,
      options.label ?? '',
      onReached,
      this.activations,
    );
    r.aliveAtRequest = () => this.aliveFrom(r);
    let alive = 0;
    for (const cpu of cpus) {
      const live = this.activationsOn[cpu].live;
      alive += live;
      if (live === 0) continue;
      r.oracleWaits++;
      this.oracleQueues[cpu].push(r, r.watermark);
    }
    if (r.oracleWaits === 0) r.oracleTick = r.tickRequested;
    this.pendingSet.add(r);
    this.kernel.holdRun(); // a pending request keeps the run alive, whatever the detector
    if (this.bus.on) {
      this.bus.emit({
        type: 'quiescence.requested',
        request: r.id,
        detector: this.name,
        cpus,
        label: r.label,
        alive,
      });
    }
    this.opened(r);
    return r;
  }

  private checkCpus(cpus: readonly number[] | undefined): readonly number[] {
    if (cpus === undefined) return this.kernel.cpus.map((c) => c.index);
    for (const c of cpus) {
      if (!Number.isInteger(c) || c < 0 || c >= this.cpuCount) {
        throw new RangeError(
          `quiescence request: cpu ${c} does not exist (cpus 0..${this.cpuCount - 1})`,
        );
      }
    }
    return [...new Set(cpus)].sort((a, b) => a - b);
  }

  cancel(r: QuiescenceRequest): void {
    if (!this.pendingSet.delete(r)) return;
    this.kernel.releaseRun();
    r.state = 'cancelled'; // the queues drop it when they reach it
    if (this.bus.on) this.bus.emit({ type: 'quiescence.cancelled', request: r.id });
    this.closed(r);
  }

  /** Mark `r` reached now and call its callback (after it left `pending`). */
  protected reach(r: QuiescenceRequest): void {
    if (!this.pendingSet.has(r)) panic(`${this.name}.reach`, `request ${r.id} is not pending`);
    if (!this.soundToReach(r)) {
      panic(
        `${this.name}.reach`,
        `request ${r.id} reached while thread(s) ${this.aliveFrom(r).join(', ')} alive at the request still run`,
      );
    }
    this.pendingSet.delete(r);
    this.kernel.releaseRun();
    r.state = 'reached';
    r.tickReached = this.kernel.now;
    this.reachedCount++;
    if (this.bus.on) {
      this.bus.emit({
        type: 'quiescence.reached',
        request: r.id,
        detector: this.name,
        latencyTicks: r.latencyTicks,
        oracleTick: r.oracleTick,
        lagTicks: r.lagTicks,
      });
    }
    this.closed(r);
    this.kernel.at(this.kernel.now, () => r.onReached(r), `quiescence ${r.id} reached`);
  }

  /** Reach the requests found done at one moment, oldest first (the order the event log has always had). */
  protected reachAll(done: readonly QuiescenceRequest[]): void {
    if (done.length > 1) done = [...done].sort((a, b) => a.id - b.id);
    for (const r of done) if (r.state === 'pending') this.reach(r);
  }

  /** The soundness guard (a detector bug panics). Tests of the checkers override it to sabotage a detector. */
  protected soundToReach(r: QuiescenceRequest): boolean {
    return this.oracleSatisfied(r);
  }

  /**
   * Who holds `r` back: the threads alive at the request that still run, and
   * any the detector itself still waits for (a conservative detector such as
   * K42's also waits for threads counted in a generation it cannot advance past).
   */
  blockers(r: QuiescenceRequest): Blocker[] {
    const ids = new Set([...this.aliveFrom(r), ...this.detectorBlockers(r)]);
    const threads = new Map<number, Thread>();
    for (const on of this.activationsOn) for (const t of on.liveThreads()) threads.set(t.id, t);
    return [...ids].flatMap((id) => {
      const t = threads.get(id);
      return t === undefined ? [] : [this.describeBlocker(t)];
    });
  }

  private describeBlocker(t: Thread): Blocker {
    const calls = t.frames.map((c) => ({
      call: c.id,
      object: c.objectName,
      method: c.method,
      sinceTick: c.tickEntered,
    }));
    return {
      thread: t.id,
      name: t.name,
      cpu: t.countCpu,
      generation: t.countGeneration,
      ageTicks: this.kernel.now - t.tickCounted,
      calls,
    };
  }

  /** Threads the detector's own bookkeeping waits for beyond the oracle's; none by default. */
  protected detectorBlockers(_r: QuiescenceRequest): Iterable<number> {
    return [];
  }

  /** Live counted threads on `cpu`, in counting order. */
  protected liveOn(cpu: number): Thread[] {
    return [...this.activationsOn[cpu].liveThreads()];
  }

  /** How many threads are counted on `cpu`. */
  protected liveCountOn(cpu: number): number {
    return this.activationsOn[cpu].live;
  }

  /** `thread` was counted on `cpu`: do the detector's own counting and set `thread.countGeneration`. */
  protected abstract counted(thread: Thread, cpu: number): void;
  /** `thread` was uncounted from `cpu`; `oracleMet` are the requests whose last holder it was. */
  protected abstract uncounted(
    thread: Thread,
    cpu: number,
    oracleMet: readonly QuiescenceRequest[],
  ): void;
  /** `r` was made (its oracle fields are set). */
  protected abstract opened(r: QuiescenceRequest): void;
  /** `r` left `pending` (reached or cancelled). */
  protected closed(_r: QuiescenceRequest): void {}
  /** The detector's own bookkeeping work (see `bookkeepingSteps`). */
  protected detectorSteps(): number {
    return 0;
  }
}
