/**
 * PlainCall: the Call record of a plain (non-generator) call, or of a call
 * from kernel context, made only when something needs one (a mediator,
 * an observer of events$, call stats, the transactions' journal; call-paths.ts).
 * Every field is its own slot; see call.ts for the interface.
 */
import { Call } from './call.ts';
import type { MethodKind } from './method-kinds.ts';
import type { MethodStats, TableEntry } from './table-entry.ts';

export class PlainCall extends Call {
  reached = 0;
  result: unknown = undefined;
  error: unknown = undefined;
  stats: MethodStats | null = null;
  forwardThrew: unknown = undefined;

  constructor(
    id: number,
    entry: TableEntry,
    method: string,
    args: unknown[],
    readonly kind: MethodKind,
    readonly thread: number,
    readonly threadName: string,
    cpu: number,
    generation: number,
    tickEntered: number,
  ) {
    super(id, entry, method, args, cpu, generation, tickEntered);
  }

  noteReached(version: number, impl: string): void {
    this.version = version;
    this.impl = impl;
    this.reached++;
  }

  noteExited(result: unknown, error: unknown, tick: number): void {
    this.result = result;
    this.error = error;
    this.tickExited = tick;
  }
}
