/**
 * TransactionAttempt: one try of one transaction on one thread
 * (transactions.ts runs them). It knows its thread, its enclosing attempt
 * (nested transactions), the objects it reached with the version it first
 * reached, the journals holding its before-images, whether an irrevocable
 * effect happened in it (or in a nested one), and whether it was rolled
 * back (`doomed`: the reason).
 *
 * TransactionHandle is what the body gets: `name`, `tx`, `attempt`, and
 * `irrevocable(what)`, which marks an effect that cannot be undone (an I/O,
 * a message sent): from then on a rollback swap waits for the transaction
 * instead of rolling it back.
 */
import type { Thread } from '../kernel/index.ts';
import type { Call, TableEntry } from '../translation-table/index.ts';
import type { ObjectJournal } from './object-journal.ts';

export interface TransactionHandle {
  readonly name: string;
  readonly tx: number;
  readonly attempt: number;
  /** Mark an effect that cannot be rolled back (propagates to enclosing transactions). */
  irrevocable(what: string): void;
}

export class TransactionAttempt {
  /** What made it irrevocable, or null. */
  irrevocable: string | null = null;
  /** Why it was rolled back, or null. */
  doomed: string | null = null;
  /** Objects reached, with the version first reached. */
  readonly touched = new Map<TableEntry, number>();
  readonly journals: ObjectJournal[] = [];
  /** Calls of the attempt that reached an object, in order. */
  readonly calls: Call[] = [];

  constructor(
    /** Unique per attempt (journal key). */
    readonly key: number,
    readonly tx: number,
    readonly attempt: number,
    readonly name: string,
    readonly thread: Thread,
    readonly parent: TransactionAttempt | null,
    readonly beganTick: number,
  ) {}

  get outermost(): TransactionAttempt {
    let a: TransactionAttempt = this;
    while (a.parent !== null) a = a.parent;
    return a;
  }

  /** Why a rollback cannot undo it now, or null if it can. */
  whyNotRevocable(): string | null {
    if (this.irrevocable !== null) return `it is irrevocable (${this.irrevocable})`;
    const c = this.calls.find((x) => x.tickExited < 0);
    if (c !== undefined) return `its call ${c.objectName}.${c.method} (call ${c.id}) is in flight`;
    for (const j of this.journals) {
      const why = j.whyNotUndoable(this.key);
      if (why !== null) return why;
    }
    return null;
  }

  describe(): string {
    return `transaction '${this.name}' (tx ${this.tx}, attempt ${this.attempt}) of thread ${this.thread.id} '${this.thread.name}', begun at tick ${this.beganTick}`;
  }
}
