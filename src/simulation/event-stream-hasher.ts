/**
 * EventStreamHasher: the event hash's encoding of whole events, built or
 * field by field, under EventsHasher (events-hash.ts, which adds the fused
 * forms). Every event goes into a streaming hash of two 32-bit FNV-1a-style
 * lanes (64 bits of state), so two runs can be compared by one string. No
 * JSON is built and, for every declared event type, no field name is
 * hashed: each event's fields go straight into the hash.
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
 * (the same bytes; EventHashSink); `count`; `hex`, the hash so far; to
 * EventsHasher, `typeIds` and `objects` (the caches its fused forms read).
 */
import { DIRECT_TYPES_MAX, type DirectType, type NamedObject } from '../kernel/index.ts';
import type { FieldKind } from './event-fields.ts';
import { EVENT_SCHEMAS } from './event-schemas.ts';
import { FieldHasher } from './field-hasher.ts';
import { ObjectSymCache } from './object-sym-cache.ts';
import { UNREADABLE } from './stable-json.ts';

/** Undeclared fields of a declared event follow. */
const EXTRA_FIELDS = -2;
/** An event of an undeclared type: the whole event as a tagged value. */
const UNDECLARED_EVENT = -3;

export class EventStreamHasher extends FieldHasher {
  count = 0;
  /** Per DirectType slot: the sym id of its name once interned, else 0 (kernel direct-type.ts). */
  protected readonly typeIds = new Int32Array(DIRECT_TYPES_MAX);
  /** Per table object: the symbol ids of its name, methods and implementation (object-sym-cache.ts). */
  protected readonly objects = new ObjectSymCache();

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
}
