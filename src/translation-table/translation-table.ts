/**
 * TranslationTable: the object translation table (K42 COSMgr: the global
 * table of entries plus one local table per CPU).
 *
 * Interface:
 *   create(cls, args, name?)    a new entry and its ref (through `construct`);
 *                               past `objectsMax` live objects, LiveLimitError
 *                               (and the kernel's onLimit ends the run)
 *   entryOf(ref)                the entry behind a genuine ref (else ForgedRefError)
 *   refFor(entry, cls)          a ref on the same id, typed as another class
 *   destroy(entry, reason)      mark it; reclaim after `deferReclaim` says so
 *   retarget(entry, cls, impl)  the raw table operation: point the entry at a
 *                               new implementation (version + 1, local tables reset)
 *   setMediators(entry, ms, inner) / setStubs(entry, stubs)
 *   resolve, callPlain, callOp  the call paths, from CallPaths (call-paths.ts),
 *                               which this class extends with object management
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
import { assert, panic, LiveLimitError, liveLimitMessage, tallyTop } from '../kernel/index.ts';
import { CallPaths } from './call-paths.ts';
import type { Call } from './call.ts';
import { isClusteredClass } from './clustered-object.ts';
import { Factory } from './factory.ts';
import { chainOp, chainPlain } from './mediator-chain.ts';
import type { Mediator } from './mediator.ts';
import { methodKinds } from './method-kinds.ts';
import { ObjectRefBase, gainMethods, makeRefClass, type ObjectRef } from './object-ref.ts';
import { ENTRY_MEMBER_NAMES, TableEntry, type StubFactory } from './table-entry.ts';
import { ForgedRefError } from './table-errors.ts';

export { DEFAULT_CALL_DEPTH_MAX, type Construct } from './call-paths.ts';

type RefClass = new (entry: TableEntry) => ObjectRefBase;
type EntryClass = new (...args: ConstructorParameters<typeof TableEntry>) => TableEntry;

export class TranslationTable extends CallPaths {
  deferReclaim: (entry: TableEntry, reclaim: () => void) => void = (_e, reclaim) => reclaim();
  readonly entries: TableEntry[] = [];
  /** Most live objects at once (created, not yet reclaimed); one more is a LiveLimitError. */
  objectsMax = Infinity;
  /** Objects created and not yet reclaimed. */
  objectsLive = 0;
  readonly factories = new Map<Function, Factory>();
  private readonly refClasses = new Map<Function, RefClass>();
  /** Per requested class: the generated entry class (the entry is its ref), or null when its methods clash with entry members. */
  private readonly entryClasses = new Map<Function, EntryClass | null>();
  /** The ref made at creation, for entries that are not their own ref (classes with clashing method names). */
  private readonly refsApart = new Map<number, ObjectRefBase>();

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
    if (this.objectsLive >= this.objectsMax) this.objectLimit(cls);
    const id = this.entries.length + 1;
    const clustered = isClusteredClass(cls);
    const target = clustered ? null : this.construct(cls, args);
    const factory = this.factoryOf(cls);
    const ec = this.entryClass(requested) ?? TableEntry;
    const entry = new ec(id, name ?? null, target, clustered, args, factory);
    this.updateFast(entry);
    this.entries.push(entry);
    this.objectsLive++;
    let ref: ObjectRefBase = entry;
    if (ec === TableEntry) this.refsApart.set(id, (ref = new (this.refClass(requested))(entry)));
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

  private objectLimit(cls: Function): never {
    const live = this.entries.filter((e) => e.state !== 'destroyed').map((e) => e.cls.name);
    const reason = liveLimitMessage({
      option: 'objectsMax',
      limit: this.objectsMax,
      what: `created a ${cls.name}`,
      who: this.kernel.describeContext(),
      tick: this.kernel.now,
      tally: tallyTop(live),
    });
    this.kernel.onLimit(reason);
    throw new LiveLimitError('objectsMax', reason);
  }

  private refClass(cls: Function): RefClass {
    let rc = this.refClasses.get(cls);
    if (rc === undefined)
      this.refClasses.set(cls, (rc = makeRefClass(cls, methodKinds(cls), this, this.bus)));
    return rc;
  }

  /** The generated entry class for `cls`, or null if a method of `cls` is named like an entry member. */
  private entryClass(cls: Function): EntryClass | null {
    let ec = this.entryClasses.get(cls);
    if (ec === undefined) {
      const kinds = methodKinds(cls);
      const clash = [...kinds.keys()].some((m) => ENTRY_MEMBER_NAMES.has(m));
      ec = clash ? null : makeRefClass(cls, kinds, this, this.bus, TableEntry);
      this.entryClasses.set(cls, ec);
    }
    return ec;
  }

  entryOf(ref: unknown, where = 'objects'): TableEntry {
    if (!(ref instanceof ObjectRefBase)) throw new ForgedRefError(where, ref);
    const entry = ref.$e;
    if (this.entries[entry.id - 1] !== entry) throw new ForgedRefError(where, ref);
    return entry;
  }

  /** The ref made at creation (typed as the class it was created as). */
  refOf(entry: TableEntry): ObjectRefBase {
    return this.refsApart.get(entry.id) ?? entry;
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
    this.objectsLive--;
    this.resetLocal(entry);
    if (this.bus.on)
      this.bus.emit({
        type: 'object.destroyed',
        object: entry.id,
        class: entry.cls.name,
        version: entry.version,
      });
    entry.target = null;
    if (entry.rare !== null) entry.rare.reps = null;
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
    // The default name is the class created as: fix it before the class changes.
    if (cls !== entry.cls) entry.more().givenName ??= entry.name;
    const clustered = isClusteredClass(cls);
    entry.factory = this.factoryOf(cls);
    entry.target = clustered ? null : impl;
    const reps = clustered ? (impl as (object | undefined)[]) : null;
    if (entry.rare !== null || clustered || args.length > 0) {
      const r = entry.more();
      r.args = args;
      r.clustered = clustered;
      r.reps = reps;
      r.transSet = null; // a new root: no CPU has reached it yet
    }
    if (reps) reps.forEach((rep, cpu) => rep && this.attachCluster(reps, rep, cpu));
    if (!this.refsApart.has(entry.id) && [...methodKinds(cls).keys()].some((m) => !(m in entry)))
      gainMethods(entry);
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
    // A null-prototype copy: names every object inherits (valueOf, toString,
    // hasOwnProperty...) are never taken for stubs by a lookup.
    ext.stubs =
      stubs && Object.keys(stubs).length > 0
        ? (Object.assign(Object.create(null), stubs) as Record<string, StubFactory>)
        : null;
    ext.adapters = new WeakMap();
    this.updateFast(entry);
  }

  /**
   * Install the transactions' journal hook (transactions/transactions.ts):
   * every call that reaches an implementation is reported to it, so the
   * fast path is off for every entry while it is set.
   */
  setJournal(hook: ((call: Call, impl: object) => void) | null): void {
    this.journal = hook;
    for (const e of this.entries) this.updateFast(e);
  }

  private updateFast(entry: TableEntry): void {
    const ext = entry.ext;
    entry.fast =
      !this.callStats &&
      this.journal === null &&
      entry.state === 'live' &&
      !entry.clustered &&
      (ext === null || (ext.forward === null && ext.stubs === null));
  }
}
