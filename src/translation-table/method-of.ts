/**
 * methodOf: the function that serves `method` on an implementation: the
 * implementation's own, or, when the entry has a method-type stub for it,
 * the stub's adapter for that implementation (made once per implementation
 * and method, then cached in the entry).
 *
 * A method the implementation does not have, and no stub covers, is a
 * NoSuchMethodError naming the object and the method.
 */
import type { TableEntry } from './table-entry.ts';
import { NoSuchMethodError } from './table-errors.ts';

export function methodOf(entry: TableEntry, impl: object, method: string): Function {
  const ext = entry.ext;
  const stub = ext?.stubs?.[method];
  if (ext && stub !== undefined) {
    let byMethod = ext.adapters.get(impl);
    if (byMethod === undefined) ext.adapters.set(impl, (byMethod = new Map()));
    let fn = byMethod.get(method);
    if (fn === undefined) byMethod.set(method, (fn = stub(impl)));
    return fn;
  }
  const fn = (impl as Record<string, unknown>)[method];
  if (typeof fn !== 'function') throw new NoSuchMethodError(entry, impl, method);
  return fn;
}

/** Is `x` a generator (what a generator method returns)? A stub may return a plain value instead. */
export function isIterator(x: unknown): x is Generator<any, unknown, unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { next?: unknown }).next === 'function' &&
    typeof (x as { throw?: unknown }).throw === 'function'
  );
}
