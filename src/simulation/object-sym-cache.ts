/**
 * ObjectSymCache: per table object, the symbol ids the event hash last gave
 * its name, the methods called on it and its implementation's class name
 * (events-hash.ts), so a call event hashes those strings as one cached word
 * each, without building the object's name or looking a string up in the
 * symbol Map.
 *
 * Interface: `slotOf(id)` -> the ObjectSlot of object `id`: `nameKey` /
 * `nameId` (what the name was made from, and its symbol id), two method
 * ways (`method0`/`methodId0`, `method1`/`methodId1`, most recent first)
 * and `impl`/`implId`. The cache is direct-mapped: SLOTS slots, object id
 * modulo SLOTS; a slot held by another object is emptied and taken over.
 * A slot is made the first time an object of its own is hashed.
 *
 * Invariants: a slot caches only what its own fields prove: a symbol id is
 * used only for the same string (methods, impl; compared with ===) or the
 * same name source (`nameKey`: the given name, or the Factory the default
 * name is made from, see events-hash.ts `objectName`). Only ids > 0 (strings
 * that were interned) are cached, so with the symbol table full a string is
 * still hashed in full each time, exactly as without the cache.
 */

/** Slots (a power of two); objects with ids that differ by a multiple of it share one. */
export const OBJECT_SLOTS = 4096;
const MASK = OBJECT_SLOTS - 1;

/** A nameKey, method or impl no value equals: the slot holds nothing for it. */
export const NONE: unknown = Object.freeze({});

export class ObjectSlot {
  nameKey: unknown = NONE;
  nameId = 0;
  method0: unknown = NONE;
  methodId0 = 0;
  method1: unknown = NONE;
  methodId1 = 0;
  impl: unknown = NONE;
  implId = 0;

  constructor(public owner: number) {}

  /** Forget everything: the slot now caches object `owner`. */
  reset(owner: number): void {
    this.owner = owner;
    this.nameKey = NONE;
    this.method0 = NONE;
    this.method1 = NONE;
    this.impl = NONE;
  }

  /** A method's symbol id, most recent first (the other way moves down). */
  addMethod(method: unknown, id: number): void {
    this.method1 = this.method0;
    this.methodId1 = this.methodId0;
    this.method0 = method;
    this.methodId0 = id;
  }
}

export class ObjectSymCache {
  private slots: (ObjectSlot | undefined)[] | null = null;

  /** The slot of object `id`, emptied first if another object held it. */
  slotOf(id: number): ObjectSlot {
    const slots = (this.slots ??= new Array<ObjectSlot | undefined>(OBJECT_SLOTS).fill(undefined));
    const i = id & MASK;
    const s = slots[i];
    if (s === undefined) return (slots[i] = new ObjectSlot(id));
    if (s.owner !== id) s.reset(id);
    return s;
  }
}
