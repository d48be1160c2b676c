/**
 * QuiescenceDetector: the common part of every detector (K42, event-driven,
 * oracle). It is the kernel's ThreadLifecycle port, keeps the oracle's exact
 * view of each request (which threads alive at the request still live), and
 * reports blockers and lag the same way for all detectors.
 *
 * Interface: `request(onReached, {cpus, label})` returns a QuiescenceRequest;
 * `cancel(request)`; `blockers(request)`; `generationOf(thread)`. Subclasses
 * implement `counted` / `uncounted` (their generation bookkeeping), `opened`
 * (a request began) and `check` (is a pending request reached now?).
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
import { QuiescenceRequest } from './quiescence-request.ts';
import type { QuiescenceEvent } from './quiescence-events.ts';

export interface RequestOptions {
  /** CPUs the request covers; default all. */
  readonly cpus?: readonly number[];
  readonly label?: string;
}

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

/** What a detector keeps in thread.quiescence. */
export interface CountSlot {
  /** CPU the thread was counted on. */
  readonly cpu: number;
  /** Generation it was counted in (detector-specific numbering). */
  readonly generation: number;
  readonly tickCounted: number;
}

export abstract class QuiescenceDetector implements ThreadLifecycle {
  abstract readonly name: string;
  readonly pending: QuiescenceRequest[] = [];
  /** Requests reached so far. */
  reachedCount = 0;
  private nextRequestId = 1;
  /** Threads counted right now, by id. */
  protected readonly live = new Map<number, Thread>();
  /** Per CPU: thread id -> activation number, in activation order (oldest first). */
  private readonly liveByCpu: Map<number, number>[];
  private activations = 0;
  /** Pending requests whose oracle tick is still unknown: machine-wide ones (in watermark order), and the rest. */
  private readonly awaitAll: QuiescenceRequest[] = [];
  private readonly awaitSome: QuiescenceRequest[] = [];

  constructor(
    protected readonly kernel: Kernel,
    protected readonly bus: EventSink<QuiescenceEvent>,
  ) {
    this.liveByCpu = kernel.cpus.map(() => new Map());
  }

  get cpuCount(): number {
    return this.kernel.cpus.length;
  }

  // ---- ThreadLifecycle ---------------------------------------------------------

  activate(thread: Thread, cpu: number): void {
    if (this.live.has(thread.id))
      panic(`${this.name}.activate`, `thread ${thread.id} is already counted`);
    this.live.set(thread.id, thread);
    this.liveByCpu[cpu].set(thread.id, this.activations++);
    thread.quiescence = this.counted(thread, cpu);
  }

  deactivate(thread: Thread): void {
    if (!this.live.delete(thread.id))
      panic(`${this.name}.deactivate`, `thread ${thread.id} is not counted`);
    const slot = thread.quiescence as CountSlot;
    this.liveByCpu[slot.cpu].delete(thread.id);
    if (this.awaitAll.length + this.awaitSome.length > 0) this.noteOracle();
    this.uncounted(thread, slot);
  }

  generationOf(thread: Thread): number {
    return (thread.quiescence as CountSlot | undefined)?.generation ?? 0;
  }

  // ---- the oracle: exactly when every thread counted at a request has gone ----

  /** True when no thread counted before `r` (activation number below its watermark) is still counted on its CPUs. */
  protected oracleSatisfied(r: QuiescenceRequest): boolean {
    for (const cpu of r.cpus) {
      const oldest = this.liveByCpu[cpu].values().next();
      if (oldest.done !== true && oldest.value < r.watermark) return false;
    }
    return true;
  }

  /** A thread left: stamp the oracle tick of the requests it was the last holder of. */
  private noteOracle(): void {
    const all = this.awaitAll;
    let n = 0;
    while (n < all.length && this.oracleSatisfied(all[n])) all[n++].oracleTick = this.kernel.now;
    if (n > 0) all.splice(0, n);
    for (let i = this.awaitSome.length - 1; i >= 0; i--) {
      const r = this.awaitSome[i];
      if (this.oracleSatisfied(r)) {
        r.oracleTick = this.kernel.now;
        this.awaitSome.splice(i, 1);
      }
    }
  }

  /** Ids of the threads counted at the request that are still counted (the oracle's blockers). */
  aliveFrom(r: QuiescenceRequest): number[] {
    const ids: number[] = [];
    for (const cpu of r.cpus) {
      for (const [id, seq] of this.liveByCpu[cpu]) {
        if (seq >= r.watermark) break;
        ids.push(id);
      }
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
    for (const cpu of cpus) alive += this.liveByCpu[cpu].size;
    if (alive === 0) r.oracleTick = r.tickRequested;
    else (cpus.length === this.cpuCount ? this.awaitAll : this.awaitSome).push(r);
    this.pending.push(r);
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
    const i = this.pending.indexOf(r);
    if (i < 0) return;
    this.pending.splice(i, 1);
    this.kernel.releaseRun();
    this.forgetOracle(r);
    r.state = 'cancelled';
    if (this.bus.on) this.bus.emit({ type: 'quiescence.cancelled', request: r.id });
    this.closed();
  }

  private forgetOracle(r: QuiescenceRequest): void {
    for (const list of [this.awaitAll, this.awaitSome]) {
      const i = list.indexOf(r);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** Mark `r` reached now and call its callback (after it left `pending`). */
  protected reach(r: QuiescenceRequest): void {
    const i = this.pending.indexOf(r);
    if (i < 0) panic(`${this.name}.reach`, `request ${r.id} is not pending`);
    if (!this.soundToReach(r)) {
      panic(
        `${this.name}.reach`,
        `request ${r.id} reached while thread(s) ${this.aliveFrom(r).join(', ')} alive at the request still run`,
      );
    }
    this.pending.splice(i, 1);
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
    this.closed();
    this.kernel.at(this.kernel.now, () => r.onReached(r), `quiescence ${r.id} reached`);
  }

  /** The soundness guard (a detector bug panics). Tests of the checkers override it to sabotage a detector. */
  protected soundToReach(r: QuiescenceRequest): boolean {
    return this.oracleSatisfied(r);
  }

  /** Reach every pending request `check` says is done, oldest first. */
  protected reachDone(): void {
    for (const r of [...this.pending]) if (r.state === 'pending' && this.check(r)) this.reach(r);
  }

  /**
   * Who holds `r` back: the threads alive at the request that still run, and
   * any the detector itself still waits for (a conservative detector such as
   * K42's also waits for threads counted in a generation it cannot advance past).
   */
  blockers(r: QuiescenceRequest): Blocker[] {
    const ids = new Set([...this.aliveFrom(r), ...this.detectorBlockers(r)]);
    return [...ids].flatMap((id) => {
      const t = this.live.get(id);
      return t === undefined ? [] : [this.describeBlocker(t)];
    });
  }

  private describeBlocker(t: Thread): Blocker {
    const slot = t.quiescence as CountSlot;
    const calls = t.calls.map((c) => ({
      call: c.id,
      object: c.objectName,
      method: c.method,
      sinceTick: c.tickEntered,
    }));
    return {
      thread: t.id,
      name: t.name,
      cpu: slot.cpu,
      generation: slot.generation,
      ageTicks: this.kernel.now - slot.tickCounted,
      calls,
    };
  }

  /** Threads the detector's own bookkeeping waits for beyond the oracle's; none by default. */
  protected detectorBlockers(_r: QuiescenceRequest): Iterable<number> {
    return [];
  }

  /** Live counted threads on `cpu`, in counting order. */
  protected liveOn(cpu: number): Thread[] {
    return [...this.liveByCpu[cpu].keys()].map((id) => this.live.get(id)!);
  }

  protected abstract counted(thread: Thread, cpu: number): CountSlot;
  protected abstract uncounted(thread: Thread, slot: CountSlot): void;
  protected abstract opened(r: QuiescenceRequest): void;
  protected abstract check(r: QuiescenceRequest): boolean;
  /** A request left `pending` (reached or cancelled). */
  protected closed(): void {}
}
