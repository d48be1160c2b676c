/**
 * rollbackStrategy: updates at transaction boundaries, rolling back
 * (Ginseng's transactional updates; Neamtiu, Hicks et al.). New calls are
 * held at once, as under block-all. Every transaction that has reached one
 * of the swapped objects (so it saw the old version) and is still running
 * is rolled back: its effects on objects undone through the journal each
 * object keeps, TransactionRolledBack thrown into its thread, and its retry
 * held until the swap is done, so it runs wholly on the new version. A
 * transaction that made an irrevocable effect cannot be rolled back: the
 * swap waits for it to commit, forwarding its calls to the old version.
 * Calls already inside the objects are waited for (their threads' further
 * calls forwarded, so recursion does not deadlock). Then transfer.
 * The 'transactions' checker finds no transaction that saw two versions.
 */
import type { SwapStrategy } from './swap-strategy.ts';

export const rollbackStrategy: SwapStrategy = {
  name: 'rollback',
  holdsRecursiveCalls: false,
  begin(steps) {
    steps.enterPhase('forward');
    steps.installMediators();
    steps.enterPhase('block');
    steps.awaitTransactions(() => steps.transferNow());
  },
};
