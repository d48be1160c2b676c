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
  readonly done: QuiescenceRequest[] = [];
  private nextRequestId = 1;
  /** Threads counted right now, by id. */
  protected readonly live = new Map<number, Thread>();

  constructor(
    protected readonly kernel: Kernel,
    protected readonly bus: EventSink<QuiescenceEvent>,
  ) {}

  get cpuCount(): number {
    return this.kernel.cpus.length;
  }

  // ---- ThreadLifecycle ---------------------------------------------------------

  activate(thread: Thread, cpu: number): void {
    if (this.live.has(thread.id))
      panic(`${this.name}.activate`, `thread ${thread.id} is already counted`);
    this.live.set(thread.id, thread);
    thread.quiescence = this.counted(thread, cpu);
  }

  deactivate(thread: Thread): void {
    if (!this.live.delete(thread.id))
      panic(`${this.name}.deactivate`, `thread ${thread.id} is not counted`);
    const slot = thread.quiescence as CountSlot;
    for (const r of this.pending) {
      if (r.waitingFor.delete(thread.id) && r.waitingFor.size === 0) r.oracleTick = this.kernel.now;
    }
    this.uncounted(thread, slot);
  }

  generationOf(thread: Thread): number {
    return (thread.quiescence as CountSlot | undefined)?.generation ?? 0;
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
    );
    const covered = new Set(cpus);
    for (const t of this.live.values()) {
      if (covered.has((t.quiescence as CountSlot).cpu)) r.waitingFor.add(t.id);
    }
    if (r.waitingFor.size === 0) r.oracleTick = r.tickRequested;
    this.pending.push(r);
    if (this.bus.on) {
      this.bus.emit({
        type: 'quiescence.requested',
        request: r.id,
        detector: this.name,
        cpus,
        label: r.label,
        alive: r.waitingFor.size,
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
    r.state = 'cancelled';
    if (this.bus.on) this.bus.emit({ type: 'quiescence.cancelled', request: r.id });
    this.closed();
  }

  /** Mark `r` reached now and call its callback (after it left `pending`). */
  protected reach(r: QuiescenceRequest): void {
    const i = this.pending.indexOf(r);
    if (i < 0) panic(`${this.name}.reach`, `request ${r.id} is not pending`);
    if (r.waitingFor.size > 0) {
      panic(
        `${this.name}.reach`,
        `request ${r.id} reached while thread(s) ${[...r.waitingFor].join(', ')} alive at the request still run`,
      );
    }
    this.pending.splice(i, 1);
    r.state = 'reached';
    r.tickReached = this.kernel.now;
    this.done.push(r);
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
    const ids = new Set([...r.waitingFor, ...this.detectorBlockers(r)]);
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
    return [...this.live.values()].filter((t) => (t.quiescence as CountSlot).cpu === cpu);
  }

  protected abstract counted(thread: Thread, cpu: number): CountSlot;
  protected abstract uncounted(thread: Thread, slot: CountSlot): void;
  protected abstract opened(r: QuiescenceRequest): void;
  protected abstract check(r: QuiescenceRequest): boolean;
  /** A request left `pending` (reached or cancelled). */
  protected closed(): void {}
}
