/**
 * ObjectRef<T>: the typed handle callers hold for an object (K42 CORef +
 * DREF). `ref.m(...)` looks the entry up at call time and never caches the
 * implementation, so the next call after a swap reaches the new one.
 *
 * Method types are preserved: a plain method of T is a plain (atomic) call on
 * the ref; a generator method stays a generator, used as `yield* ref.m(...)`,
 * and its entry and exit are preemption points.
 *
 * Making it fast: a ref class is generated per implementation class (with
 * `new Function`), so each method has its own call site that sees one class,
 * instead of one shared site that V8 turns megamorphic once five classes pass
 * through it. A plain call on an unmediated, unobserved entry is then one
 * extra load and a flag test before the real call; with only the event hash
 * listening it passes its arguments one by one (callFastHashed), no array.
 *
 * Methods gained by a swap: a ref made for class A, whose object was
 * swapped to B, answers B's methods that A lacks (`typeof ref.hitsOf` is
 * 'function' once the object is a B, 'undefined' before). They are not on
 * the ref's class: a name missing from it falls through to a Proxy behind
 * ObjectRefBase.prototype (GAINED), which looks the name up in the entry's
 * current class and returns a shared function calling the table's slow path
 * (callPlain / callOp). A name the ref's class has never reaches the Proxy,
 * so the generated fast path is unchanged (docs/BENCHMARKS.md, the table
 * group). `objects.as(ref, B)` gives a ref of B's generated class instead.
 * (`name in ref` does not see gained methods: a `has` trap gets no receiver.)
 *
 * Identity: `ref.$id` (the ObjectId, stable across swaps) and `ref.$name`.
 * Refs are made only by the table; one cannot be forged from a number.
 */
import { TableEntry } from './table-entry.ts';
import { methodKinds, PROTOCOL_METHODS, type MethodKind } from './method-kinds.ts';
import { NO_ARGS } from './op-call.ts';

/** The stable identity of an object: plain data, unchanged across swaps. */
export type ObjectId = number & { readonly __objectId: unique symbol };

type ProtocolKey =
  'exportFormats' | 'exportState' | 'importFormats' | 'importState' | 'cluster' | 'constructor';

/** Method names of T callable through a ref. */
export type MethodKeys<T> = {
  [K in keyof T]: K extends ProtocolKey ? never : T[K] extends (...args: any[]) => any ? K : never;
}[keyof T];

export type ObjectRef<T> = { readonly [K in MethodKeys<T>]: T[K] } & {
  readonly $id: ObjectId;
  readonly $name: string;
};

/**
 * The shared base of refs apart from their entry (RefView: refFor, and
 * classes whose methods clash with entry members). The ref made at creation
 * is usually the entry itself (a generated subclass of TableEntry), which
 * is not a subclass of this class but counts as an instance of it.
 */
export class ObjectRefBase {
  declare readonly $e: TableEntry;
  static [Symbol.hasInstance](x: unknown): boolean {
    if (this !== ObjectRefBase) return Function.prototype[Symbol.hasInstance].call(this, x);
    return x instanceof TableEntry || Function.prototype[Symbol.hasInstance].call(this, x);
  }
  get $id(): ObjectId {
    return this.$e.id as ObjectId;
  }
  get $name(): string {
    return this.$e.name;
  }
  toJSON(): { ref: string } {
    return { ref: this.$e.name };
  }
  toString(): string {
    return `ObjectRef(${this.$e.name})`;
  }
}

/** A ref apart from its entry (refFor, and classes named in ENTRY_MEMBER_NAMES). */
export class RefView extends ObjectRefBase {
  constructor(override readonly $e: TableEntry) {
    super();
  }
}

/** What the generated code calls back into: the table's slow paths. */
export interface RefHost {
  callPlain(entry: TableEntry, method: string, args: unknown[]): unknown;
  /** callPlain on a fast entry while only the event hash listens, `n` <= 4 arguments one by one. */
  callFastHashed(
    entry: TableEntry,
    method: string,
    fn: Function,
    n: number,
    a0: unknown,
    a1: unknown,
    a2: unknown,
    a3: unknown,
  ): unknown;
  callOp(entry: TableEntry, method: string, args: unknown[]): Generator<unknown, unknown, unknown>;
  /** Note a generator call made (so one never run is found at the step's end); returns `op`. */
  madeOp(
    op: Generator<unknown, unknown, unknown>,
    entry: TableEntry,
    method: string,
  ): Generator<unknown, unknown, unknown>;
}

/** The host of a generated ref class, on its prototype (the gained-method lookup reads it). */
const HOST: unique symbol = Symbol('kernel-sim.ref-host');

/** Is `name` callable through a ref (not protocol, not the ref's own identity)? */
function refCallable(name: string): boolean {
  return !(
    PROTOCOL_METHODS.has(name) ||
    name === 'toJSON' ||
    name === 'toString' ||
    name.startsWith('$')
  );
}

/** One shared function per (method, kind): `this` is the ref, its host is on its class. */
const gainedPlain = new Map<string, Function>();
const gainedOp = new Map<string, Function>();

function gained(name: string, kind: MethodKind): Function {
  const cache = kind === 'plain' ? gainedPlain : gainedOp;
  let fn = cache.get(name);
  if (fn === undefined) {
    fn =
      kind === 'plain'
        ? function (this: ObjectRefBase & { [HOST]: RefHost }, ...args: unknown[]) {
            return this[HOST].callPlain(this.$e, name, args);
          }
        : function (this: ObjectRefBase & { [HOST]: RefHost }, ...args: unknown[]) {
            const host = this[HOST];
            const e = this.$e;
            return host.madeOp(host.callOp(e, name, args), e, name);
          };
    cache.set(name, fn);
  }
  return fn;
}

/** The kind of `name` in the receiver's current class, if a ref may call it. */
function gainedKind(receiver: unknown, name: string | symbol): MethodKind | undefined {
  if (typeof name !== 'string' || !refCallable(name)) return undefined;
  const e = (receiver as { $e?: TableEntry } | null)?.$e;
  if (e === undefined || (receiver as { [HOST]?: RefHost })[HOST] === undefined) return undefined;
  return methodKinds(e.cls).get(name);
}

/**
 * Give `entry` (an instance of a generated entry class) the methods of its
 * current class that its own class lacks: its prototype becomes a Proxy over
 * its class's prototype that resolves names its class lacks against the
 * current class (as GAINED does for refs apart). Only an entry whose object
 * gained methods in a swap pays for the Proxy. Idempotent.
 */
export function gainMethods(entry: TableEntry): void {
  const proto = Object.getPrototypeOf(entry) as object;
  if (gainedProtos.has(proto)) return;
  let p = gainedProtoOf.get(proto);
  if (p === undefined) {
    p = new Proxy(proto, {
      get(target, name, receiver) {
        if (!onOwnChain(target, name)) {
          const kind = gainedKind(receiver, name);
          if (kind !== undefined) return gained(name as string, kind);
        }
        return Reflect.get(target, name, receiver);
      },
    });
    gainedProtoOf.set(proto, p);
    gainedProtos.add(p);
  }
  Object.setPrototypeOf(entry, p);
}
const gainedProtoOf = new WeakMap<object, object>();

/** Is `name` on `proto`'s chain before Object.prototype (a name every object inherits may be gained)? */
function onOwnChain(proto: object | null, name: string | symbol): boolean {
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object)
    if (Object.hasOwn(p, name)) return true;
  return false;
}
const gainedProtos = new WeakSet<object>();

/** Behind ObjectRefBase.prototype: names no ref class has, resolved against the current class. */
const GAINED = new Proxy(Object.prototype, {
  get(target, name, receiver) {
    const kind = gainedKind(receiver, name);
    return kind === undefined ? Reflect.get(target, name, receiver) : gained(name as string, kind);
  },
});
Object.setPrototypeOf(ObjectRefBase.prototype, GAINED);

const ARITY_MAX = 8;
/** Plain calls with at most this many arguments take callFastHashed while only the hash listens. */
const HASHED_ARITY_MAX = 4;

function plainSource(name: string, arity: number): string {
  const key = JSON.stringify(name);
  const params = Array.from({ length: Math.min(arity, ARITY_MAX) }, (_, i) => `a${i}`).join(', ');
  const n = Math.min(arity, ARITY_MAX);
  const four = Array.from({ length: 4 }, (_, i) => (i < n ? `a${i}` : 'undefined')).join(', ');
  // Only the event hash listens: the call's events, and no argument array (CallPaths.callFastHashed).
  const hashed =
    n > HASHED_ARITY_MAX
      ? ''
      : `
      const f = e.target[${key}];
      if (bus.direct !== null && typeof f === 'function') return host.callFastHashed(e, ${key}, f, ${n}, ${four});`;
  return `[${key}](${params}) {
    const e = this.$e;
    if (arguments.length !== ${n}) return host.callPlain(e, ${key}, Array.prototype.slice.call(arguments));
    if (e.fast === true) {
      if (bus.on === false) return e.target[${key}](${params});${hashed}
    }
    return host.callPlain(e, ${key}, [${params}]);
  }`;
}

function opSource(name: string, arity: number): string {
  const key = JSON.stringify(name);
  if (arity > 0)
    return `[${key}](...args) { const e = this.$e; return host.madeOp(host.callOp(e, ${key}, args), e, ${key}); }`;
  // no declared parameters: the shared empty argument array unless it is given some (OpCall NO_ARGS)
  return `[${key}]() {
    const e = this.$e;
    const args = arguments.length === 0 ? noArgs : Array.prototype.slice.call(arguments);
    return host.madeOp(host.callOp(e, ${key}, args), e, ${key});
  }`;
}

/**
 * Generate the ref class for `cls` (methods as given by methodKinds), bound
 * to one table (`host`) and its event bus (its `on` and `direct` flags), extending `base`:
 * RefView (the default), or for an entry class TableEntry, whose instances
 * are their own entry (the generated `this.$e` then reads `this`).
 */
export function makeRefClass<B extends object>(
  cls: Function,
  kinds: ReadonlyMap<string, MethodKind>,
  host: RefHost,
  bus: { readonly on: boolean; readonly direct: unknown },
  base: abstract new (...args: any[]) => B = RefView as never,
): new (...args: any[]) => B {
  const body: string[] = [];
  for (const [name, kind] of kinds) {
    if (!refCallable(name)) continue;
    const fn = (cls.prototype as Record<string, Function>)[name];
    body.push(kind === 'plain' ? plainSource(name, fn.length) : opSource(name, fn.length));
  }
  const isEntry = base !== (RefView as unknown);
  const methods = isEntry ? body.join('\n').replaceAll('this.$e', 'this') : body.join('\n');
  const className = (cls.name || 'Anonymous').replace(/[^A-Za-z0-9_$]/g, '_');
  const suffix = isEntry ? 'Entry' : 'Ref';
  const source = `return class ${className}${suffix} extends Base {\n${methods}\n}`;
  const factory = new Function('Base', 'host', 'bus', 'noArgs', source) as (
    b: typeof base,
    h: RefHost,
    bus: { readonly on: boolean; readonly direct: unknown },
    noArgs: unknown[],
  ) => new (...args: any[]) => B;
  const rc = factory(base, host, bus, NO_ARGS);
  Object.defineProperty(rc.prototype, HOST, { value: host });
  return rc;
}
