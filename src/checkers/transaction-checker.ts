/**
 * TransactionChecker ('transactions'): version consistency of transactions.
 * All calls of one transaction attempt (with the transactions nested in it)
 * reach one version of each object; an attempt that reached two versions of
 * an object is a violation, named with the transaction, its thread, the
 * object, both versions and the calls that reached them. A rolled-back
 * attempt is over at its transaction.rolled-back event (its retry is a new
 * attempt, judged on its own).
 *
 * Reads transaction.begun / committed / failed / rolled-back, call.entered
 * (which thread a call belongs to), call.reached and call.exited.
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import type { CheckedEvent } from './violation.ts';

interface Open {
  readonly tx: number;
  readonly attempt: number;
  readonly name: string;
  readonly thread: number;
  /** object id -> the version first reached, the call and tick. */
  readonly versions: Map<number, { version: number; call: number; tick: number }>;
  readonly reported: Set<number>;
}

export class TransactionChecker implements Checker {
  readonly name = 'transactions';
  readonly types = [
    'transaction.begun',
    'transaction.committed',
    'transaction.failed',
    'transaction.rolled-back',
    'call.entered',
    'call.reached',
    'call.exited',
  ] as const;
  /** thread -> its open attempts, outermost first. */
  private readonly stacks = new Map<number, Open[]>();
  /** call id -> thread and object name, for calls entered by threads inside transactions. */
  private readonly calls = new Map<number, { thread: number; objectName: string }>();
  private checkedAttempts = 0;

  observe(e: CheckedEvent, report: ReportViolation): void {
    switch (e.type) {
      case 'transaction.begun': {
        let s = this.stacks.get(e.thread);
        if (s === undefined) this.stacks.set(e.thread, (s = []));
        s.push({
          tx: e.tx,
          attempt: e.attempt,
          name: e.name,
          thread: e.thread,
          versions: s[0]?.versions ?? new Map(),
          reported: s[0]?.reported ?? new Set(),
        });
        return;
      }
      case 'transaction.committed':
      case 'transaction.failed':
        return this.close(e.thread, e.tx);
      case 'transaction.rolled-back':
        this.checkedAttempts++;
        this.stacks.delete(e.thread);
        return;
      case 'call.entered':
        if (this.stacks.has(e.thread))
          this.calls.set(e.call, { thread: e.thread, objectName: e.objectName });
        return;
      case 'call.exited':
        this.calls.delete(e.call);
        return;
      case 'call.reached':
        return this.reached(e, report);
    }
  }

  private close(thread: number, tx: number): void {
    const s = this.stacks.get(thread);
    if (s === undefined) return;
    const i = s.findIndex((o) => o.tx === tx);
    if (i < 0) return;
    s.length = i;
    if (i === 0) {
      this.checkedAttempts++;
      this.stacks.delete(thread);
    }
  }

  private reached(e: EventOf<'call.reached'>, report: ReportViolation): void {
    const c = this.calls.get(e.call);
    if (c === undefined) return;
    const o = this.stacks.get(c.thread)?.[0];
    if (o === undefined) return;
    const first = o.versions.get(e.object);
    if (first === undefined) {
      o.versions.set(e.object, { version: e.version, call: e.call, tick: e.tick });
      return;
    }
    if (first.version === e.version || o.reported.has(e.object)) return;
    o.reported.add(e.object);
    report(
      `transaction '${o.name}' (tx ${o.tx}, attempt ${o.attempt}, thread ${o.thread}) reached v${e.version} of ${c.objectName} (object ${e.object}) in call ${e.call}, but v${first.version} in call ${first.call} at tick ${first.tick}: one transaction saw two versions`,
    );
  }

  end(_report: ReportViolation): void {}

  notes(): string[] {
    const open = [...this.stacks.values()].filter((s) => s.length > 0).length;
    return open > 0
      ? [`transactions: ${open} thread(s) still inside a transaction at the end`]
      : [];
  }
}
