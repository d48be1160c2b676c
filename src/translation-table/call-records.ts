/**
 * CallRecords: the bookkeeping half of the call paths (call-paths.ts
 * extends it): Call records, their entered / reached / exited events, and
 * the OpCall callbacks that put a generator call on its thread's stack and
 * take it off again.
 *
 * Interface (to CallPaths and OpCall):
 *   newCall / entered / exited   a Call record made, counted, reported
 *   emitEntered / emitReached / emitExited
 *                         the three call events, hashed field by field while
 *                         only the event hash listens (call-events-direct.ts)
 *   opStart / opEnter / opLeave  OpCall's steps (op-call.ts, OpCallHost);
 *                         opBegin, the step that reaches an implementation,
 *                         is CallPaths'
 *   madeOp                a ref made a generator call: one a thread never runs
 *                         in its step is thrown back at it (unrun-ops.ts)
 *   threadsInside(entry)  threads inside an object now, with their calls
 *
 * Invariants (panic if broken): a thread leaves its innermost call first.
 * Errors: a generator call from kernel context NotInThreadError; nesting past
 * callDepthMax CallDepthError; a call on a destroyed entry StaleRefError.
 */
import {
  describeError,
  panic,
  type EventSink,
  type Kernel,
  type Op,
  type Thread,
} from '../kernel/index.ts';
import type { Call } from './call.ts';
import { directEntered, directExited, directReached } from './call-events-direct.ts';
import type { MethodKind } from './method-kinds.ts';
import { NO_ARGS, type OpCall, type OpCallHost } from './op-call.ts';
import { PlainCall } from './plain-call.ts';
import type { MethodStats, TableEntry } from './table-entry.ts';
import { CallDepthError, NotInThreadError, StaleRefError } from './table-errors.ts';
import type { TableEvent } from './table-events.ts';
import { UnrunOps } from './unrun-ops.ts';

/** Default of the callDepthMax option: well inside the JS stack at any stack size Node accepts. */
export const DEFAULT_CALL_DEPTH_MAX = 1000;

/** Finished generator calls kept for reuse, at most (a bound on memory; a step finishes a few). */
export const OP_POOL_MAX = 64;

/** The error of a call that returned (so `undefined` can be a thrown value). */
export const NO_ERROR: unknown = Symbol('no error');

export abstract class CallRecords implements OpCallHost {
  generationOf: (thread: Thread) => number = () => 0;
  protected nextCallId = 1;
  /** Plain calls through the table in progress (they nest inside one step). */
  protected plainDepth = 0;
  /** Generator calls made in the current step, to find one never run (missing yield*). */
  private readonly unrun: UnrunOps;
  /** Finished generator calls nothing outside the table kept: the next ones (op-call.ts, reuse). */
  protected readonly opPool: OpCall[] = [];

  constructor(
    protected readonly kernel: Kernel,
    readonly bus: EventSink<TableEvent>,
    /** Count calls per entry and method (objects.info().stats); off keeps the fast path. */
    protected readonly callStats = false,
    /** Deepest nesting of calls through the table (generator calls of a thread plus plain calls inside them). */
    protected readonly callDepthMax = DEFAULT_CALL_DEPTH_MAX,
  ) {
    this.unrun = new UnrunOps(kernel);
    if (kernel.stepEnded !== null)
      throw new RangeError(
        'TranslationTable: this kernel already has a table; make a new kernel (or simulation) for another',
      );
    kernel.stepEnded = (t) => this.unrun.endStep(t, kernel.threads);
  }

  /** OpCall's body: the mediator chain, or the implementation's method (CallPaths). */
  abstract opBegin(call: OpCall): unknown;

  /** Throw CallDepthError if one more call on `t` (null: kernel context) would nest too deep. */
  protected checkDepth(t: Thread | null, entry: TableEntry, method: string): void {
    if ((t === null ? 0 : t.frames.length) + this.plainDepth >= this.callDepthMax)
      throw new CallDepthError(entry, method, this.callDepthMax);
  }

  // ---- Call records ----------------------------------------------------------------

  protected newCall(
    entry: TableEntry,
    method: string,
    args: unknown[],
    kind: MethodKind,
    t: Thread | null,
  ): Call {
    const k = this.kernel;
    return new PlainCall(
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

  protected entered(call: Call): void {
    if (this.callStats) this.countEntry(call);
    if (this.bus.on)
      this.emitEntered(call.id, call.entry, call.method, call.thread, call.cpu, call.args);
  }

  protected exited(call: Call, result: unknown, error: unknown, failed: boolean): void {
    call.noteExited(result, error, this.kernel.now);
    const s = call.stats;
    if (s !== null) {
      if (call.kind === 'op') s.inFlight--;
      if (failed) s.failed++;
    }
    if (this.bus.on)
      this.emitExited(call.id, call.entry, call.method, call.thread, failed ? error : NO_ERROR);
  }

  // ---- the call events: hashed field by field when nobody subscribes -------

  protected emitEntered(
    id: number,
    entry: TableEntry,
    method: string,
    thread: number,
    cpu: number,
    args: unknown[],
  ): void {
    const d = this.bus.direct;
    if (d === null)
      this.bus.emit({
        type: 'call.entered',
        call: id,
        object: entry.id,
        objectName: entry.name,
        method,
        thread,
        cpu,
        args: args === NO_ARGS ? [] : args, // an observer gets an array of its own
      });
    else directEntered(d, id, entry, method, thread, cpu, args);
  }

  protected emitReached(id: number, entry: TableEntry, impl: string, cpu: number): void {
    const d = this.bus.direct;
    if (d !== null) directReached(d, id, entry, impl, cpu);
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
  protected emitExited(
    id: number,
    entry: TableEntry,
    method: string,
    thread: number,
    error: unknown,
  ): void {
    const cpu = this.kernel.currentCpu;
    const message = error === NO_ERROR ? null : describeError(error);
    const d = this.bus.direct;
    if (d !== null) directExited(d, id, entry, method, thread, cpu, message);
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

  // ---- OpCall's steps (op-call.ts) -------------------------------------------------

  /** @internal OpCall's first resumption: the call was run (not a missing yield*), from a thread. */
  opStart(call: OpCall): void {
    this.unrun.started(call);
    if (this.kernel.current === null) throw new NotInThreadError(call.entry, call.method);
  }

  /** @internal OpCall enters, after its entry boundary: on the thread's stack, counted, reported. */
  opEnter(call: OpCall): Thread {
    const k = this.kernel;
    const t = k.current;
    const { entry, method } = call;
    if (t === null) throw new NotInThreadError(entry, method);
    if (entry.state !== 'live') throw new StaleRefError(entry, method);
    this.checkDepth(t, entry, method);
    call.enterAs(this.nextCallId++, t, k.currentCpu, this.generationOf(t), k.now);
    t.enterCall(call);
    k.activateForCall(t);
    this.entered(call);
    return t;
  }

  /** @internal OpCall leaves: off the thread's stack (innermost first), then the exited event. */
  opLeave(t: Thread, call: OpCall, result: unknown, error: unknown, failed: boolean): void {
    const top = t.frames.pop();
    if (top !== call)
      panic('OpCall.leave', `thread ${t.id} left call ${call.id} but its innermost is ${top?.id}`);
    this.kernel.deactivateAfterCall(t);
    this.exited(call, result, error, failed);
  }

  /** @internal A returned call nothing kept: reused by a later callOp (at most OP_POOL_MAX wait). */
  opRecycle(call: OpCall): void {
    if (this.opPool.length < OP_POOL_MAX) this.opPool.push(call);
  }

  madeOp(op: Op<unknown>, entry: TableEntry, method: string): Op<unknown> {
    this.unrun.made(op, entry, method, this.kernel.current);
    return op;
  }

  /** Threads inside `entry` right now, with the calls they are in (kept: never reused). */
  threadsInside(entry: TableEntry): { thread: Thread; calls: Call[] }[] {
    const out: { thread: Thread; calls: Call[] }[] = [];
    for (const t of this.kernel.threads.values()) {
      const calls = (t.frames as Call[]).filter((c) => c.entry === entry);
      for (const c of calls) c.keep(); // handed out: never reused
      if (calls.length > 0) out.push({ thread: t, calls });
    }
    return out;
  }
}
