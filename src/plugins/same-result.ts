/**
 * sameResult: structural equality of two call results, the replicator's
 * default comparison.
 *
 * Primitives compare with Object.is (so NaN equals NaN); refs compare by the
 * object they name; errors by name and message; arrays, Maps, Sets and plain
 * objects element by element (same class, same keys in any order; Map keys
 * and Set elements by identity, then structurally). Other
 * class instances compare their own enumerable fields the same way. Cycles
 * are cut: a pair already being compared counts as equal.
 */
import { ObjectRefBase } from '../translation-table/index.ts';

export function sameResult(a: unknown, b: unknown): boolean {
  return same(a, b, new Map());
}

function same(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof ObjectRefBase || b instanceof ObjectRefBase)
    return a instanceof ObjectRefBase && b instanceof ObjectRefBase && a.$e === b.$e;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Error) return a.name === (b as Error).name && a.message === (b as Error).message;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Map) return sameMap(a, b as Map<unknown, unknown>, seen);
  if (a instanceof Set) return sameSet(a, b as Set<unknown>, seen);
  if (Array.isArray(a))
    return (
      a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i], seen))
    );
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen),
  );
}

function sameMap(
  a: Map<unknown, unknown>,
  b: Map<unknown, unknown>,
  seen: Map<object, object>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || !same(v, b.get(k), seen)) return false;
  return true;
}

function sameSet(a: Set<unknown>, b: Set<unknown>, seen: Map<object, object>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x) && ![...b].some((y) => same(x, y, seen))) return false;
  return true;
}
