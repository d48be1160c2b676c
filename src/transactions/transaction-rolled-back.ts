/**
 * TransactionRolledBack: the error thrown into a thread whose transaction
 * attempt was rolled back (by a rollback swap, transactions.ts). Its effects
 * are already undone when the thread sees it; the outermost
 * `sim.transaction` catches it and retries the body. A body must not
 * swallow it: a transaction whose body returns after being rolled back is
 * an error naming it.
 */
export class TransactionRolledBack extends Error {
  override readonly name = 'TransactionRolledBack';
  constructor(
    /** The key of the outermost attempt rolled back. */
    readonly attemptKey: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}
