/**
 * deepEqual: structural equality of plain data (what transfer formats carry):
 * primitives by SameValueZero, arrays and plain objects by their entries,
 * Maps and Sets by their entries in order, Dates by time. Cycles compare
 * equal when both sides cycle at the same place.
 */
export function deepEqual(a: unknown, b: unknown, seen = new Map<object, object>()): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof Map || a instanceof Set)
    return deepEqual([...a], [...(b as Map<unknown, unknown>)], seen);
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i], seen));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen),
  );
}
