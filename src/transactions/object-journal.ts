/**
 * ObjectJournal: the undo journal an object keeps for transactions, one
 * per object. Two kinds, chosen by the object's class:
 *
 *   logical   the class declares how to undo its methods, `static undo = {
 *             withdraw(this: Accounts, account, amount) { ... } }` (called
 *             with the implementation as `this`, the call's arguments and
 *             its result last). The journal keeps, per attempt, the calls
 *             that reached the object in order; undo runs the undo functions
 *             of those that returned, newest first. Correct while other
 *             transactions and calls use the object in between, as long as
 *             the operations commute (a deposit undone by a withdrawal).
 *   image     no declaration: before an attempt first reaches an
 *             implementation (a clustered object's reps separately), a
 *             before-image of its own fields is taken; undo puts it back.
 *             Only correct if nothing else touched the object since: a
 *             call of another thread makes the image stale, and a stale
 *             image cannot be undone (`undoable` is false: the rollback
 *             strategy waits for such a transaction instead).
 *
 * Images copy arrays, plain objects, Maps and Sets deeply; any other value
 * (a WaitQueue, a ref, a class instance) is kept by reference.
 * Interface: record(attempt, thread, impl, call), touched(thread, call,
 * tick), whyNotUndoable(attempt), undo(attempt) -> whether anything was undone,
 * forget(attempt).
 */
type Image = ReadonlyMap<string, unknown>;
type UndoFn = (this: object, ...args: unknown[]) => void;

/** What the journal needs of a call (translation-table's Call). */
export interface JournaledCall {
  readonly method: string;
  readonly args: readonly unknown[];
  readonly result: unknown;
  readonly error: unknown;
  readonly tickExited: number;
}

function copyValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyValue);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, copyValue(x)]));
  if (v instanceof Set) return new Set([...v].map(copyValue));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const [k, x] of Object.entries(v)) out[k] = copyValue(x);
  return out;
}

/** The before-image of an implementation's own fields. */
export function imageOf(impl: object): Image {
  const image = new Map<string, unknown>();
  for (const [k, v] of Object.entries(impl)) image.set(k, copyValue(v));
  return image;
}

/** Put an image back: fields added since are removed, the others restored. */
export function restoreImage(impl: object, image: Image): void {
  const o = impl as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!image.has(k)) delete o[k];
  for (const [k, v] of image) o[k] = copyValue(v);
}

/** The class's `static undo` declaration, checked; null when it has none. */
export function undoOf(cls: Function): Readonly<Record<string, UndoFn>> | null {
  const undo = (cls as { undo?: unknown }).undo;
  if (undo === undefined) return null;
  if (typeof undo !== 'object' || undo === null)
    throw new TypeError(
      `${cls.name}.undo must be an object { method(...args) { undo it } }, got ${typeof undo}`,
    );
  for (const [m, f] of Object.entries(undo))
    if (typeof f !== 'function')
      throw new TypeError(`${cls.name}.undo.${m} must be a function, got ${typeof f}`);
  return undo as Record<string, UndoFn>;
}

interface Logged {
  readonly impl: object;
  readonly call: JournaledCall;
}

interface AttemptRecord {
  readonly thread: number;
  readonly images: Map<object, Image>;
  readonly calls: Logged[];
  stale: string | null;
}

export class ObjectJournal {
  private readonly attempts = new Map<number, AttemptRecord>();

  constructor(
    /** The class whose undo functions it uses (a swap makes a new journal). */
    readonly cls: Function,
    readonly object: number,
    readonly objectName: string,
    /** The class's undo functions (logical journal), or null (images). */
    readonly undoFns: Readonly<Record<string, UndoFn>> | null,
  ) {}

  /** A call of the attempt (on `thread`) reached `impl`. */
  record(attempt: number, thread: number, impl: object, call: JournaledCall): void {
    let r = this.attempts.get(attempt);
    if (r === undefined)
      this.attempts.set(attempt, (r = { thread, images: new Map(), calls: [], stale: null }));
    if (this.undoFns !== null) r.calls.push({ impl, call });
    else if (!r.images.has(impl)) r.images.set(impl, imageOf(impl));
  }

  /** A call of `thread` reached the object: images of other threads' attempts go stale. */
  touched(thread: number, call: number, tick: number): void {
    if (this.undoFns !== null) return;
    for (const r of this.attempts.values())
      if (r.thread !== thread && r.images.size > 0)
        r.stale ??= `call ${call} of thread ${thread} reached it at tick ${tick}`;
  }

  /** Why the attempt's effects cannot be undone, or null if they can. */
  whyNotUndoable(attempt: number): string | null {
    const r = this.attempts.get(attempt);
    if (r?.stale == null) return null;
    return `${this.objectName} keeps a before-image and ${r.stale} since`;
  }

  /** Undo the attempt's effects and drop its record; true if there was one. */
  undo(attempt: number): boolean {
    const r = this.attempts.get(attempt);
    if (r === undefined) return false;
    this.attempts.delete(attempt);
    if (this.undoFns === null) {
      if (r.stale !== null) return false;
      for (const [impl, image] of r.images) restoreImage(impl, image);
      return true;
    }
    for (const { impl, call } of [...r.calls].reverse()) {
      if (call.tickExited < 0 || call.error !== undefined) continue;
      this.undoFns[call.method]?.call(impl, ...call.args, call.result);
    }
    return true;
  }

  forget(attempt: number): void {
    this.attempts.delete(attempt);
  }
}
