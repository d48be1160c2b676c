/**
 * Call: one method invocation travelling the call path (K42: the mediated
 * call a MediatedThreadTable tracks).
 *
 * Interface: created by the table when a call enters a ref; mediators see it
 * and may rewrite `args`; the table records `version` and `impl` when it
 * reaches an implementation, and `result` / `error` when it exits. `thread`
 * is -1 for a kernel-context call (the dispatcher calling the policy).
 *
 * Invariant: a generator call is on its thread's `calls` stack from entry to
 * exit, so "which threads are inside object X, in which method, since when"
 * is answered by reading thread stacks.
 */
import type { CallFrame } from '../kernel/index.ts';
import type { MethodKind } from './method-kinds.ts';
import type { MethodStats, TableEntry } from './table-entry.ts';

export class Call implements CallFrame {
  /** Version of the implementation the call reached (0 until it reaches one). */
  version = 0;
  /** Class name of the implementation it reached. */
  impl = '';
  /** How many times it reached an implementation (a replicating mediator may forward twice). */
  reached = 0;
  result: unknown = undefined;
  error: unknown = undefined;
  tickExited = -1;
  /** @internal the entry's stats for this method, counted at entry. */
  stats: MethodStats | null = null;
  /** @internal the error a forward last let through, so mediators are blamed only for their own. */
  forwardThrew: unknown = undefined;

  constructor(
    readonly id: number,
    readonly entry: TableEntry,
    readonly method: string,
    public args: unknown[],
    readonly kind: MethodKind,
    readonly thread: number,
    readonly threadName: string,
    readonly cpu: number,
    readonly generation: number,
    readonly tickEntered: number,
  ) {}

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
