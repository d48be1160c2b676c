/**
 * FieldHasher: an event field's bytes in the event hash, by the field's
 * kind (event-stream-hasher.ts hashes whole events with it): `int`, `sym`, `text`,
 * `value` (the general tagged encoding), `list` and `items` (arrays),
 * `stringOrNull`. The encoding of each is in event-stream-hasher.ts's header.
 *
 * Interface: those methods (EventFields, kernel event-hash-sink.ts), and to
 * EventsHasher, which extends it: `symId(s)` (sym(s), returning the id it
 * has), `read(f, fallback)` (a read that may throw) and the Tag words.
 *
 * Invariant: only 32-bit integer arithmetic (hash-lanes.ts). Symbol ids
 * follow the order strings first occur in the stream: at most SYMS_MAX per
 * run, later strings hashed in full each time.
 */
import { Thread } from '../kernel/index.ts';
import { ObjectRefBase } from '../translation-table/index.ts';
import { sameKeys, type Shape } from './event-schemas.ts';
import { HashLanes } from './hash-lanes.ts';

export const enum Tag {
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

/** Words with a meaning of their own (a const enum: inlined as literals, no module binding read per use). */
export const enum Word {
  /** An int field whose value is not a 32-bit integer; -2^31 itself is escaped, so no integer collides with it. */
  IntEscape = -0x80000000,
}
/** A sym or text field whose value is not a string (a word no id or length takes). */
const STRING_ESCAPE = -1;
/** The first sighting of a sym: hashed in full. */
const NEW_SYM = 0;
/** Distinct strings interned per run; past this, syms are hashed in full each time (memory stays bounded). */
export const SYMS_MAX = 4096;

/** A 32-bit integer but -0 (value's Int tag; `int` escapes -2^31 too). */
function isSmallInt(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

export class FieldHasher extends HashLanes {
  protected readonly syms = new Map<string, number>();
  private readonly shapes = new Map<unknown, Shape>();
  /** Objects on the path from the event to the value being hashed (cycles are cut). */
  private readonly path: object[] = [];

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
    if (typeof v === 'number' && isSmallInt(v) && v !== (Word.IntEscape as number)) this.mix(v);
    else this.escapedInt(v);
  }

  private escapedInt(v: unknown): void {
    this.mix(Word.IntEscape);
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
  protected symId(s: string): number {
    this.sym(s);
    return typeof s === 'string' ? (this.syms.get(s) ?? 0) : 0;
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
    this.mix2(Tag.Array, n);
  }

  /** The general tagged encoding; a small integer or a string (the common items) is hashed here, the rest by anyValue. */
  value(v: unknown, top = false): void {
    if (typeof v === 'number') {
      if (isSmallInt(v)) return this.mix2(Tag.Int, v);
    } else if (typeof v === 'string') return this.wordsStr(1, Tag.String, 0, v);
    this.anyValue(v, top); // objects: instanceof may throw (a hostile Proxy), which object() catches
  }

  /** A thread: what its toJSON gives ({ thread, name }), without building it. */
  private thread(t: Thread): void {
    const id = t.id;
    const name = t.name;
    if (isSmallInt(id) && id !== (Word.IntEscape as number) && typeof name === 'string')
      return this.wordsStr(2, Tag.Thread, id, name);
    this.mix(Tag.Thread);
    this.int(id);
    this.text(name);
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

  protected read<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch {
      return fallback;
    }
  }

  private object(o: object, top: boolean): void {
    if (o instanceof Thread) return this.thread(o);
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
