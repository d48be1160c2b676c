/**
 * EventsHasher: folds every event into a streaming hash of two 32-bit
 * FNV-1a-style lanes (64 bits of state), so two runs can be compared by one
 * string. No JSON is built: each event's fields go straight into the hash.
 *
 * Encoding (docs/BENCHMARKS.md, "The event hash"): every value is a type tag
 * then its content. Integers of 32 bits go in as one number; other numbers as
 * their JavaScript string (exact by the language spec); strings as length
 * then UTF-16 code units; arrays as length then items; objects as field
 * count then (name, value) in sorted name order (the sorted order is cached
 * per event type, so key order, which differs between compilers for class
 * fields, cannot change a hash); Errors as name and message; functions by
 * name; bigints by digits; refs and threads through their toJSON; cycles
 * cut; values that throw when read (a Proxy whose traps throw) as a marker.
 * The same seed and options give the same hash on any machine, in workers
 * and under --jitless. `stableJson` (sorted-key JSON) is kept for callers
 * that want a canonical string; the hash no longer uses it.
 *
 * Interface: `add(event)`, or `beginEvent(n)` then `field(key, value)` n
 * times in sorted key order for an event that is not built (the same bytes;
 * EventHashSink), and `hex`, the hash so far.
 */
import type { EventHashSink } from '../kernel/index.ts';
/** Own keys in sorted order, so key order (which differs between compilers for class fields) cannot change a hash. */
function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = readable(o[k]);
  return out;
}

const UNREADABLE = '[unreadable value]';

/** `v`, or a marker if JSON could not even look at it (its toJSON getter throws: a hostile Proxy). */
function readable(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  try {
    void (v as { toJSON?: unknown }).toJSON;
    return v;
  } catch {
    return UNREADABLE;
  }
}

export function stableJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => canonical(v, seen)) ?? 'undefined';
}

/** One value as the hash sees it; a value whose reading throws (a hostile Proxy) hashes as a marker. */
function canonical(v: unknown, seen: WeakSet<object>): unknown {
  try {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'function') return `[function ${v.name}]`;
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[cycle]';
      seen.add(v);
      const plain = !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
      if (plain) return sortedKeys(v as Record<string, unknown>);
      if (Array.isArray(v)) return v.map(readable);
    }
    return v;
  } catch {
    return UNREADABLE;
  }
}

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
}

const PRIME = 0x01000193;

/** Sorted field names of the last event shape seen for one event type. */
interface Shape {
  keys: string[];
  sorted: string[];
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class EventsHasher implements EventHashSink {
  private a = 0x811c9dc5;
  private b = 0xcbf29ce4;
  count = 0;
  private readonly shapes = new Map<unknown, Shape>();
  /** Objects on the path from the event to the value being hashed (cycles are cut). */
  private readonly path: object[] = [];

  add(event: unknown): void {
    this.value(event, true);
    this.count++;
  }

  /** An event hashed field by field, not built (kernel/event-bus.ts, "Direct emitters"). */
  beginEvent(fields: number): void {
    this.mix(Tag.Object);
    this.mix(fields);
    this.count++;
  }

  /** One field of the event begun: its name, then its value, as `add` hashes them. */
  field(key: string, value: unknown): void {
    this.str(key);
    this.value(value);
  }

  get hex(): string {
    return (
      (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0')
    );
  }

  private mix(c: number): void {
    const a = Math.imul(this.a ^ c, PRIME);
    this.a = a;
    this.b = Math.imul(this.b ^ c, PRIME) ^ (a >>> 13);
  }

  private str(s: string): void {
    this.mix(s.length);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, PRIME);
      b = Math.imul(b ^ c, PRIME) ^ (a >>> 13);
    }
    this.a = a;
    this.b = b;
  }

  private value(v: unknown, top = false): void {
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
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
