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
 * give the same hash on any machine, in workers and under --jitless. The
 * field encodings are FieldHasher's (field-hasher.ts), which this extends.
 *
 * Interface: `add(event)`, or `beginEvent(type, tick, seq)` (or
 * `beginDirect` with a kernel DirectType) then one EventFields call per
 * declared field, in order (`int`/`sym`/`text`/`value`/`list`; a table
 * object's `objectName`/`method`/`impl`, their symbol ids cached per object
 * in ObjectSymCache, object-sym-cache.ts), for an event that is not built
 * (the same bytes; EventHashSink); the fused forms (FusedEvents:
 * `stampNext` then one call per event, below); `count`; `hex`, the hash so
 * far.
 *
 * A fused form mixes the event's words, written out one `fnv` step each
 * with the lanes in locals (hash-lanes.ts), when every
 * field is on its fast path: the type's symbol id known, stamp and int
 * fields 32-bit integers (tick and seq > 0), the object's name and method
 * or implementation ids cached (object-sym-cache.ts), no error. Else it
 * hashes field by field through beginDirect and the field methods (which
 * also fill the caches). Both give the same bytes, and the fast path interns
 * no string, so symbol ids are given in the same order either way.
 */
import {
  DIRECT_TYPES_MAX,
  type DirectType,
  type EventHashSink,
  type NamedObject,
} from '../kernel/index.ts';
import type { FieldKind } from './event-fields.ts';
import { EVENT_SCHEMAS } from './event-schemas.ts';
import { FieldHasher, Tag, Word } from './field-hasher.ts';
import { fnv } from './hash-lanes.ts';
import { ObjectSymCache } from './object-sym-cache.ts';
import { UNREADABLE } from './stable-json.ts';

export { SYMS_MAX } from './field-hasher.ts';

/** Undeclared fields of a declared event follow. */
const EXTRA_FIELDS = -2;
/** An event of an undeclared type: the whole event as a tagged value. */
const UNDECLARED_EVENT = -3;

/**
 * What `int` hashes as one word: a 32-bit integer but -0 and -2^31. Split
 * so that the common case (a positive integer: ids, ticks, seqs) is a
 * function small enough for an engine to inline everywhere.
 */
function isWord(v: number): boolean {
  return v > 0 ? (v | 0) === v : isWordAtMost0(v);
}

function isWordAtMost0(v: number): boolean {
  return (v | 0) === v && v !== (Word.IntEscape as number) && (v !== 0 || 1 / v > 0);
}

export class EventsHasher extends FieldHasher implements EventHashSink {
  count = 0;
  /** Per DirectType slot: the sym id of its name once interned, else 0 (kernel direct-type.ts). */
  private readonly typeIds = new Int32Array(DIRECT_TYPES_MAX);
  /** Per table object: the symbol ids of its name, methods and implementation (object-sym-cache.ts). */
  private readonly objects = new ObjectSymCache();
  /** The stamp stampNext gave, for the next fused form. */
  private tick = 0;
  private seq = 0;

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

  /** sym(o.name): the cached id while the name's source (given name or Factory, NamedObject) is the same. */
  objectName(o: NamedObject): void {
    const slot = this.objects.slotOf(o.id);
    const cached = slot.nameIdOf(o);
    if (cached > 0) return this.mix(cached);
    const id = this.symId(o.name);
    if (id > 0) slot.nameIs(o, id);
  }

  method(o: NamedObject, method: string): void {
    const slot = this.objects.slotOf(o.id);
    const cached = slot.methodIdOf(method);
    if (cached > 0) return this.mix(cached);
    const id = this.symId(method);
    if (id > 0) slot.addMethod(method, id);
  }

  impl(o: NamedObject, impl: string): void {
    const slot = this.objects.slotOf(o.id);
    const cached = slot.implIdOf(impl);
    if (cached > 0) return this.mix(cached);
    const id = this.symId(impl);
    if (id > 0) slot.implIs(impl, id);
  }

  // ---- the fused forms (FusedEvents): one call per event ----------------------

  stampNext(tick: number, seq: number): void {
    this.tick = tick;
    this.seq = seq;
  }

  /** The symbol id of a direct type if it and the stamp have a fast path (tick and seq words > 0), else 0. */
  private fastTypeId(type: DirectType): number {
    const tick = this.tick;
    const seq = this.seq;
    return tick > 0 && seq > 0 && (tick | 0) === tick && (seq | 0) === seq
      ? this.typeIds[type.slot]
      : 0;
  }

  // Each fast path below keeps the lanes in locals and writes one step per
  // word (HashLanes.mix written out): a call per word, or per few words,
  // cost more than the words' arithmetic (docs/BENCHMARKS.md, "Fused call
  // events").

  ints2(type: DirectType, x: number, y: number): void {
    const t = this.fastTypeId(type);
    if (t > 0 && isWord(x) && isWord(y)) {
      const s = this.s;
      let a = fnv(s[0], t);
      let b = fnv(s[1], t) ^ (a >>> 13);
      a = fnv(a, this.tick);
      b = fnv(b, this.tick) ^ (a >>> 13);
      a = fnv(a, this.seq);
      b = fnv(b, this.seq) ^ (a >>> 13);
      a = fnv(a, x);
      b = fnv(b, x) ^ (a >>> 13);
      a = fnv(a, y);
      s[1] = fnv(b, y) ^ (a >>> 13);
      s[0] = a;
      this.count++;
      return;
    }
    this.beginDirect(type, this.tick, this.seq);
    this.int(x);
    this.int(y);
  }

  callEntered(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    args: readonly unknown[],
  ): void {
    const empty = Array.isArray(args) && args.length === 0;
    if (!this.enteredFast(type, call, o, method, thread, cpu, empty))
      this.enteredSlow(type, call, o, method, thread, cpu);
    else if (empty) return;
    this.list(args);
  }

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
  ): void {
    if (!this.enteredFast(type, call, o, method, thread, cpu, n === 0))
      this.enteredSlow(type, call, o, method, thread, cpu);
    else if (n === 0) return;
    this.items(n);
    if (n > 0) this.value(a0);
    if (n > 1) this.value(a1);
    if (n > 2) this.value(a2);
    if (n > 3) this.value(a3);
  }

  /**
   * call.entered up to its args, and with `empty` its args too (an empty
   * array), if every word has a fast path; else false, having hashed nothing.
   */
  private enteredFast(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    empty: boolean,
  ): boolean {
    const id = o.id;
    const slot = this.objects.slotOf(id);
    const nameId = slot.nameIdOf(o);
    const methodId = slot.methodIdOf(method);
    const t = this.fastTypeId(type);
    if (!(t > 0 && nameId > 0 && methodId > 0)) return false;
    if (!(isWord(call) && isWord(id) && isWord(thread) && isWord(cpu))) return false;
    const s = this.s;
    let a = fnv(s[0], t);
    let b = fnv(s[1], t) ^ (a >>> 13);
    a = fnv(a, this.tick);
    b = fnv(b, this.tick) ^ (a >>> 13);
    a = fnv(a, this.seq);
    b = fnv(b, this.seq) ^ (a >>> 13);
    a = fnv(a, call);
    b = fnv(b, call) ^ (a >>> 13);
    a = fnv(a, id);
    b = fnv(b, id) ^ (a >>> 13);
    a = fnv(a, nameId);
    b = fnv(b, nameId) ^ (a >>> 13);
    a = fnv(a, methodId);
    b = fnv(b, methodId) ^ (a >>> 13);
    a = fnv(a, thread);
    b = fnv(b, thread) ^ (a >>> 13);
    a = fnv(a, cpu);
    b = fnv(b, cpu) ^ (a >>> 13);
    if (empty) {
      a = fnv(a, Tag.Array); // args: an empty array
      b = fnv(b, Tag.Array) ^ (a >>> 13);
      a = fnv(a, 0);
      b = fnv(b, 0) ^ (a >>> 13);
    }
    s[0] = a;
    s[1] = b;
    this.count++;
    return true;
  }

  /** call.entered up to its args, field by field. */
  private enteredSlow(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
  ): void {
    this.beginDirect(type, this.tick, this.seq);
    this.int(call);
    this.int(o.id);
    this.objectName(o);
    this.method(o, method);
    this.int(thread);
    this.int(cpu);
  }

  callReached(
    type: DirectType,
    call: number,
    o: NamedObject,
    version: number,
    impl: string,
    cpu: number,
  ): void {
    const id = o.id;
    const implId = this.objects.slotOf(id).implIdOf(impl);
    const t = this.fastTypeId(type);
    const ints = isWord(call) && isWord(id) && isWord(version) && isWord(cpu);
    if (t > 0 && implId > 0 && ints) {
      const s = this.s;
      let a = fnv(s[0], t);
      let b = fnv(s[1], t) ^ (a >>> 13);
      a = fnv(a, this.tick);
      b = fnv(b, this.tick) ^ (a >>> 13);
      a = fnv(a, this.seq);
      b = fnv(b, this.seq) ^ (a >>> 13);
      a = fnv(a, call);
      b = fnv(b, call) ^ (a >>> 13);
      a = fnv(a, id);
      b = fnv(b, id) ^ (a >>> 13);
      a = fnv(a, version);
      b = fnv(b, version) ^ (a >>> 13);
      a = fnv(a, implId);
      b = fnv(b, implId) ^ (a >>> 13);
      a = fnv(a, cpu);
      s[1] = fnv(b, cpu) ^ (a >>> 13);
      s[0] = a;
      this.count++;
      return;
    }
    this.beginDirect(type, this.tick, this.seq);
    this.int(call);
    this.int(id);
    this.int(version);
    this.impl(o, impl);
    this.int(cpu);
  }

  callExited(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    error: string | null,
  ): void {
    const id = o.id;
    const methodId = this.objects.slotOf(id).methodIdOf(method);
    const t = this.fastTypeId(type);
    const fast = t > 0 && methodId > 0 && error === null;
    const ints = isWord(call) && isWord(id) && isWord(thread) && isWord(cpu);
    if (fast && ints) {
      const s = this.s;
      let a = fnv(s[0], t);
      let b = fnv(s[1], t) ^ (a >>> 13);
      a = fnv(a, this.tick);
      b = fnv(b, this.tick) ^ (a >>> 13);
      a = fnv(a, this.seq);
      b = fnv(b, this.seq) ^ (a >>> 13);
      a = fnv(a, call);
      b = fnv(b, call) ^ (a >>> 13);
      a = fnv(a, id);
      b = fnv(b, id) ^ (a >>> 13);
      a = fnv(a, methodId);
      b = fnv(b, methodId) ^ (a >>> 13);
      a = fnv(a, thread);
      b = fnv(b, thread) ^ (a >>> 13);
      a = fnv(a, cpu);
      b = fnv(b, cpu) ^ (a >>> 13);
      a = fnv(a, Tag.Null); // error: null
      s[1] = fnv(b, Tag.Null) ^ (a >>> 13);
      s[0] = a;
      this.count++;
      return;
    }
    this.beginDirect(type, this.tick, this.seq);
    this.int(call);
    this.int(id);
    this.method(o, method);
    this.int(thread);
    this.int(cpu);
    this.stringOrNull(error);
  }
}
