/**
 * CallPaths: how a call through a ref reaches an implementation (the half of
 * the translation table that is not object management; translation-table.ts
 * extends it).
 *
 * Interface:
 *   resolve(entry, cpu)   the implementation a call on `cpu` reaches: the
 *                         target, or that CPU's rep (a local-table miss makes
 *                         it, K42 handleMiss)
 *   callPlain / callOp    the call paths the generated refs use (RefHost)
 *   reach / reachOp       the end of a mediator chain: run the method
 *   threadsInside(entry)  threads inside an object now, with their calls
 *   madeOp                a ref made a generator call: one a thread never runs
 *                         in its step is thrown back at it (unrun-ops.ts)
 *   journal               the transactions' hook (TranslationTable.setJournal):
 *                         told of every call that reaches an implementation
 *
 * A call that is mediated, observed, counted or a generator call gets a Call
 * record: entered and exited are reported, a generator call sits on its
 * thread's call stack between its two preemption points. A plain call on an
 * unmediated, unobserved entry takes the generated fast path and never gets
 * here, or takes the short branch at the top of callPlain.
 *
 * Invariants (panic if broken): a thread leaves its innermost call first.
 * Errors: a call on a destroyed entry throws StaleRefError; a generator call
 * from kernel context NotInThreadError; nesting past callDepthMax
 * CallDepthError.
 */
import {
  describeError,
  panic,
  type EventSink,
  type Kernel,
  type Op,
  type Thread,
} from '../kernel/index.ts';
import { Call } from './call.ts';
import { attachClusterView } from './clustered-object.ts';
import { isIterator, methodOf } from './method-of.ts';
import type { MethodKind } from './method-kinds.ts';
import type { RefHost } from './object-ref.ts';
import type { MethodStats, TableEntry } from './table-entry.ts';
import { CallDepthError, NotInThreadError, StaleRefError } from './table-errors.ts';
import { directEntered, directExited, directReached } from './call-events-direct.ts';
import { UnrunOps } from './unrun-ops.ts';
import { OpCall, type OpCallHost } from './op-call.ts';
import type { TableEvent } from './table-events.ts';

/** Default of the callDepthMax option: well inside the JS stack at any stack size Node accepts. */
export const DEFAULT_CALL_DEPTH_MAX = 1000;

/** The error of a call that returned (so `undefined` can be a thrown value). */
const NO_ERROR: unknown = Symbol('no error');

export type Construct = (cls: Function, args: readonly unknown[]) => object;

export abstract class CallPaths implements RefHost, OpCallHost {
  construct: Construct = (cls, args) => new (cls as new (...a: unknown[]) => object)(...args);
  generationOf: (thread: Thread) => number = () => 0;
  /** Per-CPU local tables: entry id -> that CPU's rep (clustered objects). */
  readonly local: (object | undefined)[][];
  /** Scratch: the implementation the last arrive() resolved. */
  private arrivedAt: object | null = null;
  protected nextCallId = 1;
  /** Plain calls through the table in progress (they nest inside one step). */
  private plainDepth = 0;
  /** Generator calls made in the current step, to find one never run (missing yield*). */
  private readonly unrun: UnrunOps;
  /** The transactions' journal hook (setJournal), or null: every reach is reported to it. */
  protected journal: ((call: Call, impl: object) => void) | null = null;

  constructor(
    protected readonly kernel: Kernel,
    readonly bus: EventSink<TableEvent>,
    /** Count calls per entry and method (objects.info().stats); off keeps the fast path. */
    protected readonly callStats = false,
    /** Deepest nesting of calls through the table (generator calls of a thread plus plain calls inside them). */
    private readonly callDepthMax = DEFAULT_CALL_DEPTH_MAX,
  ) {
    this.local = kernel.cpus.map(() => []);
    this.unrun = new UnrunOps(kernel);
    if (kernel.stepEnded !== null)
      throw new RangeError(
        'TranslationTable: this kernel already has a table; make a new kernel (or simulation) for another',
      );
    kernel.stepEnded = (t) => this.unrun.endStep(t, kernel.threads);
  }

  // ---- reaching an implementation -------------------------------------------

  /** The implementation a call on `cpu` reaches: the target, or that CPU's rep. */
  resolve(entry: TableEntry, cpu: number): object {
    if (!entry.clustered) return entry.target!;
    const rep = this.local[cpu][entry.id];
    return rep === undefined ? this.miss(entry, cpu) : rep;
  }

  /** K42 handleMiss: the root finds or makes this CPU's rep and installs it locally. */
  private miss(entry: TableEntry, cpu: number): object {
    const reps = entry.reps;
    if (reps === null || entry.state === 'destroyed') throw new StaleRefError(entry, 'a call');
    let rep = reps[cpu];
    if (rep === undefined) {
      rep = this.construct(entry.cls, entry.args);
      reps[cpu] = rep;
      this.attachCluster(reps, rep, cpu);
      if (this.bus.on) this.bus.emit({ type: 'object.rep-created', object: entry.id, cpu });
    }
    this.local[cpu][entry.id] = rep;
    return rep;
  }

  /** Give a rep its root's view over `reps` (the array the root keeps its reps in). */
  attachCluster(reps: readonly (object | undefined)[], rep: object, cpu: number): void {
    attachClusterView(reps, rep, cpu);
  }

  /**
   * A call arrives at an implementation: resolve it for the current CPU (a
   * rep miss makes it), pick the method (or its stub), stamp the version.
   * Returns the method; the implementation is left in `arrivedAt` (a scratch
   * field read right away by the caller, so no pair is allocated per call).
   */
  private arrive(call: Call): Function {
    const entry = call.entry;
    if (entry.state !== 'live' && !entry.admits(call.id))
      throw new StaleRefError(entry, call.method);
    const cpu = this.kernel.currentCpu;
    const impl = this.resolve(entry, cpu);
    if (!entry.reachedOn(cpu)) entry.addReached(cpu, this.kernel.cpus.length);
    const fn = methodOf(entry, impl, call.method);
    call.version = entry.version;
    call.reached++;
    // Function.prototype.name is a slow accessor: use the factory's copy when it is that class.
    const ctor = impl.constructor;
    call.impl = ctor === entry.factory.cls ? entry.factory.name : ctor.name;
    if (this.bus.on) this.emitReached(call.id, entry, call.impl, cpu);
    if (this.journal !== null) this.journal(call, impl);
    this.arrivedAt = impl;
    return fn;
  }

  /** The end of the chain for a plain call: run the implementation's method. */
  reach(call: Call): unknown {
    const fn = this.arrive(call);
    return fn.apply(this.arrivedAt, call.args);
  }

  /** The end of the chain for a generator call. A stub may return a plain value. */
  *reachOp(call: Call): Op<unknown> {
    const fn = this.arrive(call);
    const r = fn.apply(this.arrivedAt, call.args) as unknown;
    if (isIterator(r)) return yield* r;
    return r;
  }

  // ---- the call paths ------------------------------------------------------------

  private newCall(
    entry: TableEntry,
    method: string,
    args: unknown[],
    kind: MethodKind,
    t: Thread | null,
  ): Call {
    const k = this.kernel;
    return new Call(
      this.nextCallId++,
      entry,
      method,
      args,
      kind,
      t ? t.id : -1,
      t ? t.name : 'kernel',
      k.currentCpu,
      t ? this.generationOf(t) : 0,
      k.now,
    );
  }

  /** Per-method stats of the call's entry (only with callStats on). */
  private countEntry(call: Call): void {
    const ext = call.entry.extension();
    let s: MethodStats | undefined;
    if (ext.lastMethod === call.method) s = ext.lastStats!;
    else {
      s = ext.stats.get(call.method);
      if (s === undefined) ext.stats.set(call.method, (s = { calls: 0, failed: 0, inFlight: 0 }));
      ext.lastMethod = call.method;
      ext.lastStats = s;
    }
    s.calls++;
    if (call.kind === 'op') s.inFlight++;
    call.stats = s;
  }

  private entered(call: Call): void {
    if (this.callStats) this.countEntry(call);
    if (this.bus.on)
      this.emitEntered(call.id, call.entry, call.method, call.thread, call.cpu, call.args);
  }

  private exited(call: Call, result: unknown, error: unknown, failed: boolean): void {
    call.result = result;
    call.error = error;
    call.tickExited = this.kernel.now;
    const s = call.stats;
    if (s !== null) {
      if (call.kind === 'op') s.inFlight--;
      if (failed) s.failed++;
    }
    if (this.bus.on)
      this.emitExited(call.id, call.entry, call.method, call.thread, failed ? error : NO_ERROR);
  }

  // ---- the call events: hashed field by field when nobody subscribes -------

  private emitEntered(
    id: number,
    entry: TableEntry,
    method: string,
    thread: number,
    cpu: number,
    args: unknown[],
  ): void {
    const d = this.bus.direct;
    if (d !== null) directEntered(d, id, entry.id, entry.name, method, thread, cpu, args);
    else
      this.bus.emit({
        type: 'call.entered',
        call: id,
        object: entry.id,
        objectName: entry.name,
        method,
        thread,
        cpu,
        args,
      });
  }

  private emitReached(id: number, entry: TableEntry, impl: string, cpu: number): void {
    const d = this.bus.direct;
    if (d !== null) directReached(d, id, entry.id, entry.version, impl, cpu);
    else
      this.bus.emit({
        type: 'call.reached',
        call: id,
        object: entry.id,
        version: entry.version,
        impl,
        cpu,
      });
  }

  /** `error` is NO_ERROR when the call returned. */
  private emitExited(
    id: number,
    entry: TableEntry,
    method: string,
    thread: number,
    error: unknown,
  ): void {
    const cpu = this.kernel.currentCpu;
    const message = error === NO_ERROR ? null : describeError(error);
    const d = this.bus.direct;
    if (d !== null) directExited(d, id, entry.id, method, thread, cpu, message);
    else
      this.bus.emit({
        type: 'call.exited',
        call: id,
        object: entry.id,
        method,
        thread,
        cpu,
        error: message,
      });
  }

  /** A plain call that could not take the generated fast path; `args` becomes the call's own array. */
  callPlain(entry: TableEntry, method: string, args: unknown[]): unknown {
    if (entry.state !== 'live') throw new StaleRefError(entry, method);
    const forward = entry.ext?.forward ?? null;
    const slow = this.callStats || this.journal !== null;
    if (forward === null && !this.bus.on && !slow) {
      const impl = this.resolve(entry, this.kernel.currentCpu);
      return methodOf(entry, impl, method).apply(impl, args);
    }
    if (forward === null && this.bus.direct !== null && !slow)
      return this.callPlainHashed(entry, method, args);
    const t = this.kernel.current;
    if ((t === null ? 0 : t.calls.length) + this.plainDepth >= this.callDepthMax)
      throw new CallDepthError(entry, method, this.callDepthMax);
    const call = this.newCall(entry, method, args, 'plain', t);
    this.entered(call);
    let result: unknown;
    this.plainDepth++;
    try {
      result = forward === null ? this.reach(call) : forward(call);
    } catch (err) {
      this.exited(call, undefined, err, true);
      throw err;
    } finally {
      this.plainDepth--;
    }
    this.exited(call, result, undefined, false);
    return result;
  }

  /**
   * An unmediated plain call while only the event hash listens: the same
   * events and call id as with a Call record (reach, entered, exited), but
   * no record is made, since nothing else would see it.
   */
  private callPlainHashed(entry: TableEntry, method: string, args: unknown[]): unknown {
    const k = this.kernel;
    const t = k.current;
    if ((t === null ? 0 : t.calls.length) + this.plainDepth >= this.callDepthMax)
      throw new CallDepthError(entry, method, this.callDepthMax);
    const id = this.nextCallId++;
    const thread = t === null ? -1 : t.id;
    this.emitEntered(id, entry, method, thread, k.currentCpu, args);
    let result: unknown;
    this.plainDepth++;
    try {
      if (entry.state !== 'live' && !entry.admits(id)) throw new StaleRefError(entry, method);
      const cpu = k.currentCpu;
      const impl = this.resolve(entry, cpu);
      const fn = methodOf(entry, impl, method);
      const ctor = impl.constructor;
      const name = ctor === entry.factory.cls ? entry.factory.name : ctor.name;
      if (this.bus.on) this.emitReached(id, entry, name, cpu);
      result = fn.apply(impl, args);
    } catch (err) {
      if (this.bus.on) this.emitExited(id, entry, method, thread, err);
      throw err;
    } finally {
      this.plainDepth--;
    }
    if (this.bus.on) this.emitExited(id, entry, method, thread, NO_ERROR);
    return result;
  }

  /** A generator call: an OpCall, the iterator and the record (op-call.ts); it calls the op* steps below. */
  callOp(entry: TableEntry, method: string, args: unknown[]): Op<unknown> {
    return new OpCall(this, entry, method, args);
  }

  /** @internal OpCall's first resumption: the call was run (not a missing yield*), from a thread. */
  opStart(call: OpCall): void {
    this.unrun.started(call.args);
    if (this.kernel.current === null) throw new NotInThreadError(call.entry, call.method);
  }

  /** @internal OpCall enters, after its entry boundary: on the thread's stack, counted, reported. */
  opEnter(call: OpCall): Thread {
    const k = this.kernel;
    const t = k.current;
    const { entry, method } = call;
    if (t === null) throw new NotInThreadError(entry, method);
    if (entry.state !== 'live') throw new StaleRefError(entry, method);
    if (t.calls.length + this.plainDepth >= this.callDepthMax)
      throw new CallDepthError(entry, method, this.callDepthMax);
    call.enterAs(this.nextCallId++, t, k.currentCpu, this.generationOf(t), k.now);
    t.enterCall(call);
    k.activateForCall(t);
    this.entered(call);
    return t;
  }

  /** @internal OpCall's body: the mediator chain, or the implementation's method (one generator layer fewer). */
  opBegin(call: OpCall): unknown {
    const forwardOp = call.entry.ext?.forwardOp ?? null;
    if (forwardOp !== null) return forwardOp(call);
    return this.arrive(call).apply(this.arrivedAt, call.args);
  }

  /** @internal OpCall leaves: off the thread's stack (innermost first), then the exited event. */
  opLeave(t: Thread, call: OpCall, result: unknown, error: unknown, failed: boolean): void {
    const top = t.calls.pop();
    if (top !== call)
      panic('OpCall.leave', `thread ${t.id} left call ${call.id} but its innermost is ${top?.id}`);
    this.kernel.deactivateAfterCall(t);
    this.exited(call, result, error, failed);
  }

  madeOp(op: Op<unknown>, entry: TableEntry, method: string, args: unknown[]): Op<unknown> {
    this.unrun.made(op, entry, method, args, this.kernel.current);
    return op;
  }

  /** Threads inside `entry` right now, with the calls they are in. */
  threadsInside(entry: TableEntry): { thread: Thread; calls: Call[] }[] {
    const out: { thread: Thread; calls: Call[] }[] = [];
    for (const t of this.kernel.threads.values()) {
      const calls = (t.calls as Call[]).filter((c) => c.entry === entry);
      if (calls.length > 0) out.push({ thread: t, calls });
    }
    return out;
  }
}
