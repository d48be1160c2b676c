/**
 * stableJson: a value as JSON with every object's keys sorted, so key order
 * (which differs between compilers for class fields) cannot change the
 * string; bigints as `Nn`, functions as `[function name]`, Errors as name and
 * message, cycles cut as `[cycle]`, and a value whose reading throws (a
 * hostile Proxy) as UNREADABLE. For callers that want a canonical string;
 * the event hash (events-hash.ts) uses its own tagged encoding and shares
 * only the UNREADABLE marker.
 */
/** Own keys in sorted order, so key order (which differs between compilers for class fields) cannot change a hash. */
function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = readable(o[k]);
  return out;
}

/** What a value whose reading throws (a hostile Proxy) becomes, here and in the event hash. */
export const UNREADABLE = '[unreadable value]';

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
