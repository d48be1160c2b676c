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
 * are set when the call enters. The table does the work through OpCallHost
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
 * An error before the call entered (stale ref, depth) ends it with nothing
 * to leave; a throw() at a boundary ends it as a generator would.
 *
 * Invariant: between opEnter and opLeave the call is on its thread's stack;
 * every path out of INSIDE calls opLeave once.
 */
import { BOUNDARY, type Effect, type Thread } from '../kernel/index.ts';
import { Call } from './call.ts';
import { isIterator } from './method-of.ts';
import type { TableEntry } from './table-entry.ts';

/** What an OpCall asks of the table (CallPaths implements it). */
export interface OpCallHost {
  opStart(call: OpCall): void;
  opEnter(call: OpCall): Thread;
  opBegin(call: OpCall): unknown;
  opLeave(t: Thread, call: OpCall, result: unknown, error: unknown, failed: boolean): void;
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

/** The Call fields set at entry (read-only to everyone else). */
type EnteredFields = {
  id: number;
  thread: number;
  threadName: string;
  cpu: number;
  generation: number;
  tickEntered: number;
};

export class OpCall extends Call implements Generator<Effect, unknown, unknown> {
  private state = NEW;
  /** INSIDE: the method's generator; EXIT: its final step (the result, handed back after the exit boundary). */
  private inner: Inner | Step | null = null;
  /** The thread the call entered on (null before entry). */
  private owner: Thread | null = null;

  constructor(
    private readonly host: OpCallHost,
    entry: TableEntry,
    method: string,
    args: unknown[],
  ) {
    super(0, entry, method, args, 'op', -1, '', 0, 0, 0);
  }

  /** Called by the host's opEnter: the call's identity and where it entered. */
  enterAs(id: number, t: Thread, cpu: number, generation: number, tick: number): void {
    const w = this as unknown as EnteredFields;
    w.id = id;
    w.thread = t.id;
    w.threadName = t.name;
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
        this.state = DONE;
        const last = this.inner as Step;
        this.inner = null;
        return last;
      }
      default:
        return { value: undefined, done: true };
    }
  }

  throw(error: unknown): Step {
    if (this.state === INSIDE) return this.resumed(undefined, true, error);
    this.state = DONE;
    throw error;
  }

  return(value: unknown): Step {
    if (this.state !== INSIDE) {
      this.state = DONE;
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
    this.inner = null;
    this.host.opLeave(this.owner!, this, r.value, undefined, false);
    return r;
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
    this.state = DONE;
    this.inner = null;
    this.host.opLeave(this.owner!, this, undefined, err, true);
    throw err;
  }
}

Object.defineProperty(OpCall.prototype, Symbol.toStringTag, { value: 'Generator' });
