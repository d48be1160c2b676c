/**
 * TranslationTable: the object translation table (K42 COSMgr: the global
 * table of entries plus one local table per CPU).
 *
 * Interface:
 *   create(cls, args, name?)    a new entry and its ref (through `construct`)
 *   entryOf(ref)                the entry behind a genuine ref (else ForgedRefError)
 *   refFor(entry, cls)          a ref on the same id, typed as another class
 *   destroy(entry, reason)      mark it; reclaim after `deferReclaim` says so
 *   retarget(entry, cls, impl)  the raw table operation: point the entry at a
 *                               new implementation (version + 1, local tables reset)
 *   setMediators(entry, ms, inner) / setStubs(entry, stubs)
 *   resolve(entry, cpu)         the implementation a call on `cpu` reaches:
 *                               the target, or that CPU's rep (a local-table
 *                               miss makes it, K42 handleMiss)
 *   callPlain / callOp          the call paths the generated refs use
 *
 * Local tables: K42 keeps a local entry per VP for every object. A single-rep
 * object's local entries would all hold the same pointer, so the global entry
 * serves it (one load, like DREF); local tables hold entries for clustered
 * objects, whose reps differ per CPU. Resetting the local entries
 * (`resetLocal`) is how a swap makes the next call miss into the new reps.
 *
 * Ports (set by the composition root): `construct(cls, args)` builds an
 * implementation (inversify), `generationOf(thread)` reads the quiescence
 * generation a call carries, `deferReclaim(entry, fn)` delays reclaiming a
 * destroyed entry until a quiescence generation has passed.
 */
import {
  BOUNDARY,
  assert,
  describeError,
  panic,
  type EventSink,
  type Kernel,
  type Op,
  type Thread,
} from '../kernel/index.ts';
import { Call } from './call.ts';
import { attachClusterView, isClusteredClass } from './clustered-object.ts';
import { isIterator, methodOf } from './method-of.ts';
import { Factory } from './factory.ts';
import { chainOp, chainPlain } from './mediator-chain.ts';
import type { Mediator } from './mediator.ts';
import { methodKinds, type MethodKind } from './method-kinds.ts';
import { ObjectRefBase, makeRefClass, type ObjectRef, type RefHost } from './object-ref.ts';
import { TableEntry, type MethodStats, type StubFactory } from './table-entry.ts';
import { CallDepthError, ForgedRefError, NotInThreadError, StaleRefError } from './table-errors.ts';
import type { TableEvent } from './table-events.ts';

/** Default of the callDepthMax option: well inside the JS stack at any stack size Node accepts. */
export const DEFAULT_CALL_DEPTH_MAX = 1000;

export type Construct = (cls: Function, args: readonly unknown[]) => object;
type RefClass = new (entry: TableEntry) => ObjectRefBase;
const NO_ARGS: readonly unknown[] = Object.freeze([]);

export class TranslationTable implements RefHost {
  construct: Construct = (cls, args) => new (cls as new (...a: unknown[]) => object)(...args);
  generationOf: (thread: Thread) => number = () => 0;
  deferReclaim: (entry: TableEntry, reclaim: () => void) => void = (_e, reclaim) => reclaim();
  readonly entries: TableEntry[] = [];
  readonly factories = new Map<Function, Factory>();
  /** Per-CPU local tables: entry id -> that CPU's rep (clustered objects). */
  readonly local: (object | undefined)[][];
  private readonly refClasses = new Map<Function, RefClass>();
  private readonly refs: ObjectRefBase[] = [];
  /** Scratch: the implementation the last arrive() resolved. */
  private arrivedAt: object | null = null;
  private nextCallId = 1;
  /** Plain calls through the table in progress (they nest inside one step). */
  private plainDepth = 0;

  constructor(
    private readonly kernel: Kernel,
    readonly bus: EventSink<TableEvent>,
    /** Count calls per entry and method (objects.info().stats); off keeps the fast path. */
    private readonly callStats = false,
    /** Deepest nesting of calls through the table (generator calls of a thread plus plain calls inside them). */
    private readonly callDepthMax = DEFAULT_CALL_DEPTH_MAX,
  ) {
    this.local = kernel.cpus.map(() => []);
  }

  // ---- objects ----------------------------------------------------------------

  factoryOf(cls: Function): Factory {
    let f = this.factories.get(cls);
    if (f === undefined) this.factories.set(cls, (f = new Factory(cls, () => this.entries)));
    return f;
  }

  /** The class new creations of `cls` are directed to (factory redirects followed). */
  currentClass(cls: Function): Function {
    if (this.factories.get(cls)?.next == null) return cls;
    const seen = new Set<Function>([cls]);
    for (let f = this.factories.get(cls); f?.next; f = this.factories.get(f.next)) {
      cls = f.next;
      if (seen.has(cls))
        panic('TranslationTable.currentClass', `factory redirects loop back to ${cls.name}`);
      seen.add(cls);
    }
    return cls;
  }

  create<T extends object>(
    requested: Function,
    args: readonly unknown[],
    name?: string,
  ): ObjectRef<T> {
    const cls = this.currentClass(requested);
    const id = this.entries.length + 1;
    const clustered = isClusteredClass(cls);
    const target = clustered ? null : this.construct(cls, args);
    const factory = this.factoryOf(cls);
    const entry = new TableEntry(
      id,
      name ?? null,
      cls,
      target,
      clustered,
      args.length === 0 ? NO_ARGS : args,
      factory,
    );
    this.entries.push(entry);
    const ref = new (this.refClass(requested))(entry);
    this.refs[id] = ref;
    if (this.bus.on)
      this.bus.emit({
        type: 'object.created',
        object: id,
        name: entry.name,
        class: cls.name,
        clustered,
      });
    return ref as unknown as ObjectRef<T>;
  }

  private refClass(cls: Function): RefClass {
    let rc = this.refClasses.get(cls);
    if (rc === undefined)
      this.refClasses.set(cls, (rc = makeRefClass(cls, methodKinds(cls), this, this.bus)));
    return rc;
  }

  entryOf(ref: unknown, where = 'objects'): TableEntry {
    if (!(ref instanceof ObjectRefBase)) throw new ForgedRefError(where, ref);
    const entry = ref.$e;
    if (this.entries[entry.id - 1] !== entry) throw new ForgedRefError(where, ref);
    return entry;
  }

  /** The ref made at creation (typed as the class it was created as). */
  refOf(entry: TableEntry): ObjectRefBase {
    return this.refs[entry.id];
  }

  refFor<T>(entry: TableEntry, cls: Function): ObjectRef<T> {
    return new (this.refClass(cls))(entry) as unknown as ObjectRef<T>;
  }

  destroy(entry: TableEntry, reason = 'destroyed by objects.destroy'): void {
    if (entry.state !== 'live') return;
    const ext = entry.extension();
    // Calls that entered before the request may still finish; later ones fail.
    if (ext.destroyCallId < 0) ext.destroyCallId = this.nextCallId;
    if (ext.swap !== null) {
      ext.pendingDestroy = reason;
      return;
    }
    entry.state = 'destroying';
    ext.destroyReason = reason;
    ext.destroyTick = this.kernel.now;
    this.updateFast(entry);
    if (this.bus.on) this.bus.emit({ type: 'object.destroy-requested', object: entry.id, reason });
    this.deferReclaim(entry, () => this.reclaim(entry));
  }

  private reclaim(entry: TableEntry): void {
    entry.state = 'destroyed';
    this.resetLocal(entry);
    if (this.bus.on)
      this.bus.emit({
        type: 'object.destroyed',
        object: entry.id,
        class: entry.cls.name,
        version: entry.version,
      });
    entry.target = null;
    entry.reps = null;
  }

  /**
   * The raw table operation: point the entry at a new implementation.
   * `impl` is the new target, or for a clustered class its reps by CPU.
   * Calls already inside the old implementation finish there.
   */
  retarget(
    entry: TableEntry,
    cls: Function,
    impl: object | (object | undefined)[],
    args: readonly unknown[] = entry.args,
  ): void {
    assert(
      entry.state === 'live',
      'TranslationTable.retarget',
      `${entry.describe()} is ${entry.state}`,
    );
    entry.cls = cls;
    entry.args = args;
    entry.factory = this.factoryOf(cls);
    entry.clustered = isClusteredClass(cls);
    entry.target = entry.clustered ? null : impl;
    entry.reps = entry.clustered ? (impl as (object | undefined)[]) : null;
    const reps = entry.reps;
    if (reps) reps.forEach((rep, cpu) => rep && this.attachCluster(reps, rep, cpu));
    entry.version++;
    this.resetLocal(entry);
    this.updateFast(entry);
    if (this.bus.on)
      this.bus.emit({
        type: 'object.retargeted',
        object: entry.id,
        class: cls.name,
        version: entry.version,
      });
  }

  resetLocal(entry: TableEntry): void {
    for (const lt of this.local) if (lt[entry.id] !== undefined) lt[entry.id] = undefined;
  }

  setMediators(entry: TableEntry, mediators: readonly Mediator[], inner: Mediator | null): void {
    const ext = entry.extension();
    ext.mediators = [...mediators];
    ext.inner = inner;
    const all = inner ? [...mediators, inner] : mediators;
    ext.forward = all.length === 0 ? null : chainPlain(all, (call) => this.reach(call));
    ext.forwardOp = all.length === 0 ? null : chainOp(all, (call) => this.reachOp(call));
    this.updateFast(entry);
  }

  setStubs(entry: TableEntry, stubs: Readonly<Record<string, StubFactory>> | null): void {
    const ext = entry.extension();
    ext.stubs = stubs && Object.keys(stubs).length > 0 ? stubs : null;
    ext.adapters = new WeakMap();
    this.updateFast(entry);
  }

  private updateFast(entry: TableEntry): void {
    const ext = entry.ext;
    entry.fast =
      !this.callStats &&
      entry.state === 'live' &&
      !entry.clustered &&
      (ext === null || (ext.forward === null && ext.stubs === null));
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
    const fn = methodOf(entry, impl, call.method);
    call.version = entry.version;
    call.reached++;
    // Function.prototype.name is a slow accessor: use the factory's copy when it is that class.
    const ctor = impl.constructor;
    call.impl = ctor === entry.factory.cls ? entry.factory.name : ctor.name;
    if (this.bus.on) {
      this.bus.emit({
        type: 'call.reached',
        call: call.id,
        object: entry.id,
        version: entry.version,
        impl: call.impl,
        cpu,
      });
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
    if (this.bus.on) {
      this.bus.emit({
        type: 'call.entered',
        call: call.id,
        object: call.entry.id,
        objectName: call.entry.name,
        method: call.method,
        thread: call.thread,
        cpu: call.cpu,
        args: call.args,
      });
    }
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
    if (this.bus.on) {
      this.bus.emit({
        type: 'call.exited',
        call: call.id,
        object: call.entry.id,
        method: call.method,
        thread: call.thread,
        cpu: this.kernel.currentCpu,
        error: failed ? describeError(error) : null,
      });
    }
  }

  /** A plain call that could not take the generated fast path. */
  /** `args` becomes the call's own array (the generated refs pass a fresh one). */
  callPlain(entry: TableEntry, method: string, args: unknown[]): unknown {
    if (entry.state !== 'live') throw new StaleRefError(entry, method);
    const forward = entry.ext?.forward ?? null;
    if (forward === null && !this.bus.on) {
      const impl = this.resolve(entry, this.kernel.currentCpu);
      return methodOf(entry, impl, method).apply(impl, args);
    }
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

  /** A generator call: entry and exit are preemption points; the call is on its thread's stack in between. */
  *callOp(entry: TableEntry, method: string, args: unknown[]): Op<unknown> {
    const k = this.kernel;
    if (k.current === null) throw new NotInThreadError(entry, method);
    yield BOUNDARY;
    const t = k.current;
    if (entry.state !== 'live') throw new StaleRefError(entry, method);
    if (t.calls.length + this.plainDepth >= this.callDepthMax)
      throw new CallDepthError(entry, method, this.callDepthMax);
    const call = this.newCall(entry, method, args, 'op', t);
    t.calls.push(call);
    k.activateForCall(t);
    this.entered(call);
    const forwardOp = entry.ext?.forwardOp ?? null;
    let result: unknown;
    try {
      if (forwardOp === null) {
        // unmediated: run the implementation's generator directly (one generator layer fewer)
        const r = this.arrive(call).apply(this.arrivedAt, args) as unknown;
        result = isIterator(r) ? yield* r : r;
      } else result = yield* forwardOp(call);
    } catch (err) {
      this.leaveCall(t, call);
      this.exited(call, undefined, err, true);
      throw err;
    }
    this.leaveCall(t, call);
    this.exited(call, result, undefined, false);
    yield BOUNDARY;
    return result;
  }

  private leaveCall(t: Thread, call: Call): void {
    const top = t.calls.pop();
    if (top !== call)
      panic(
        'TranslationTable.callOp',
        `thread ${t.id} left call ${call.id} but its innermost call is ${top?.id}`,
      );
    this.kernel.deactivateAfterCall(t);
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
