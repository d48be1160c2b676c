/**
 * EventsHasher: folds every event into a streaming hash of two 32-bit
 * FNV-1a-style lanes (64 bits of state), so two runs can be compared by one
 * string. No JSON is built and, for every declared event type, no field
 * name is hashed: each event's fields go straight into the hash.
 *
 * Encoding (docs/BENCHMARKS.md, "The event hash"; hash values changed with
 * this keyless encoding, issue 18):
 * - An event of a type EVENT_FIELDS declares (event-fields.ts): its type as a
 *   symbol, its tick and seq as integers, then each declared field in the
 *   declared order, keyless, by its kind. Fields the table does not declare
 *   (none, if emitters match their types) follow as a marker and then
 *   (name, value) pairs in sorted name order, so nothing an event carries is
 *   left out of the hash.
 * - An event of an undeclared type (the general fallback): a marker, then the
 *   whole event as a tagged value.
 * - int: a 32-bit integer (but -2^31) as one word; any other number as an
 *   escape word then its tagged value.
 * - sym: interned once per run: the first time a string is seen, the word 0
 *   then its length and UTF-16 code units, and it gets the next id (from 1;
 *   at most SYMS_MAX ids, later strings are hashed in full each time); after
 *   that, its id as one word. The ids follow the order strings first occur
 *   in the event stream, so the same run gives the same ids anywhere.
 * - text: length then code units; value: a type tag then its content (the
 *   general encoding: integers as one word, other numbers as their
 *   JavaScript string, strings as length then code units, arrays as length
 *   then items, objects as field count then (name, value) in sorted name
 *   order, Errors as name and message, functions by name, bigints by digits,
 *   a Thread as its id and name, a ref as its object's name (a sym), other
 *   objects with a toJSON through it, cycles cut, values that throw
 *   when read, such as a Proxy whose traps throw, as a marker).
 * Only 32-bit integer arithmetic (hash-lanes.ts): the same seed and options
 * give the same hash on any machine, in workers and under --jitless.
 *
 * Interface: `add(event)`, or `beginEvent(type, tick, seq)` (or
 * `beginDirect` with a kernel DirectType) then one EventFields call per
 * declared field, in order (`int`/`sym`/`text`/`value`/`list`; a table
 * object's `objectName`/`method`/`impl`, their symbol ids cached per object
 * in ObjectSymCache, object-sym-cache.ts), for an event that is not built
 * (the same bytes; EventHashSink); `count`; `hex`, the hash so far.
 */
import {
  DIRECT_TYPES_MAX,
  Thread,
  type DirectType,
  type EventHashSink,
  type NamedObject,
} from '../kernel/index.ts';
import { ObjectRefBase } from '../translation-table/index.ts';
import type { FieldKind } from './event-fields.ts';
import { EVENT_SCHEMAS, sameKeys, type Shape } from './event-schemas.ts';
import { HashLanes } from './hash-lanes.ts';
import { ObjectSymCache } from './object-sym-cache.ts';
import { UNREADABLE } from './stable-json.ts';

const enum Tag {
  Undefined = 1,
  Null,
  True,
  False,
  Int,
  Number,
  String,
  Array,
  Object,
  BigInt,
  Function,
  Cycle,
  Unreadable,
  Error,
  Symbol,
  Thread,
  Ref,
}

/** An int field whose value is not a 32-bit integer; -2^31 itself is escaped, so no integer collides with it. */
const INT_ESCAPE = -0x80000000;
/** A sym or text field whose value is not a string (a word no id or length takes). */
const STRING_ESCAPE = -1;
/** Undeclared fields of a declared event follow. */
const EXTRA_FIELDS = -2;
/** An event of an undeclared type: the whole event as a tagged value. */
const UNDECLARED_EVENT = -3;
/** The first sighting of a sym: hashed in full. */
const NEW_SYM = 0;
/** Distinct strings interned per run; past this, syms are hashed in full each time (memory stays bounded). */
export const SYMS_MAX = 4096;

/** A 32-bit integer but -0 (value's Int tag; `int` escapes -2^31 too). */
function isSmallInt(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

export class EventsHasher extends HashLanes implements EventHashSink {
  count = 0;
  private readonly syms = new Map<string, number>();
  private readonly shapes = new Map<unknown, Shape>();
  /** Objects on the path from the event to the value being hashed (cycles are cut). */
  private readonly path: object[] = [];
  /** Per DirectType slot: the sym id of its name once interned, else 0 (kernel direct-type.ts). */
  private readonly typeIds = new Int32Array(DIRECT_TYPES_MAX);
  /** Per table object: the symbol ids of its name, methods and implementation (object-sym-cache.ts). */
  private readonly objects = new ObjectSymCache();

  add(event: unknown): void {
    const type = typeof event === 'object' && event !== null ? this.typeOf(event) : undefined;
    const schema = typeof type === 'string' ? EVENT_SCHEMAS.get(type) : undefined;
    if (schema === undefined) {
      this.mix(UNDECLARED_EVENT);
      this.value(event, true);
      this.count++;
      return;
    }
    const e = event as Record<string, unknown>;
    this.beginEvent(type as string, e.tick as number, e.seq as number);
    for (let i = 0; i < schema.names.length; i++)
      this.declared(schema.kinds[i], e, schema.names[i]);
    this.extras(e, schema.known);
  }

  private typeOf(event: object): unknown {
    try {
      return (event as { type?: unknown }).type;
    } catch {
      return undefined;
    }
  }

  /** One declared field of a built event, by its kind. */
  private declared(kind: FieldKind, e: Record<string, unknown>, name: string): void {
    let v: unknown;
    try {
      v = e[name];
    } catch {
      v = UNREADABLE;
    }
    if (kind === 'int') return this.int(v as number);
    if (kind === 'sym') return this.sym(v as string);
    if (kind === 'text') return this.text(v as string);
    this.value(v);
  }

  /** Own keys the event's type does not declare: a marker and (name, value) in sorted order. */
  private extras(e: Record<string, unknown>, known: ReadonlySet<string>): void {
    let extra: string[] | null = null;
    for (const k of Object.keys(e)) if (!known.has(k)) (extra ??= []).push(k);
    if (extra === null) return;
    extra.sort();
    this.mix(EXTRA_FIELDS);
    this.mix(extra.length);
    for (const k of extra) {
      this.str(k);
      this.value(this.read(() => e[k], UNREADABLE));
    }
  }

  /** An event hashed field by field, not built (kernel/event-bus.ts, "Direct emitters"). */
  beginEvent(type: string, tick: number, seq: number): void {
    this.sym(type);
    this.int(tick);
    this.int(seq);
    this.count++;
  }

  /** beginEvent for a direct emitter's type: the same bytes, its sym id read from its slot. */
  beginDirect(type: DirectType, tick: number, seq: number): void {
    const id = this.typeIds[type.slot];
    if (id > 0 && tick > 0 && seq > 0 && (tick | 0) === tick && (seq | 0) === seq)
      this.mix3(id, tick, seq);
    else {
      if (id > 0) this.mix(id);
      else {
        this.sym(type.name);
        this.typeIds[type.slot] = this.syms.get(type.name) ?? 0;
      }
      this.int(tick);
      this.int(seq);
    }
    this.count++;
  }

  /**
   * A value field holding a real array (a call's args): the bytes `value`
   * gives it (tag, length, each item tagged, the array on the cycle path
   * while an object item is walked), without the general object walk.
   */
  list(v: readonly unknown[]): void {
    if (!Array.isArray(v)) return this.value(v);
    this.mix(Tag.Array);
    this.mix(v.length);
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'object' || x === null) this.value(x);
      else this.member(v, x);
    }
  }

  /** An object item of `list`, walked with the list on the path, as `value` would. */
  private member(list: readonly unknown[], x: object): void {
    const path = this.path;
    path.push(list);
    try {
      this.value(x);
    } finally {
      path.pop();
    }
  }

  int(v: number): void {
    if (typeof v === 'number' && isSmallInt(v) && v !== INT_ESCAPE) this.mix(v);
    else this.escapedInt(v);
  }

  private escapedInt(v: unknown): void {
    this.mix(INT_ESCAPE);
    this.value(v);
  }

  sym(s: string): void {
    if (typeof s !== 'string') {
      this.mix(STRING_ESCAPE);
      return this.value(s);
    }
    const syms = this.syms;
    const id = syms.get(s);
    if (id !== undefined) return this.mix(id);
    if (syms.size < SYMS_MAX) syms.set(s, syms.size + 1);
    this.mix(NEW_SYM);
    this.str(s);
  }

  /** The symbol id `sym(s)` just gave s, or 0 (not a string, or the table is full). */
  private symId(s: string): number {
    this.sym(s);
    return typeof s === 'string' ? (this.syms.get(s) ?? 0) : 0;
  }

  /** sym(o.name): the cached id while the name's source (given name or Factory, NamedObject) is the same. */
  objectName(o: NamedObject): void {
    const slot = this.objects.slotOf(o.id);
    const r = o.rare;
    const key = (r === null ? null : r.givenName) ?? o.factory;
    if (slot.nameKey === key) return this.mix(slot.nameId);
    const id = this.symId(o.name);
    if (id > 0) {
      slot.nameKey = key;
      slot.nameId = id;
    }
  }

  method(o: NamedObject, method: string): void {
    const slot = this.objects.slotOf(o.id);
    if (slot.method0 === method) return this.mix(slot.methodId0);
    if (slot.method1 === method) return this.mix(slot.methodId1);
    const id = this.symId(method);
    if (id > 0) slot.addMethod(method, id);
  }

  impl(o: NamedObject, impl: string): void {
    const slot = this.objects.slotOf(o.id);
    if (slot.impl === impl) return this.mix(slot.implId);
    const id = this.symId(impl);
    if (id > 0) {
      slot.impl = impl;
      slot.implId = id;
    }
  }

  stringOrNull(s: string | null): void {
    if (s === null) this.mix(Tag.Null);
    else this.value(s);
  }

  text(s: string): void {
    if (typeof s === 'string') return this.str(s);
    this.mix(STRING_ESCAPE);
    this.value(s);
  }

  /** The header `value` gives an array of `n` items; the items follow through `value`. */
  items(n: number): void {
    this.mix(Tag.Array);
    this.mix(n);
  }

  /** The general tagged encoding; a small integer (the common item) is inlined at the call site. */
  value(v: unknown, top = false): void {
    if (typeof v === 'number' && isSmallInt(v)) {
      this.mix(Tag.Int);
      return this.mix(v);
    }
    this.anyValue(v, top);
  }

  private anyValue(v: unknown, top: boolean): void {
    switch (typeof v) {
      case 'number':
        if (isSmallInt(v)) {
          this.mix(Tag.Int);
          this.mix(v);
        } else {
          this.mix(Tag.Number);
          this.str(String(v));
        }
        return;
      case 'string':
        this.mix(Tag.String);
        return this.str(v);
      case 'boolean':
        return this.mix(v ? Tag.True : Tag.False);
      case 'undefined':
        return this.mix(Tag.Undefined);
      case 'bigint':
        this.mix(Tag.BigInt);
        return this.str(v.toString());
      case 'symbol':
        this.mix(Tag.Symbol);
        return this.str(v.description ?? '');
      case 'function':
        this.mix(Tag.Function);
        return this.str(this.read(() => (v as { name: string }).name, ''));
      default:
        if (v === null) return this.mix(Tag.Null);
        try {
          this.object(v as object, top);
        } catch {
          this.mix(Tag.Unreadable);
        }
    }
  }

  private read<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch {
      return fallback;
    }
  }

  private object(o: object, top: boolean): void {
    if (o instanceof Thread) {
      // what its toJSON gives ({ thread, name }), without building it
      this.mix(Tag.Thread);
      this.int(o.id);
      return this.text(o.name);
    }
    if (o instanceof ObjectRefBase) {
      this.mix(Tag.Ref);
      return this.sym(o.$e.name);
    }
    const path = this.path;
    if (path.includes(o)) return this.mix(Tag.Cycle);
    path.push(o);
    try {
      if (o instanceof Error) {
        this.mix(Tag.Error);
        this.str(String(o.name));
        this.str(String(o.message));
      } else if (Array.isArray(o)) {
        this.mix(Tag.Array);
        this.mix(o.length);
        for (let i = 0; i < o.length; i++) this.value(o[i]);
      } else {
        const toJSON = (o as { toJSON?: unknown }).toJSON;
        if (typeof toJSON === 'function') this.value((toJSON as () => unknown).call(o));
        else this.fields(o as Record<string, unknown>, top);
      }
    } finally {
      path.pop();
    }
  }

  private fields(o: Record<string, unknown>, top: boolean): void {
    const keys = Object.keys(o);
    let sorted: string[];
    if (top) {
      const shape = this.shapes.get(o.type);
      if (shape !== undefined && sameKeys(shape.keys, keys)) sorted = shape.sorted;
      else {
        sorted = [...keys].sort();
        this.shapes.set(o.type, { keys, sorted });
      }
    } else sorted = keys.sort();
    this.mix(Tag.Object);
    this.mix(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const k = sorted[i];
      this.str(k);
      let v: unknown;
      try {
        v = o[k];
      } catch {
        this.mix(Tag.Unreadable);
        continue;
      }
      this.value(v);
    }
  }
}
