/**
 * Errors a caller can get from the table: a stale ref (object destroyed), a
 * method the object does not have, a forged ref, a generator method called
 * outside a thread, a generator call a thread made and never ran. Each names the object, its class and what to do.
 */
import type { TableEntry } from './table-entry.ts';

export class StaleRefError extends Error {
  override readonly name = 'StaleRefError';
  constructor(entry: TableEntry, method: string) {
    const ext = entry.ext;
    const when = ext && ext.destroyTick >= 0 ? ` at tick ${ext.destroyTick}` : '';
    const why = ext && ext.destroyReason ? ` (${ext.destroyReason})` : '';
    super(
      `${entry.describe()} was destroyed${when}${why}; the call to ${method}() cannot be served: the ref is stale`,
    );
  }
}

export class NoSuchMethodError extends TypeError {
  override readonly name = 'NoSuchMethodError';
  constructor(entry: TableEntry, impl: object, method: string) {
    super(
      `${entry.describe()} has no method '${method}' (its implementation is ${impl.constructor.name}); add it, or give the swap a stub for it`,
    );
  }
}

export class ForgedRefError extends TypeError {
  override readonly name = 'ForgedRefError';
  constructor(where: string, value: unknown) {
    super(
      `${where}: ${JSON.stringify(value) ?? String(value)} is not an ObjectRef made by this simulation; use the ref returned by objects.create (refs cannot be made from numbers)`,
    );
  }
}

export class CallDepthError extends RangeError {
  override readonly name = 'CallDepthError';
  constructor(entry: TableEntry, method: string, depthMax: number) {
    super(
      `call depth ${depthMax + 1} exceeded at ${entry.describe()}.${method}: calls through the table nest at most ${depthMax} deep (option callDepthMax); unbounded recursion?`,
    );
  }
}

export class MissingYieldError extends TypeError {
  override readonly name = 'MissingYieldError';
  constructor(thread: string, entry: TableEntry, method: string) {
    super(
      `missing yield*? thread '${thread}' called ${entry.name}.${method}(), a generator method of ${entry.describe()}, and never ran it: write \`yield* ${entry.name}.${method}(...)\` (without yield* no call is made)`,
    );
  }
}

export class NotInThreadError extends Error {
  override readonly name = 'NotInThreadError';
  constructor(entry: TableEntry, method: string) {
    super(
      `${entry.describe()}.${method} is a generator method: call it from a thread body with yield* (kernel context can call plain methods only)`,
    );
  }
}
