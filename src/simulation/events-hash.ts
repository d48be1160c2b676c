/**
 * EventsHasher: folds every event, serialised canonically, into a 64-bit
 * FNV-1a hash (two 32-bit lanes), so two runs can be compared by one string.
 *
 * Serialisation: JSON with object keys sorted, Errors as `{name, message}`,
 * functions by name, bigints as strings, refs and threads by their toJSON,
 * cycles cut, and values that throw when read (a Proxy whose traps throw)
 * as a marker. The same seed
 * and options give the same hash, byte for byte, on any machine.
 */
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

export class EventsHasher {
  private a = 0x811c9dc5;
  private b = 0xcbf29ce4;
  count = 0;

  add(event: unknown): void {
    const s = stableJson(event);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 13);
    }
    this.a = a;
    this.b = b;
    this.count++;
  }

  get hex(): string {
    return (
      (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0')
    );
  }
}
