/**
 * ObjectSymCache: per table object, the symbol ids the event hash last gave
 * its name, the methods called on it and its implementation's class name
 * (event-stream-hasher.ts), so a call event hashes those strings as one cached word
 * each, without building the object's name or looking a string up in the
 * symbol Map.
 *
 * Interface: `slotOf(id)` -> the ObjectSlot of object `id`, which answers
 * `nameIdOf(o)`, `methodIdOf(m)` and `implIdOf(s)` (the cached symbol id, or
 * 0: not cached) and learns with `nameIs(o, id)`, `addMethod(m, id)` and
 * `implIs(s, id)`. It keeps three method ways (most recent first: a scheduling policy's enqueue, pickNext and forget all fit) and one
 * implementation. The cache is direct-mapped: OBJECT_SLOTS slots, object id
 * modulo OBJECT_SLOTS; a slot held by another object is emptied and taken
 * over. A slot is made the first time an object of its own is hashed.
 *
 * Invariants: a slot caches only what its own fields prove: a symbol id is
 * used only for the same string (methods, impl; compared with ===) or the
 * same name source (the given name, or with none the Factory the default
 * name is made from: see NamedObject, kernel event-hash-sink.ts). Only ids
 * > 0 (strings that were interned) are cached, and an id of 0 reads as "not
 * cached", so with the symbol table full a string is still hashed in full
 * each time, exactly as without the cache.
 *
 * Speed: the fields compared are typed (strings with strings, a Factory with
 * a Factory), so an engine compares them by reference without a generic
 * equality call (docs/BENCHMARKS.md, "Fused call events").
 */
import type { NamedObject } from '../kernel/index.ts';

/** Slots (a power of two); objects with ids that differ by a multiple of it share one. */
export const OBJECT_SLOTS = 4096;
const MASK = OBJECT_SLOTS - 1;

export class ObjectSlot {
  /** The given name nameId is for (when nameGiven), else ''. */
  private name = '';
  /** nameId is for a given name (`name`), not a default one. */
  private nameGiven = false;
  /** The Factory a cached default name is made from, or null. */
  private nameFactory: object | null = null;
  private nameId = 0;
  private method0 = '';
  private methodId0 = 0;
  private method1 = '';
  private methodId1 = 0;
  private method2 = '';
  private methodId2 = 0;
  private impl = '';
  private implId = 0;

  constructor(public owner: number) {}

  /** Forget everything: the slot now caches object `owner`. */
  reset(owner: number): void {
    this.owner = owner;
    this.nameId = this.methodId0 = this.methodId1 = this.methodId2 = this.implId = 0;
    this.nameFactory = null;
  }

  /** The cached symbol id of o's name, or 0. */
  nameIdOf(o: NamedObject): number {
    const r = o.rare;
    const given = r === null ? null : r.givenName;
    if (given === null) return !this.nameGiven && this.nameFactory === o.factory ? this.nameId : 0;
    return this.nameGiven && this.name === given ? this.nameId : 0;
  }

  /** o's name has symbol id `id` (> 0). */
  nameIs(o: NamedObject, id: number): void {
    const r = o.rare;
    const given = r === null ? null : r.givenName;
    this.nameGiven = given !== null;
    this.name = given ?? '';
    this.nameFactory = o.factory;
    this.nameId = id;
  }

  /** The cached symbol id of `method`, or 0. */
  methodIdOf(method: string): number {
    if (this.method0 === method) return this.methodId0;
    if (this.method1 === method) return this.methodId1;
    return this.method2 === method ? this.methodId2 : 0;
  }

  /** A method's symbol id (> 0), most recent first (the others move down). */
  addMethod(method: string, id: number): void {
    this.method2 = this.method1;
    this.methodId2 = this.methodId1;
    this.method1 = this.method0;
    this.methodId1 = this.methodId0;
    this.method0 = method;
    this.methodId0 = id;
  }

  /** The cached symbol id of the implementation's class name `impl`, or 0. */
  implIdOf(impl: string): number {
    return this.impl === impl ? this.implId : 0;
  }

  /** The implementation's class name has symbol id `id` (> 0). */
  implIs(impl: string, id: number): void {
    this.impl = impl;
    this.implId = id;
  }
}

export class ObjectSymCache {
  private readonly slots: (ObjectSlot | undefined)[] = new Array<ObjectSlot | undefined>(
    OBJECT_SLOTS,
  ).fill(undefined);

  /** The slot of object `id`, emptied first if another object held it (small: inlined on the hash's hot path). */
  slotOf(id: number): ObjectSlot {
    const s = this.slots[id & MASK];
    return s !== undefined && s.owner === id ? s : this.claim(id);
  }

  /** Make or take over the slot of object `id`. */
  private claim(id: number): ObjectSlot {
    const i = id & MASK;
    const s = this.slots[i];
    if (s === undefined) return (this.slots[i] = new ObjectSlot(id));
    s.reset(id);
    return s;
  }
}
