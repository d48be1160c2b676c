/**
 * Transactions: `sim.transaction(name, body)` and what a rollback swap needs
 * of them. A transaction is a stretch of a thread body whose calls belong
 * together: all of them should reach one version of each object (the
 * 'transactions' checker watches that), and its effects on objects can be
 * undone through the journal each object keeps (object-journal.ts).
 *
 *   run(name, body, {retriesMax})  the Op behind sim.transaction: begins an
 *                      attempt, runs `body(handle)`; on return commits; when
 *                      the attempt was rolled back, retries the body (the
 *                      outermost transaction only; a nested one unwinds to
 *                      it), at most retriesMax times (default 100); when the
 *                      body throws, undoes its effects (unless irrevocable)
 *                      and rethrows
 *   reach(call, impl)  the table's hook (TranslationTable.setJournal): a
 *                      call of a thread inside transactions reaches an
 *                      implementation: each enclosing attempt records the
 *                      object, its version, and a before-image
 *   conflicting(entries)  outermost live attempts that reached one of them
 *                      (attempt.whyNotRevocable() says if one can be rolled
 *                      back now: not irrevocable, no call in flight, every
 *                      journal able to undo it)
 *   rollBack(attempt, reason, swap)  undo its effects now (kernel context),
 *                      and throw TransactionRolledBack into its thread at its
 *                      next resumption; returns the ticks of work lost
 *
 * Nesting is closed: a nested attempt's effects are journaled in every
 * enclosing attempt too, so rolling back the outermost undoes them; a
 * nested commit merges into its parent; an irrevocable effect makes every
 * enclosing attempt irrevocable. Journaling turns the table's fast path
 * off from the first transaction on (every reach must be seen).
 * Deterministic: attempts are numbered in begin order, conflicts listed in
 * thread id order.
 */
import { describeError, type EventSink, type Kernel, type Op } from '../kernel/index.ts';
import type { Call, TableEntry, TranslationTable } from '../translation-table/index.ts';
import { ObjectJournal, undoOf } from './object-journal.ts';
import { TransactionAttempt, type TransactionHandle } from './transaction-attempt.ts';
import type { TransactionEvent } from './transaction-events.ts';
import { TransactionRolledBack } from './transaction-rolled-back.ts';

export interface TransactionOptions {
  /** Attempts before giving up with an error (default 100). */
  readonly retriesMax?: number;
}

export type TransactionBody<T> = (tx: TransactionHandle) => Op<T>;

export class Transactions {
  private readonly stacks = new Map<number, TransactionAttempt[]>();
  private readonly journals = new Map<TableEntry, ObjectJournal>();
  private nextTx = 1;
  private nextKey = 1;
  private journaling = false;
  /** Attempts rolled back so far, and the ticks of work they lost. */
  rolledBack = 0;
  ticksLost = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly table: TranslationTable,
    private readonly bus: EventSink<TransactionEvent>,
  ) {}

  *run<T>(name: string, body: TransactionBody<T>, options: TransactionOptions = {}): Op<T> {
    const t = this.kernel.current;
    if (t === null)
      throw new Error(
        `sim.transaction('${name}'): not in a thread; run it inside a thread body with yield*`,
      );
    if (typeof body !== 'function')
      throw new TypeError(`sim.transaction('${name}'): the body must be a generator function`);
    const retriesMax = options.retriesMax ?? 100;
    const stack = this.stackOf(t.id);
    const parent = stack.at(-1) ?? null;
    const tx = this.nextTx++;
    for (let n = 1; ; n++) {
      const a = this.begin(
        new TransactionAttempt(this.nextKey++, tx, n, name, t, parent, this.kernel.now),
      );
      let result: T;
      try {
        result = yield* body(this.handle(a));
      } catch (err) {
        this.end(a);
        if (a.doomed === null) {
          this.fail(a, err);
          throw err;
        }
        if (parent !== null) throw err;
        if (n >= retriesMax)
          throw new Error(
            `sim.transaction('${name}'): rolled back ${n} times (retriesMax ${retriesMax}); last: ${a.doomed}`,
            { cause: err },
          );
        continue;
      }
      this.end(a);
      if (a.doomed !== null)
        throw new Error(
          `sim.transaction('${name}'): the body returned after its attempt ${n} was rolled back (${a.doomed}); do not catch TransactionRolledBack in a transaction body`,
        );
      this.commit(a);
      return result;
    }
  }

  private stackOf(thread: number): TransactionAttempt[] {
    let s = this.stacks.get(thread);
    if (s === undefined) this.stacks.set(thread, (s = []));
    return s;
  }

  private handle(a: TransactionAttempt): TransactionHandle {
    return {
      name: a.name,
      tx: a.tx,
      attempt: a.attempt,
      irrevocable: (what: string) => this.markIrrevocable(a, what),
    };
  }

  private begin(a: TransactionAttempt): TransactionAttempt {
    if (!this.journaling) {
      this.journaling = true;
      this.table.setJournal((call, impl) => this.reach(call, impl));
    }
    this.stackOf(a.thread.id).push(a);
    if (this.bus.on)
      this.bus.emit({
        type: 'transaction.begun',
        tx: a.tx,
        attempt: a.attempt,
        name: a.name,
        thread: a.thread.id,
        parent: a.parent?.tx ?? null,
      });
    return a;
  }

  private end(a: TransactionAttempt): void {
    const s = this.stackOf(a.thread.id);
    if (s.at(-1) === a) s.pop();
    if (s.length === 0) this.stacks.delete(a.thread.id);
  }

  private commit(a: TransactionAttempt): void {
    for (const j of a.journals) j.forget(a.key);
    if (this.bus.on)
      this.bus.emit({
        type: 'transaction.committed',
        tx: a.tx,
        attempt: a.attempt,
        thread: a.thread.id,
      });
  }

  private fail(a: TransactionAttempt, err: unknown): void {
    const undone = a.irrevocable === null ? this.undo(a) : [];
    for (const j of a.journals) j.forget(a.key);
    if (this.bus.on)
      this.bus.emit({
        type: 'transaction.failed',
        tx: a.tx,
        attempt: a.attempt,
        thread: a.thread.id,
        error: describeError(err),
        undone,
      });
  }

  private undo(a: TransactionAttempt): number[] {
    const undone: number[] = [];
    for (const j of a.journals) if (j.undo(a.key)) undone.push(j.object);
    return undone;
  }

  private markIrrevocable(a: TransactionAttempt, what: string): void {
    if (a.doomed !== null) throw new TransactionRolledBack(a.outermost.key, a.doomed);
    for (let x: TransactionAttempt | null = a; x !== null; x = x.parent) x.irrevocable ??= what;
    if (this.bus.on)
      this.bus.emit({
        type: 'transaction.irrevocable',
        tx: a.tx,
        attempt: a.attempt,
        thread: a.thread.id,
        what,
      });
  }

  /** The table's hook: a call reached `impl`; journal it for every attempt of its thread. */
  reach(call: Call, impl: object): void {
    const entry = call.entry;
    const s = this.stacks.get(call.thread);
    let j = this.journals.get(entry);
    if (j !== undefined) j.touched(call.thread, call.id, this.kernel.now);
    if (s === undefined) return;
    if (j === undefined || j.cls !== entry.cls) {
      j = new ObjectJournal(entry.cls, entry.id, entry.name, undoOf(entry.cls));
      this.journals.set(entry, j);
    }
    for (const a of s) {
      if (a.doomed !== null) continue;
      if (!a.touched.has(entry)) a.touched.set(entry, call.version);
      if (!a.journals.includes(j)) a.journals.push(j);
      a.calls.push(call);
      j.record(a.key, call.thread, impl, call);
    }
  }

  /** Outermost live attempts that reached one of `entries`, in thread id order. */
  conflicting(entries: readonly TableEntry[]): TransactionAttempt[] {
    const out: TransactionAttempt[] = [];
    for (const id of [...this.stacks.keys()].sort((x, y) => x - y)) {
      const a = this.stacks.get(id)![0];
      if (a === undefined || a.doomed !== null) continue;
      if (entries.some((e) => a.touched.has(e))) out.push(a);
    }
    return out;
  }

  /** The outermost live attempt of a thread, or null. */
  attemptOf(thread: number): TransactionAttempt | null {
    return this.stacks.get(thread)?.[0] ?? null;
  }

  /**
   * Roll an outermost attempt back now: its journals undone, it and the
   * attempts nested in it doomed, TransactionRolledBack thrown into its
   * thread at the next resumption. Returns the ticks of work lost.
   */
  rollBack(a: TransactionAttempt, reason: string, swap: number | null): number {
    const why = a.parent === null && a.doomed === null ? a.whyNotRevocable() : 'nested or done';
    if (why !== null)
      throw new Error(`Transactions.rollBack: ${a.describe()} cannot be rolled back now: ${why}`);
    const undone = this.undo(a);
    for (const x of this.stacks.get(a.thread.id) ?? []) {
      x.doomed = reason;
      for (const j of x.journals) j.forget(x.key);
    }
    const t = a.thread;
    if (t.resumeError === undefined) t.resumeError = new TransactionRolledBack(a.key, reason);
    const ticksLost = this.kernel.now - a.beganTick;
    this.rolledBack++;
    this.ticksLost += ticksLost;
    if (this.bus.on)
      this.bus.emit({
        type: 'transaction.rolled-back',
        tx: a.tx,
        attempt: a.attempt,
        thread: t.id,
        reason,
        bySwap: swap,
        ticksLost,
        undone,
      });
    return ticksLost;
  }
}
