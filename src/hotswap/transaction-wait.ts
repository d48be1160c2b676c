/**
 * awaitTransactions: the rollback strategy's wait (rollback-strategy.ts).
 * Each tick, from the swap's start in block: every transaction in conflict
 * (it reached one of the swap's objects, transactions.ts) is rolled back,
 * unless it cannot be now (irrevocable, a call of it in flight, a journal
 * that cannot undo it: attempt.whyNotRevocable) or its thread is the one
 * running now (not in the middle of its own step): those are waited for;
 * the swap goes on when no conflicting transaction and no call inside the
 * objects is left.
 *
 *   awaitTransactions(swap, host, then)
 *   exemptThread(swap, host, thread)  the threads the swap waits for, whose
 *                    calls the mediator forwards: inside one of the objects,
 *                    or in a conflicting transaction that cannot be rolled back
 *   transactionBlockers(swap, host)   those threads, for the blocker report
 */
import type { Call, TableEntry } from '../translation-table/index.ts';
import { oldCallThreads } from './old-call-threads.ts';
import type { SwapBookkeeping } from './swap-bookkeeping.ts';
import type { SwapHost } from './swap-host.ts';

function entriesOf(swap: SwapBookkeeping): TableEntry[] {
  return swap.members.map((m) => m.entry);
}

/** Roll back what can be; true while something is still waited for. */
function rollBackConflicts(swap: SwapBookkeeping, host: SwapHost): boolean {
  const entries = entriesOf(swap);
  let waiting = false;
  const txs = host.transactions;
  if (txs !== null) {
    for (const a of txs.conflicting(entries)) {
      if (a.whyNotRevocable() !== null || a.thread === host.kernel.current) {
        waiting = true;
        continue;
      }
      const names = swap.members.map((m) => m.name).join(', ');
      swap.ticksRolledBack += txs.rollBack(
        a,
        `swap ${swap.id} of ${names} (strategy rollback): the transaction reached the old version`,
        swap.id,
      );
      swap.transactionsRolledBack++;
    }
  }
  return waiting || oldCallThreads(host.kernel, entries).length > 0;
}

export function awaitTransactions(swap: SwapBookkeeping, host: SwapHost, then: () => void): void {
  const phase = swap.phase;
  swap.transactionWait = true;
  const poll = (): void => {
    if (swap.phase !== phase || swap.outcome !== 'pending') return;
    if (rollBackConflicts(swap, host)) {
      host.kernel.at(host.kernel.now + 1, poll, `swap ${swap.id} rollback wait`, true);
      return;
    }
    swap.transactionWait = false;
    then();
  };
  poll();
}

/** Threads the swap waits for, in id order. */
export function transactionBlockers(swap: SwapBookkeeping, host: SwapHost): number[] {
  const entries = entriesOf(swap);
  const ids = new Set(oldCallThreads(host.kernel, entries));
  for (const a of host.transactions?.conflicting(entries) ?? []) ids.add(a.thread.id);
  return [...ids].sort((x, y) => x - y);
}

export function exemptThread(swap: SwapBookkeeping, host: SwapHost, thread: number): boolean {
  const entries = entriesOf(swap);
  const a = host.transactions?.attemptOf(thread) ?? null;
  if (a !== null && a.doomed === null && a.whyNotRevocable() !== null)
    if (entries.some((e) => a.touched.has(e))) return true;
  const frames = host.kernel.threads.get(thread)?.frames ?? [];
  return frames.some((f) => (f as Call).reached > 0 && entries.includes((f as Call).entry));
}
