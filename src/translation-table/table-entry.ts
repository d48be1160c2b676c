/**
 * TableEntry: one object's global translation-table entry (K42 GTE + Root).
 *
 * Layout (issue 18, docs/ARCHITECTURE.md "Table entry layout"): eight own
 * fields, so an entry with its slot in `entries` is 88 B. `target` is the
 * implementation every CPU reaches (single-rep objects); `factory` is the
 * current class's Factory (`cls` reads it); `fast` is true exactly when a
 * call may go straight to `target`: live, single-rep, no mediator, no stubs.
 * What only some entries need is in two lazily made records: `rare`
 * (EntryRare: creation arguments, a given name, a clustered object's reps,
 * the transSet) and `ext` (EntryExtension: mediator chain, stubs, stats, the
 * swap lock). Getters keep the old names (`args`, `name`, `clustered`,
 * `reps`, `transSet`, `cls`) readable.
 *
 * The entry is also the ref made at creation: the table builds each entry
 * as an instance of a class generated per created class
 * (object-ref.ts, makeEntryClass) that extends TableEntry with the class's
 * methods, so no separate ref object and no `refs` slot exist. Its `$e` is
 * itself. TableEntry is not a subclass of ObjectRefBase (whose prototype
 * chain ends in the gained-methods Proxy, which would slow the table's
 * shared paths for every entry); `instanceof ObjectRefBase` still holds for
 * entries (object-ref.ts), and an entry whose object gains methods in a
 * swap gets that Proxy as its own prototype (object-ref.ts, gainMethods).
 * A class with a method named like an entry member
 * (ENTRY_MEMBER_NAMES) is built as a plain TableEntry with a separate ref,
 * as before.
 *
 * Invariant: `version` grows by one each time the implementation changes;
 * `fast` is recomputed by the table whenever anything it depends on changes.
 */
import type { Factory } from './factory.ts';
import type { Forward, ForwardOp, Mediator } from './mediator.ts';
import type { ObjectId } from './object-ref.ts';

export type EntryState = 'live' | 'destroying' | 'destroyed';

/** Adapts an old method to a new implementation: (target) => function with the old signature. */
export type StubFactory = (target: any) => (...args: any[]) => unknown;

export interface MethodStats {
  calls: number;
  failed: number;
  inFlight: number;
}

const NO_ARGS: readonly unknown[] = Object.freeze([]);

export class EntryExtension {
  mediators: Mediator[] = [];
  /** The innermost mediator (the hot-swap mediator while a swap runs). */
  inner: Mediator | null = null;
  forward: Forward | null = null;
  forwardOp: ForwardOp | null = null;
  stubs: Readonly<Record<string, StubFactory>> | null = null;
  adapters = new WeakMap<object, Map<string, Function>>();
  readonly stats = new Map<string, MethodStats>();
  /** One-entry cache of `stats`: the method last called and its record. */
  lastMethod: string | null = null;
  lastStats: MethodStats | null = null;
  /** The hot-swap layer's lock (K42 `switching` bit): the swap in progress, or null. */
  swap: unknown = null;
  /** A destroy asked for while a swap held the lock (K42 pendingDestroy). */
  pendingDestroy: string | null = null;
  /** Calls with a smaller id entered before the destroy was asked for, and may still reach the object. */
  destroyCallId = -1;
  destroyReason = '';
  destroyTick = -1;
}

/** What only some entries need (made on first use; see the header). */
export class EntryRare {
  args: readonly unknown[] = NO_ARGS;
  /** The display name if one was given or fixed (a swap fixes the default). */
  givenName: string | null = null;
  clustered = false;
  /** Reps by CPU for a clustered object, else null. */
  reps: (object | undefined)[] | null = null;
  /**
   * K42 transSet: the CPUs a call through the table reached this
   * implementation on since it was installed (a bit per CPU, 32 to a word;
   * null until the first). Plain calls on the fast path are not counted.
   * Per-CPU swap mediation reads it (src/hotswap/cpu-mediation.ts).
   */
  transSet: Uint32Array | null = null;
}

export class TableEntry {
  /** A ref's entry: an entry is its own (a getter on the prototype, see below). */
  declare readonly $e: TableEntry;
  fast: boolean;
  version = 1;
  state: EntryState = 'live';
  ext: EntryExtension | null = null;
  rare: EntryRare | null = null;

  constructor(
    readonly id: number,
    name: string | null,
    public target: object | null,
    clustered: boolean,
    args: readonly unknown[],
    public factory: Factory,
  ) {
    this.fast = !clustered;
    if (name !== null) this.more().givenName = name;
    if (clustered) {
      const r = this.more();
      r.clustered = true;
      r.reps = [];
    }
    if (args.length > 0) this.more().args = args;
  }

  /** The rare-fields record, made on first use. */
  more(): EntryRare {
    return (this.rare ??= new EntryRare());
  }

  /** The current implementation class (its Factory's). */
  get cls(): Function {
    return this.factory.cls;
  }

  /**
   * The given name, else `${class}#${id}` made on read. The event hash
   * caches its symbol id while `rare.givenName` and `factory` are the same
   * (kernel event-hash-sink.ts, NamedObject): keep the name a function of
   * those two and `id` only.
   */
  get name(): string {
    const given = this.rare?.givenName ?? null;
    return given ?? `${this.factory.name}#${this.id}`;
  }

  set name(name: string) {
    this.more().givenName = name;
  }

  get args(): readonly unknown[] {
    return this.rare?.args ?? NO_ARGS;
  }

  get clustered(): boolean {
    const r = this.rare;
    return r !== null && r.clustered;
  }

  /** Reps by CPU for a clustered object, else null. */
  get reps(): (object | undefined)[] | null {
    const r = this.rare;
    return r === null ? null : r.reps;
  }

  /** The transSet (see EntryRare), or null. */
  get transSet(): Uint32Array | null {
    const r = this.rare;
    return r === null ? null : r.transSet;
  }

  /** A call on a destroying object is served only if it entered before the destroy was asked for. */
  admits(callId: number): boolean {
    const ext = this.ext;
    return this.state === 'destroying' && ext !== null && callId < ext.destroyCallId;
  }

  extension(): EntryExtension {
    return (this.ext ??= new EntryExtension());
  }

  /** Whether a call through the table reached this implementation on `cpu` (transSet). */
  reachedOn(cpu: number): boolean {
    const r = this.rare;
    const ts = r === null ? null : r.transSet;
    return ts !== null && (ts[cpu >>> 5] & (1 << (cpu & 31))) !== 0;
  }

  /** Add `cpu` to the transSet (`cpus`: the machine's CPU count, to size it). */
  addReached(cpu: number, cpus: number): void {
    const r = this.more();
    const ts = (r.transSet ??= new Uint32Array((cpus + 31) >>> 5));
    ts[cpu >>> 5] |= 1 << (cpu & 31);
  }

  /** A description for error messages: name, class and id. */
  describe(): string {
    return `object '${this.name}' (${this.cls.name}, id ${this.id})`;
  }

  // ---- the ref's identity (as ObjectRefBase's; `$` names are never methods) ----
  get $id(): ObjectId {
    return this.id as ObjectId;
  }
  get $name(): string {
    return this.name;
  }
  toJSON(): { ref: string } {
    return { ref: this.name };
  }
  toString(): string {
    return `ObjectRef(${this.name})`;
  }
}

// The entry is the ref made at creation: its `$e` is itself.
Object.defineProperty(TableEntry.prototype, '$e', {
  get(this: TableEntry) {
    return this;
  },
});

/** The names an entry answers itself (own fields and members): a class with a method of one of these names gets a separate ref. */
export const ENTRY_MEMBER_NAMES: ReadonlySet<string> = new Set([
  'id',
  'target',
  'factory',
  'fast',
  'version',
  'state',
  'ext',
  'rare',
  ...Object.getOwnPropertyNames(TableEntry.prototype),
]);
