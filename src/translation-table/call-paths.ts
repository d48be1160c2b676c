/**
 * CallPaths: how a call through a ref reaches an implementation (the half of
 * the translation table that is not object management; translation-table.ts
 * extends it). The Call records, the call events and OpCall's stack steps
 * are its base's (call-records.ts); this file is the path itself.
 *
 * Interface:
 *   resolve(entry, cpu)   the implementation a call on `cpu` reaches: the
 *                         target, or that CPU's rep (a local-table miss makes
 *                         it, K42 handleMiss)
 *   callPlain / callOp    the call paths the generated refs use (RefHost)
 *   callFastHashed        a generated ref's plain call on a fast entry while
 *                         only the event hash listens (no argument array)
 *   reach / reachOp       the end of a mediator chain: run the method
 *   opBegin               OpCall's body: the chain or the method
 *   journal               the transactions' hook (TranslationTable.setJournal):
 *                         told of every call that reaches an implementation
 *
 * A call that is mediated, observed, counted or a generator call gets a Call
 * record: entered and exited are reported, a generator call sits on its
 * thread's call stack between its two preemption points. A plain call on an
 * unmediated, unobserved entry takes the generated fast path and never gets
 * here, or takes one of the short branches at the top of callPlain; with
 * only the event hash listening it gets the call events and no record.
 *
 * Errors: a call on a destroyed entry throws StaleRefError; a generator call
 * from kernel context NotInThreadError; nesting past callDepthMax
 * CallDepthError.
 */
import type { EventSink, Kernel, Op } from '../kernel/index.ts';
import type { Call } from './call.ts';
import { directEnteredArgs } from './call-entered-args.ts';
import { CallRecords, DEFAULT_CALL_DEPTH_MAX, NO_ERROR } from './call-records.ts';
import { attachClusterView } from './clustered-object.ts';
import { isIterator, methodOf } from './method-of.ts';
import type { RefHost } from './object-ref.ts';
import { NO_ARGS, OpCall } from './op-call.ts';
import type { TableEntry } from './table-entry.ts';
import { StaleRefError } from './table-errors.ts';
import type { TableEvent } from './table-events.ts';

export { DEFAULT_CALL_DEPTH_MAX } from './call-records.ts';

export type Construct = (cls: Function, args: readonly unknown[]) => object;

export abstract class CallPaths extends CallRecords implements RefHost {
  construct: Construct = (cls, args) => new (cls as new (...a: unknown[]) => object)(...args);
  /** Per-CPU local tables: entry id -> that CPU's rep (clustered objects). */
  readonly local: (object | undefined)[][];
  /** Scratch: the implementation the last arrive() resolved. */
  private arrivedAt: object | null = null;
  /** The transactions' journal hook (setJournal), or null: every reach is reported to it. */
  protected journal: ((call: Call, impl: object) => void) | null = null;

  constructor(
    kernel: Kernel,
    bus: EventSink<TableEvent>,
    callStats = false,
    callDepthMax = DEFAULT_CALL_DEPTH_MAX,
  ) {
    super(kernel, bus, callStats, callDepthMax);
    this.local = kernel.cpus.map(() => []);
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

  /** The class name a call.reached event gives for `impl` (Function.prototype.name is a slow accessor). */
  private implName(entry: TableEntry, impl: object): string {
    const ctor = impl.constructor;
    return ctor === entry.factory.cls ? entry.factory.name : ctor.name;
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
    call.noteReached(entry.version, this.implName(entry, impl));
    if (this.bus.on) this.emitReached(call.id, entry, call.impl, cpu);
    if (this.journal !== null) {
      call.keep(); // the journal keeps its calls
      this.journal(call, impl);
    }
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
    this.checkDepth(t, entry, method);
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
    this.checkDepth(t, entry, method);
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
      if (this.bus.on) this.emitReached(id, entry, this.implName(entry, impl), cpu);
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

  /**
   * @internal callPlainHashed for a generated ref's call on a fast entry
   * (live, unmediated, unclustered, no stub, no stats, no journal) with `n`
   * <= 4 arguments, while only the event hash listens: the ref has read
   * `fn`, the target's own method; the arguments come one by one and are
   * hashed as the array they would make (call-entered-args.ts), so no array
   * is built. Same events, call id and depth accounting as callPlainHashed.
   */
  callFastHashed(
    entry: TableEntry,
    method: string,
    fn: Function,
    n: number,
    a0: unknown,
    a1: unknown,
    a2: unknown,
    a3: unknown,
  ): unknown {
    const k = this.kernel;
    const t = k.current;
    this.checkDepth(t, entry, method);
    const id = this.nextCallId++;
    const thread = t === null ? -1 : t.id;
    const cpu = k.currentCpu;
    const impl = entry.target!;
    directEnteredArgs(this.bus.direct!, id, entry, method, thread, cpu, n, a0, a1, a2, a3);
    let result: unknown;
    this.plainDepth++;
    try {
      if (this.bus.on) this.emitReached(id, entry, this.implName(entry, impl), cpu);
      result =
        n === 0
          ? fn.call(impl)
          : n === 1
            ? fn.call(impl, a0)
            : n === 2
              ? fn.call(impl, a0, a1)
              : n === 3
                ? fn.call(impl, a0, a1, a2)
                : fn.call(impl, a0, a1, a2, a3);
    } catch (err) {
      if (this.bus.on) this.emitExited(id, entry, method, thread, err);
      throw err;
    } finally {
      this.plainDepth--;
    }
    if (this.bus.on) this.emitExited(id, entry, method, thread, NO_ERROR);
    return result;
  }

  /**
   * A generator call: an OpCall, the iterator and the record (op-call.ts);
   * it calls the op* steps. A returned one nothing kept is reused (opRecycle).
   */
  callOp(entry: TableEntry, method: string, args: unknown[]): Op<unknown> {
    const op = this.opPool.pop();
    return op === undefined ? new OpCall(this, entry, method, args) : op.reuse(entry, method, args);
  }

  /** @internal OpCall's body: the mediator chain, or the implementation's method (one generator layer fewer). */
  opBegin(call: OpCall): unknown {
    const forwardOp = call.entry.ext?.forwardOp ?? null;
    if (forwardOp !== null) {
      call.keep(); // a mediator may keep its call
      if (call.args === NO_ARGS) call.args = []; // a mediator may rewrite its call's own array
      return forwardOp(call);
    }
    return this.arrive(call).apply(this.arrivedAt, call.args);
  }
}
