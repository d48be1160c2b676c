/**
 * TableEntry: one object's global translation-table entry (K42 GTE + Root).
 *
 * Fields owned by the table. `target` is the implementation every CPU reaches
 * (single-rep objects); a clustered object has `reps` by CPU instead, found
 * through the per-CPU local tables. `fast` is true exactly when a call may go
 * straight to `target`: live, single-rep, no mediator, no stubs. Everything
 * rarely needed (mediator chain, stubs, stats, the swap lock) lives in `ext`,
 * allocated on first use, to keep an entry small.
 *
 * Invariant: `version` grows by one each time the implementation changes;
 * `fast` is recomputed by the table whenever anything it depends on changes.
 */
import type { Factory } from './factory.ts';
import type { Forward, ForwardOp, Mediator } from './mediator.ts';

export type EntryState = 'live' | 'destroying' | 'destroyed';

/** Adapts an old method to a new implementation: (target) => function with the old signature. */
export type StubFactory = (target: any) => (...args: any[]) => unknown;

export interface MethodStats {
  calls: number;
  failed: number;
  inFlight: number;
}

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

export class TableEntry {
  fast: boolean;
  version = 1;
  state: EntryState = 'live';
  ext: EntryExtension | null = null;
  /** Reps by CPU for a clustered object, else null. */
  reps: (object | undefined)[] | null;
  /**
   * K42 transSet: the CPUs a call through the table reached this
   * implementation on since it was installed (a bit per CPU, 32 to a word;
   * null until the first). Plain calls on the fast path are not counted.
   * Per-CPU swap mediation reads it (src/hotswap/cpu-mediation.ts).
   */
  transSet: Uint32Array | null = null;

  /** The display name if one was given or asked for; the default is made on first read. */
  private givenName: string | null;
  /** The class the object was created as (its default name is `${createdAs.name}#${id}`). */
  private readonly createdAs: Function;

  constructor(
    readonly id: number,
    name: string | null,
    public cls: Function,
    public target: object | null,
    public clustered: boolean,
    public args: readonly unknown[],
    public factory: Factory,
  ) {
    this.reps = clustered ? [] : null;
    this.fast = !clustered;
    this.givenName = name;
    this.createdAs = cls;
  }

  get name(): string {
    return (this.givenName ??= `${this.createdAs.name}#${this.id}`);
  }

  set name(name: string) {
    this.givenName = name;
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
    const ts = this.transSet;
    return ts !== null && (ts[cpu >>> 5] & (1 << (cpu & 31))) !== 0;
  }

  /** Add `cpu` to the transSet (`cpus`: the machine's CPU count, to size it). */
  addReached(cpu: number, cpus: number): void {
    const ts = (this.transSet ??= new Uint32Array((cpus + 31) >>> 5));
    ts[cpu >>> 5] |= 1 << (cpu & 31);
  }

  /** A description for error messages: name, class and id. */
  describe(): string {
    return `object '${this.name}' (${this.cls.name}, id ${this.id})`;
  }
}
