/**
 * EventHashSink: what the event bus folds every event into when the event
 * hash is on (simulation/events-hash.ts implements it). The bus calls it
 * directly, before any rxjs observer and whether or not one subscribes.
 *
 * Interface: `add(event)` hashes a built event; `beginEvent(type, tick,
 * seq)` then one EventFields call per field hash the same event without
 * building it. The fields go in keyless, in the fixed order the event type
 * declares (simulation/event-fields.ts, EVENT_FIELDS), each through the
 * method of its kind: `int` (a number, usually a 32-bit integer), `sym` (a
 * string from a small set, interned once per run), `text` (any string),
 * `value` (anything; an array may also come as `items(n)` then its n items
 * through `value`, so no array is built), or `list` (a field of kind value
 * that holds a real array, such as a call's args: the bytes `value` gives
 * it, without its general walk). `beginDirect(type, tick, seq)` is
 * `beginEvent` for a direct emitter's type (direct-type.ts): the same bytes,
 * the type's symbol id read from its slot. For a table object's fields
 * (NamedObject: a table entry, translation-table/table-entry.ts) there are
 * `objectName(o)` (= `sym(o.name)`), `method(o, m)` (= `sym(m)`) and
 * `impl(o, s)` (= `sym(s)`): the same bytes, the symbol ids cached per
 * object, so no name is built and no string looked up per event; and
 * `stringOrNull(s)` (= `value(s)` for a string or null). The bytes are
 * those `add` hashes for the built event
 * (test/simulation/direct-events.test.ts compares the two for every event
 * type with a direct emitter).
 *
 * Fused forms (FusedEvents): one call per event for the events a call makes
 * (call.entered, call.reached, call.exited: six of the seven events of a
 * peer-workload call) and for those of two int fields (a thread on a CPU).
 * `stampNext(tick, seq)` gives the stamp, then one fused form gives the
 * type and every field: the same bytes as `beginDirect` and the field calls,
 * with none of their per-field calls (docs/BENCHMARKS.md, "Fused call
 * events").
 */
import type { DirectType } from './direct-type.ts';

/**
 * A table object as the event hash sees it: its id, its name, and what the
 * name is made from. The name must be a function of (rare.givenName,
 * factory, id) only: the given name if not null, else one made from the
 * factory and the id (TableEntry.name), so the hash may reuse a name's
 * symbol id while the given name and the factory are the same.
 */
export interface NamedObject {
  readonly id: number;
  readonly name: string;
  readonly factory: object;
  readonly rare: { readonly givenName: string | null } | null;
}

export interface EventFields {
  int(v: number): void;
  sym(s: string): void;
  text(s: string): void;
  value(v: unknown): void;
  /** A `value` field that is an array of `n` items, given next one by one through `value`. */
  items(n: number): void;
  /** A value field that holds a real array (not a Proxy): the bytes `value(v)` gives. */
  list(v: readonly unknown[]): void;
  /** sym(o.name), cached per object (see NamedObject). */
  objectName(o: NamedObject): void;
  /** sym(method) for a method called on `o`, cached per object. */
  method(o: NamedObject, method: string): void;
  /** sym(impl) for the class name of `o`'s implementation, cached per object. */
  impl(o: NamedObject, impl: string): void;
  /** value(s) for a string or null (a call's error message). */
  stringOrNull(s: string | null): void;
}

/** One call per event: the stamp first (`stampNext`), then one of the forms (see the header). */
export interface FusedEvents {
  /** The stamp of the event the next fused form hashes. */
  stampNext(tick: number, seq: number): void;
  /** An event of two int fields (thread, cpu). */
  ints2(type: DirectType, x: number, y: number): void;
  /** call.entered: call, object, objectName, method, thread, cpu, args (a real array). */
  callEntered(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    args: readonly unknown[],
  ): void;
  /** call.entered with its args given one by one: the first n of a0..a3 (n <= 4). */
  callEnteredArgs(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    n: number,
    a0: unknown,
    a1: unknown,
    a2: unknown,
    a3: unknown,
  ): void;
  /** call.reached: call, object, version, impl, cpu. */
  callReached(
    type: DirectType,
    call: number,
    o: NamedObject,
    version: number,
    impl: string,
    cpu: number,
  ): void;
  /** call.exited: call, object, method, thread, cpu, error (a message or null). */
  callExited(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    error: string | null,
  ): void;
}

export interface EventHashSink extends EventFields, FusedEvents {
  add(event: unknown): void;
  /** Start one event: its type, then its stamp. */
  beginEvent(type: string, tick: number, seq: number): void;
  /** beginEvent for a direct emitter's type: the same bytes. */
  beginDirect(type: DirectType, tick: number, seq: number): void;
}
