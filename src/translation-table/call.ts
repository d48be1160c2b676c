/**
 * Call: one method invocation travelling the call path (K42: the mediated
 * call a MediatedThreadTable tracks).
 *
 * Interface: created by the table when a call enters a ref; mediators see it
 * and may rewrite `args`; the table records `version` and `impl` when it
 * reaches an implementation (`noteReached`), and `result` / `error` when it
 * exits (`noteExited`). `thread` is -1 for a kernel-context call (the
 * dispatcher calling the policy).
 *
 * Layout (issue 18, docs/ARCHITECTURE.md "The call record's layout"): Call
 * is abstract; its fields are those every call sets, and what a call may
 * keep elsewhere is an accessor: a plain call's record is a PlainCall
 * (plain-call.ts: every field its own slot), a generator call's is its
 * OpCall (op-call.ts: the thread from its Thread, the kind on the
 * prototype, the outcome in the slot that held the method's generator, the
 * stats and the mediators' scratch in a record made only when used).
 *
 * Invariant: a generator call is on its thread's `calls` stack from entry to
 * exit, so "which threads are inside object X, in which method, since when"
 * is answered by reading thread stacks.
 */
import type { CallFrame } from '../kernel/index.ts';
import type { MethodKind } from './method-kinds.ts';
import type { MethodStats, TableEntry } from './table-entry.ts';

export abstract class Call implements CallFrame {
  /** Version of the implementation the call reached (0 until it reaches one). */
  version = 0;
  /** Class name of the implementation it reached. */
  impl = '';
  tickExited = -1;

  constructor(
    readonly id: number,
    readonly entry: TableEntry,
    readonly method: string,
    public args: unknown[],
    readonly cpu: number,
    readonly generation: number,
    readonly tickEntered: number,
  ) {}

  abstract get kind(): MethodKind;
  /** The thread's id, -1 in kernel context. */
  abstract get thread(): number;
  abstract get threadName(): string;
  /** How many times it reached an implementation (a replicating mediator may forward twice). */
  abstract get reached(): number;
  abstract get result(): unknown;
  abstract get error(): unknown;
  /** @internal the entry's stats for this method, counted at entry. */
  abstract get stats(): MethodStats | null;
  abstract set stats(s: MethodStats | null);
  /** @internal the error a forward last let through, so mediators are blamed only for their own. */
  abstract get forwardThrew(): unknown;
  abstract set forwardThrew(err: unknown);

  /** @internal the call reached `impl` at `version` (once more, for a replicating mediator). */
  abstract noteReached(version: number, impl: string): void;
  /** @internal the call exited now (`tick`) with `result`, or threw `error`. */
  abstract noteExited(result: unknown, error: unknown, tick: number): void;

  /** @internal Seen outside the table: a record the table reuses (OpCall) is kept as it is. */
  keep(): void {}

  get object(): number {
    return this.entry.id;
  }

  get objectName(): string {
    return this.entry.name;
  }

  toJSON(): object {
    return { call: this.id, object: this.entry.name, method: this.method, thread: this.thread };
  }
}
