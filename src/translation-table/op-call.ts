/**
 * OpCall: a generator call through a ref, as one object that is both the
 * iterator the caller runs with `yield*` and the call's Call record (K42:
 * the call a MediatedThreadTable tracks). It replaces a wrapper generator
 * plus a separate record: a call allocates this object and nothing else
 * beyond what the method body itself does (docs/ARCHITECTURE.md, "Allocation
 * on the call path").
 *
 * Interface: the Generator protocol (`next`, `throw`, `return`,
 * `[Symbol.iterator]`); the Call fields (id, thread, cpu, tickEntered, ...)
 * are set when the call enters; as a record it has 15 slots, the rest
 * derived or kept in a record made on first use (docs/ARCHITECTURE.md,
 * "The call record's layout"). The table does the work through OpCallHost
 * (call-paths.ts): `opStart` (first resumption: noted as run, refused in
 * kernel context), `opEnter` (checks, call id, the thread's call stack,
 * activation, the entered event), `opBegin` (the mediator chain or the
 * implementation's method), `opLeave` (off the stack, the exited event).
 *
 * Steps, exactly those of the generator it replaces:
 *   NEW     first next(): started; yields the entry BOUNDARY
 *   ENTRY   next(): enter, begin; run the method's generator (a stub may
 *           return a plain value: then the call leaves at once)
 *   INSIDE  next/throw/return go to the method's generator; when it ends
 *           or throws, the call leaves and yields the exit BOUNDARY (or
 *           rethrows)
 *   EXIT    next(): done, with the method's result
 *   DONE    finished: next() is done, throw() rethrows
 *   FAILED  as DONE, after the method (or the table after entry) threw;
 *           `inner` keeps the error for `error`
 * An error before the call entered (stale ref, depth) ends it with nothing
 * to leave; a throw() at a boundary ends it as a generator would.
 *
 * Reuse (docs/ARCHITECTURE.md, "Reused call records"): a call that
 * returned is handed back to its table (`opRecycle`) at its last step,
 * unless something outside the table saw it (`keep()`: a mediator, the
 * transactions' journal, a reader of `thread.calls`); the table's next
 * generator call may then be this object again (`reuse`). An op is for one
 * `yield*`, in the step that made it (the unrun check already holds a
 * thread to that); a caller that keeps it after it finished keeps a name
 * that may now be another call.
 *
 * Invariant: between opEnter and opLeave the call is on its thread's stack;
 * every path out of INSIDE calls opLeave once; a kept call is never reused.
 */
import { BOUNDARY, type Effect, type Thread } from '../kernel/index.ts';
import { Call } from './call.ts';
import type { MethodKind } from './method-kinds.ts';
import { isIterator } from './method-of.ts';
import type { MethodStats, TableEntry } from './table-entry.ts';

/** What an OpCall asks of the table (CallPaths implements it). */
export interface OpCallHost {
  opStart(call: OpCall): void;
  opEnter(call: OpCall): Thread;
  opBegin(call: OpCall): unknown;
  opLeave(t: Thread, call: OpCall, result: unknown, error: unknown, failed: boolean): void;
  /** The call returned and nothing outside the table kept it: it may be reused. */
  opRecycle(call: OpCall): void;
}

type Step = IteratorResult<Effect, unknown>;
type Inner = Generator<Effect, unknown, unknown>;

/**
 * The step of a call boundary: shared, since yield* hands it on unchanged.
 * Taken from a generator so that it has the engine's own iterator-result
 * shape, the one every other step the kernel reads has (a literal would
 * make the kernel's `r.done` / `r.value` reads polymorphic). Never changed.
 */
const AT_BOUNDARY: Step = (function* (): Generator<Effect, void, unknown> {
  yield BOUNDARY;
})().next();

/**
 * The argument array of every call to a method declared with no
 * parameters: shared and frozen, so such a call allocates none. A mediated
 * call gets an array of its own before a mediator sees it (opBegin), and an
 * observer's call.entered event gets a fresh empty array.
 */
export const NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

const NEW = 0;
const ENTRY = 1;
const INSIDE = 2;
const EXIT = 3;
const DONE = 4;
/** Ended by an error the method threw (or one the table threw after entry): `inner` holds it. */
const FAILED = 5;

/** The Call fields set at entry (read-only to everyone else). */
type EnteredFields = {
  id: number;
  cpu: number;
  generation: number;
  tickEntered: number;
};

/** What only some calls need: made on first use (call stats, mediators, a second reach, keep). */
class OpCallMore {
  /** Seen outside the table (keep()): never reused. */
  kept = false;
  stats: MethodStats | null = null;
  forwardThrew: unknown = undefined;
  /** Reaches after the first (a replicating mediator forwards more than once). */
  reachedAgain = 0;
}

export class OpCall extends Call implements Generator<Effect, unknown, unknown> {
  private state = NEW;
  /**
   * INSIDE: the method's generator. EXIT and after: its final step (the
   * result, handed back after the exit boundary, then kept as `result`).
   * FAILED: the error.
   */
  private inner: unknown = null;
  /** The thread the call entered on (null before entry). */
  private owner: Thread | null = null;
  private more: OpCallMore | null = null;

  constructor(
    private readonly host: OpCallHost,
    entry: TableEntry,
    method: string,
    args: unknown[],
  ) {
    super(0, entry, method, args, 0, 0, 0);
  }

  /**
   * @internal The table's next call, in this finished record (opRecycle):
   * every field as a new OpCall has it.
   */
  reuse(entry: TableEntry, method: string, args: unknown[]): this {
    const w = this as unknown as { entry: TableEntry; method: string };
    w.entry = entry;
    w.method = method;
    this.args = args;
    this.enterAs(0, null, 0, 0, 0);
    this.version = 0;
    this.impl = '';
    this.tickExited = -1;
    this.state = NEW;
    this.inner = null;
    this.more = null;
    return this;
  }

  /** Seen outside the table (a mediator, the journal, `thread.calls`): this record is never reused. */
  override keep(): void {
    this.extended().kept = true;
  }

  get kind(): MethodKind {
    return 'op';
  }

  get thread(): number {
    return this.owner === null ? -1 : this.owner.id;
  }

  get threadName(): string {
    return this.owner === null ? '' : this.owner.name;
  }

  get reached(): number {
    return this.version === 0 ? 0 : 1 + (this.more === null ? 0 : this.more.reachedAgain);
  }

  get result(): unknown {
    return this.tickExited >= 0 && this.state !== FAILED ? (this.inner as Step).value : undefined;
  }

  get error(): unknown {
    return this.state === FAILED ? this.inner : undefined;
  }

  get stats(): MethodStats | null {
    return this.more === null ? null : this.more.stats;
  }

  set stats(s: MethodStats | null) {
    this.extended().stats = s;
  }

  get forwardThrew(): unknown {
    return this.more === null ? undefined : this.more.forwardThrew;
  }

  set forwardThrew(err: unknown) {
    this.extended().forwardThrew = err;
  }

  private extended(): OpCallMore {
    return this.more === null ? (this.more = new OpCallMore()) : this.more;
  }

  noteReached(version: number, impl: string): void {
    if (this.version !== 0) this.extended().reachedAgain++;
    this.version = version;
    this.impl = impl;
  }

  /** The outcome is already in `inner` (finish, fail, return): only the tick is new. */
  noteExited(_result: unknown, _error: unknown, tick: number): void {
    this.tickExited = tick;
  }

  /** Called by the host's opEnter: the call's identity and where it entered. */
  enterAs(id: number, t: Thread | null, cpu: number, generation: number, tick: number): void {
    const w = this as unknown as EnteredFields;
    w.id = id;
    w.cpu = cpu;
    w.generation = generation;
    w.tickEntered = tick;
    this.owner = t;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(value?: unknown): Step {
    switch (this.state) {
      case INSIDE:
        return this.resumed(value, false, undefined);
      case NEW:
        this.state = DONE; // refused at start: ended
        this.host.opStart(this);
        this.state = ENTRY;
        return AT_BOUNDARY;
      case ENTRY:
        return this.enter();
      case EXIT: {
        this.state = DONE; // the final step stays in `inner`: it is `result`
        const last = this.inner as Step;
        if (this.more === null || !this.more.kept) this.host.opRecycle(this);
        return last;
      }
      default:
        return { value: undefined, done: true };
    }
  }

  throw(error: unknown): Step {
    if (this.state === INSIDE) return this.resumed(undefined, true, error);
    this.ended();
    throw error;
  }

  return(value: unknown): Step {
    if (this.state !== INSIDE) {
      this.ended();
      return { value, done: true };
    }
    let r: Step;
    try {
      r = (this.inner as Inner).return(value);
    } catch (err) {
      return this.fail(err);
    }
    if (r.done !== true) return r;
    this.state = DONE;
    this.inner = r;
    this.host.opLeave(this.owner!, this, r.value, undefined, false);
    return r;
  }

  /** Ended at a boundary or before: done, keeping the outcome of a call that failed. */
  private ended(): void {
    if (this.state !== FAILED) this.state = DONE;
  }

  private enter(): Step {
    this.state = DONE; // an error before entry ends the call with nothing to leave
    this.host.opEnter(this);
    let r: unknown;
    try {
      r = this.host.opBegin(this);
    } catch (err) {
      return this.fail(err);
    }
    if (!isIterator(r)) return this.finish({ value: r, done: true });
    this.inner = r as Inner;
    this.state = INSIDE;
    return this.resumed(undefined, false, undefined);
  }

  /** Resume the method's generator with a value or an error. */
  private resumed(value: unknown, isThrow: boolean, error: unknown): Step {
    let r: Step;
    try {
      const inner = this.inner as Inner;
      r = isThrow ? inner.throw(error) : inner.next(value);
    } catch (err) {
      return this.fail(err);
    }
    return r.done === true ? this.finish(r) : r;
  }

  private finish(last: Step): Step {
    this.state = EXIT;
    this.inner = last;
    this.host.opLeave(this.owner!, this, last.value, undefined, false);
    return AT_BOUNDARY;
  }

  private fail(err: unknown): never {
    this.state = FAILED;
    this.inner = err;
    this.host.opLeave(this.owner!, this, undefined, err, true);
    throw err;
  }
}

Object.defineProperty(OpCall.prototype, Symbol.toStringTag, { value: 'Generator' });
